// R24: after a granted correction, every earlier recipient of the corrected data (from the
// disclosure register) gets a notification with a letter; the request shows who was informed or
// why that was not possible.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/query.ts';
import { showError, showSuccess } from '../../../components/notify.ts';
import { formatDate } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { LetterView } from '../shared.tsx';
import { useAction } from '../../../components/useAction.ts';
import { useRequestStep } from '../useRequestStep.ts';
import type { Detail, PanelProps } from '../types.ts';
import { FormActions } from '../../../components/FormActions.tsx';

type Notification = Detail['notifications'][number];
const statusColor: Record<string, string> = { open: 'warn', sent: 'ok', notPossible: 'gray.7' };

function NotPossibleDialog({ n, onClose }: { n: Notification; onClose: () => void }) {
  const { t } = useTranslation();
  const markNotification = useRequestStep('requests.markNotification');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await markNotification({ notificationId: n.id, status: 'notPossible', reason: reason.trim() });
      showSuccess(t('requests.detail.marked'));
      onClose();
    });
  }
  return (
    <Modal opened onClose={onClose} title={t('requests.detail.notPossibleTitle', { name: n.recipientName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea label={t('requests.detail.notPossibleReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
          <FormActions error={error} onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

export function NotifyPanel({ detail }: PanelProps) {
  const { t } = useTranslation();
  const r = detail.request;
  // Read again after each step on the request (it invalidates this read): a decision changes who is to be told.
  const found = useApi('requests.recipientsToNotify', { requestId: r.id }).data ?? null;
  const markNotification = useRequestStep('requests.markNotification');
  const [notPossible, setNotPossible] = useState<Notification | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const anyAccepted = detail.changes.some((c) => c.accepted);
  const decided = r.outcome !== null;

  async function markSent(n: Notification) {
    setBusy(n.id);
    try {
      await markNotification({ notificationId: n.id, status: 'sent', reason: null });
      showSuccess(t('requests.detail.marked'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  let explanation: string | null = null;
  if (decided && !anyAccepted) explanation = t('requests.detail.notifyNoAccepted');
  else if (found && found.recipients.length === 0 && detail.notifications.length === 0) {
    explanation = found.available ? t('requests.detail.notifyNone') : t('requests.detail.notifyNoneUnavailable');
  }
  const preview = !r.carriedOutOn && found && found.recipients.length > 0 && !(decided && !anyAccepted);

  return (
    <Section title={t('requests.detail.notify')}>
      <Stack data-testid="notify-panel">
        <Text size="sm">{t('requests.detail.notifyIntro')}</Text>
        {explanation ? <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid="notify-explanation">{explanation}</Alert> : null}
        {preview ? (
          <Stack gap={4} data-testid="notify-preview">
            <Text size="sm" fw={600}>{t('requests.detail.notifyPreview')}</Text>
            {found.recipients.map((rec) => (
              <Text key={`${rec.recipientId}-${rec.recipientName}`} size="sm">
                • {rec.recipientName} <Text span c="dimmed" size="xs">({t('requests.detail.disclosures', { count: rec.disclosureIds.length })})</Text>
              </Text>
            ))}
          </Stack>
        ) : null}
        {detail.notifications.map((n) => (
          <Paper key={n.id} withBorder p="sm" radius="sm" data-testid="notification">
            <Group justify="space-between" wrap="nowrap" mb="xs">
              <Text fw={600}>{n.recipientName}</Text>
              <Group gap="xs">
                <Text size="xs" c="dimmed">{t('requests.detail.disclosures', { count: n.disclosureIds.length })}</Text>
                <Badge color={statusColor[n.status]} variant={n.status === 'open' ? 'filled' : 'light'} data-testid="notification-status">{t(`requests.notificationStatus.${n.status}`)}</Badge>
              </Group>
            </Group>
            {n.status !== 'open' ? (
              <Text size="sm" c="dimmed" mb="xs">
                {t('requests.detail.notificationHandled', { status: t(`requests.notificationStatus.${n.status}`), date: formatDate(n.handledAt), by: n.handledBy })}
                {n.reason ? `: ${n.reason}` : ''}
              </Text>
            ) : null}
            <LetterView id={`notification-${n.id}`} body={n.letter} testId="notification-letter" />
            {n.status === 'open' ? (
              <Group justify="flex-end" mt="xs">
                <Button size="xs" variant="default" onClick={() => setNotPossible(n)}>{t('requests.detail.markNotPossible')}</Button>
                <Button size="xs" leftSection={<IconSend size={14} />} loading={busy === n.id} onClick={() => void markSent(n)}>{t('requests.detail.markSent')}</Button>
              </Group>
            ) : null}
          </Paper>
        ))}
        {notPossible ? <NotPossibleDialog n={notPossible} onClose={() => setNotPossible(null)} /> : null}
      </Stack>
    </Section>
  );
}
