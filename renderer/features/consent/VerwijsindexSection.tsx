// Verwijsindex: registration of participants under 23 and the participant's objection to it (R13).
import { useState } from 'react';
import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { formatDate, today } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { consentChanges, Section, useOptions } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

type Registration = Out<'verwijsindex.list'>[number];
type Action = { kind: 'register' } | { kind: 'objection' | 'end'; registration: Registration };

export function VerwijsindexSection({ participantId, registrations, age, mayRecord }: { participantId: number; registrations: Registration[]; age: number | null; mayRecord: boolean }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const eligible = age !== null && age < 23;
  const hasActive = registrations.some((r) => r.active);

  return (
    <Section title={t('consent.verwijsindex.title')} intro={t('consent.verwijsindex.intro', { age: age ?? '?' })}
      action={mayRecord && eligible && !hasActive ? <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAction({ kind: 'register' })}>{t('consent.verwijsindex.register')}</Button> : null}>
      {registrations.length === 0 ? <Text c="dimmed">{t('consent.verwijsindex.empty')}</Text> : registrations.map((r) => (
        <Paper key={r.id} withBorder radius="md" p="sm" data-testid="verwijsindex">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600} size="sm">{t('consent.verwijsindex.registeredOn', { date: formatDate(r.registeredOn), age: r.ageAtRegistration })}</Text>
                <Badge variant={r.active ? 'light' : 'outline'} color={r.active ? 'ok' : 'gray.7'}>{r.active ? t('consent.verwijsindex.active') : t('consent.verwijsindex.ended', { date: formatDate(r.endedOn) })}</Badge>
              </Group>
              <Text size="sm">{r.signalReason}</Text>
              {r.objectedOn ? <Text size="xs">{t('consent.verwijsindex.objection', { date: formatDate(r.objectedOn), outcome: t(`consent.objections.status.${r.objectionOutcome ?? 'pending'}`), note: r.objectionNote ?? '' })}</Text> : null}
              {r.endReason ? <Text size="xs" c="dimmed">{r.endReason}</Text> : null}
            </Stack>
            {mayRecord && r.active ? (
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => setAction({ kind: 'objection', registration: r })}>{t('consent.verwijsindex.recordObjection')}</Button>
                <Button size="xs" variant="subtle" color="danger" onClick={() => setAction({ kind: 'end', registration: r })}>{t('consent.verwijsindex.end')}</Button>
              </Group>
            ) : null}
          </Group>
        </Paper>
      ))}
      <VerwijsindexDialog action={action} participantId={participantId} onClose={() => setAction(null)} />
    </Section>
  );
}

/** One dialog for the three steps; each asks a date and a text. */
function VerwijsindexDialog({ action, participantId, onClose }: { action: Action | null; participantId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const register = useApiMutation('verwijsindex.register', { invalidates: consentChanges.verwijsindex });
  const recordObjection = useApiMutation('verwijsindex.recordObjection', { invalidates: consentChanges.verwijsindex });
  const end = useApiMutation('verwijsindex.end', { invalidates: consentChanges.verwijsindex });
  const options = useOptions();
  const [on, setOn] = useState(today());
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'pending' | 'upheld' | 'rejected'>('pending');
  const kind = action?.kind ?? 'register';

  async function submit() {
    if (!action) return;
    if (action.kind === 'register') await register.mutateAsync({ participantId, registeredOn: on, signalReason: text });
    else if (action.kind === 'objection') await recordObjection.mutateAsync({ registrationId: action.registration.id, objectedOn: on, note: text, outcome });
    else await end.mutateAsync({ registrationId: action.registration.id, endedOn: on, reason: text });
    showSuccess(t(`consent.verwijsindex.done.${action.kind}`));
    setText('');
  }

  return (
    <FormDialog opened={!!action} onClose={onClose} title={t(`consent.verwijsindex.dialog.${kind}`)} submitLabel={t('common.save')} danger={kind === 'end'} onSubmit={submit}>
      <DateField label={t('consent.verwijsindex.date')} value={on} maxDate={today()} onChange={setOn} required />
      <Textarea label={t(`consent.verwijsindex.text.${kind}`)} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
      {kind === 'objection' ? (
        <Select label={t('consent.objections.outcome')} data={options(['pending', 'upheld', 'rejected'], 'consent.objections.status')} value={outcome} onChange={(v) => v && setOutcome(v as typeof outcome)} allowDeselect={false} />
      ) : null}
    </FormDialog>
  );
}
