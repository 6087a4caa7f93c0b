// Carrying out the decision (a granted correction is applied through the dossier service, R23)
// and closing the request; both ask for confirmation first.
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRequestStep } from '../useRequestStep.ts';
import { showSuccess } from '../../../components/notify.ts';
import { formatDate } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { FormError } from '../../../components/FormActions.tsx';
import { useAction } from '../../../components/useAction.ts';
import type { PanelProps } from '../types.ts';

export function FinishPanel({ detail, canHandle }: PanelProps) {
  const carryOut = useRequestStep('requests.carryOut');
  const close = useRequestStep('requests.close');
  const { t } = useTranslation();
  const r = detail.request;
  const [note, setNote] = useState('');
  const [confirm, setConfirm] = useState<'carryOut' | 'close' | null>(null);
  const { busy, error, run } = useAction();
  const mayCarryOut = canHandle && detail.actions.includes('carryOut');
  const mayClose = canHandle && detail.actions.includes('close');
  if (!mayCarryOut && !mayClose && !r.carriedOutOn && !r.closedOn) return null;

  async function carryOutOrClose() {
    await run(async () => {
      if (confirm === 'carryOut') {
        await carryOut({ requestId: r.id, note: note.trim() || null });
        showSuccess(t('requests.detail.carriedOut'));
      } else {
        await close({ requestId: r.id });
        showSuccess(t('requests.detail.closed'));
      }
    });
    setConfirm(null);
  }

  return (
    <Section title={mayClose || r.closedOn ? t('requests.detail.close') : t('requests.detail.carryOut')}>
      <Stack>
        {r.carriedOutOn ? (
          <Alert color="ok" variant="light" icon={<IconCheck size={18} />}>
            {t('requests.detail.carriedOutInfo', { date: formatDate(r.carriedOutOn) })}{r.carriedOutNote ? `: ${r.carriedOutNote}` : ''}
          </Alert>
        ) : null}
        {r.closedOn ? <Alert color="gray" variant="light" icon={<IconLock size={18} />}>{t('requests.detail.closedInfo', { date: formatDate(r.closedOn) })}</Alert> : null}
        {mayCarryOut ? (
          <>
            <Text size="sm">{t('requests.detail.carryOutIntro')}</Text>
            <Textarea label={t('requests.detail.carryOutNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
            <Group justify="flex-end"><Button onClick={() => setConfirm('carryOut')}>{t('requests.detail.carryOutSubmit')}</Button></Group>
          </>
        ) : null}
        {mayClose ? <Group justify="flex-end"><Button variant="default" leftSection={<IconLock size={16} />} onClick={() => setConfirm('close')}>{t('requests.detail.close')}</Button></Group> : null}
        <FormError error={error} />
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm === 'close' ? t('requests.detail.close') : t('requests.detail.carryOutSubmit')}
        confirmLabel={t('requests.detail.confirm')}
        onConfirm={() => void carryOutOrClose()}
        onCancel={() => setConfirm(null)}
        busy={busy}
      >
        <Text size="sm">{confirm === 'close' ? t('requests.detail.closeConfirm') : t('requests.detail.carryOutConfirm')}</Text>
      </ConfirmDialog>
    </Section>
  );
}
