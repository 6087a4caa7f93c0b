// Objections (verzet) to disclosure to named recipients: recorded with the participant's
// circumstances, decided within the policy's term; an upheld objection blocks those recipients (R27).
import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, MultiSelect, Paper, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { formatDate, today } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { can, useSession } from '../../state/session.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { consentChanges, Section, type Recipient } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

type Objection = Out<'objections.list'>[number];
const statusColor = { pending: 'warn', upheld: 'danger', rejected: 'gray.7' } as const;

export function ObjectionsSection({ participantId, objections, recipients, mayHandle }: { participantId: number; objections: Objection[]; recipients: Recipient[]; mayHandle: boolean }) {
  const { t } = useTranslation();
  const mayReadRequests = can(useSession((s) => s.me), 'requests.read');
  const [recording, setRecording] = useState(false);
  const [deciding, setDeciding] = useState<Objection | null>(null);

  return (
    <Section title={t('consent.objections.title')} intro={t('consent.objections.intro')}
      action={mayHandle ? <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>{t('consent.objections.record')}</Button> : null}>
      {objections.length === 0 ? <Text c="dimmed">{t('consent.objections.empty')}</Text> : (
        <Stack gap="xs">
          {objections.map((o) => (
            <Paper key={o.id} withBorder radius="md" p="sm" data-testid="objection">
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">{o.recipients.map((r) => r.name).join(', ')}</Text>
                    <Badge color={statusColor[o.status]} variant={o.status === 'pending' ? 'light' : 'outline'}>{t(`consent.objections.status.${o.status}`)}</Badge>
                    {o.overdue ? <Badge color="danger" variant="filled">{t('consent.objections.overdue')}</Badge> : null}
                  </Group>
                  <Text size="sm">{o.circumstances}</Text>
                  <Text size="xs" c="dimmed">
                    {t('consent.objections.received', { date: formatDate(o.receivedOn) })}
                    {o.status === 'pending' ? ` · ${t('consent.objections.due', { date: formatDate(o.dueOn) })}` : ` · ${t('consent.objections.decided', { date: formatDate(o.decidedOn), name: o.decidedBy ?? '' })}`}
                  </Text>
                  {o.reasons ? <Text size="xs">{o.reasons}</Text> : null}
                  {o.requestId !== null && mayReadRequests ? (
                    <Anchor href={`#/requests/${o.requestId}`} size="xs" data-testid="objection-request">{t('consent.objectionRequest.link', { id: o.requestId })}</Anchor>
                  ) : null}
                </Stack>
                {mayHandle && o.status === 'pending' ? <Button size="xs" variant="light" onClick={() => setDeciding(o)}>{t('consent.objections.decide')}</Button> : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {mayHandle && recording ? <RecordObjectionDialog opened onClose={() => setRecording(false)} participantId={participantId} recipients={recipients} linkRequests={mayReadRequests} /> : null}
      <DecideDialog objection={deciding} onClose={() => setDeciding(null)} />
    </Section>
  );
}

type VerzetRequest = Out<'requests.list'>['rows'][number];

/** The participant's open 'verzet' requests an objection may belong to (none without requests.read). */
function useOpenVerzetRequests(participantId: number, enabled: boolean): VerzetRequest[] {
  const open = useApi('requests.list', { participantId, open: true, limit: 500 }, { enabled }).data;
  return useMemo(() => (enabled ? (open?.rows ?? []).filter((x) => x.type === 'verzet') : []), [open, enabled]);
}

function RecordObjectionDialog({ opened, onClose, participantId, recipients, linkRequests }: { opened: boolean; onClose: () => void; participantId: number; recipients: Recipient[]; linkRequests: boolean }) {
  const { t } = useTranslation();
  const record = useApiMutation('objections.record', { invalidates: consentChanges.objection });
  const [recipientIds, setRecipientIds] = useState<string[]>([]);
  const [circumstances, setCircumstances] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [requestId, setRequestId] = useState<string | null>(null);
  const verzetRequests = useOpenVerzetRequests(participantId, linkRequests);

  async function submit() {
    await record.mutateAsync({ participantId, recipientIds: recipientIds.map(Number), circumstances, receivedOn, requestId: requestId ? Number(requestId) : null });
    showSuccess(t('consent.objections.recorded'));
    setRecipientIds([]);
    setCircumstances('');
    setRequestId(null);
  }

  return (
    <FormDialog opened={opened} onClose={onClose} title={t('consent.objections.record')} submitLabel={t('consent.objections.save')} onSubmit={submit} disabled={recipientIds.length === 0}>
      <MultiSelect label={t('consent.objections.recipients')} data={recipients.map((r) => ({ value: String(r.id), label: r.name }))} value={recipientIds} onChange={setRecipientIds} searchable required data-autofocus />
      <Textarea label={t('consent.objections.circumstances')} description={t('consent.objections.circumstancesHelp')} value={circumstances} onChange={(e) => setCircumstances(e.currentTarget.value)} autosize minRows={3} required />
      <DateField label={t('consent.objections.receivedOn')} value={receivedOn} maxDate={today()} onChange={setReceivedOn} required />
      {linkRequests ? (
        <Select
          label={t('consent.objectionRequest.label')}
          description={verzetRequests.length ? t('consent.objectionRequest.help') : t('consent.objectionRequest.none')}
          placeholder={t('consent.objectionRequest.placeholder')}
          data={verzetRequests.map((r) => ({ value: String(r.id), label: t('consent.objectionRequest.option', { id: r.id, date: formatDate(r.receivedOn), handler: r.handlerName }) }))}
          value={requestId}
          onChange={setRequestId}
          disabled={verzetRequests.length === 0}
          clearable
        />
      ) : null}
    </FormDialog>
  );
}

function DecideDialog({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useApiMutation('objections.decide', { invalidates: consentChanges.objection });
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('upheld');
  const [reasons, setReasons] = useState('');
  const [decidedOn, setDecidedOn] = useState(today());

  async function submit() {
    if (!objection) return;
    await decide.mutateAsync({ objectionId: objection.id, outcome, reasons, decidedOn });
    showSuccess(t('consent.objections.decidedDone'));
    setReasons('');
  }

  return (
    <FormDialog opened={!!objection} onClose={onClose} title={t('consent.objections.decide')} submitLabel={t('consent.objections.saveDecision')} onSubmit={submit}>
      <Text size="sm">{objection?.circumstances}</Text>
      <Radio.Group label={t('consent.objections.outcome')} value={outcome} onChange={(v) => setOutcome(v as typeof outcome)} required>
        <Stack gap={6} mt={4}>
          <Radio value="upheld" label={t('consent.objections.upheldHelp')} />
          <Radio value="rejected" label={t('consent.objections.rejectedHelp')} />
        </Stack>
      </Radio.Group>
      <Textarea label={t('consent.objections.reasons')} value={reasons} onChange={(e) => setReasons(e.currentTarget.value)} autosize minRows={3} required />
      <DateField label={t('consent.objections.decidedOn')} value={decidedOn} maxDate={today()} onChange={setDecidedOn} required />
    </FormDialog>
  );
}
