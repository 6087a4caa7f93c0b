// "Bewaarplicht" (R45): the legal holds, placed with a reason and an optional last day, lifted with
// a reason after a second click. A held dossier is never due for destruction.
import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../../api/client.ts';
import { apiQuery, useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ConfirmStepForm } from '../../components/ConfirmStepForm.tsx';
import { DateField } from '../../components/DateField.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { domainError } from '../../../core/api/errors.ts';
import { can, useSession } from '../../state/session.ts';
import type { Hold } from './labels.ts';
import { HoldStateBadge } from './badges.tsx';

/** The dossier a hold is placed on, when the screen already knows it (a row of the list). */
export interface HoldTarget { participantId: number; dossierNumber: string }

/** A hold changes the list (held, not due), the holds and the dossier's term line. */
const holdChanges = ['retention.holds', 'retention.list', 'retention.term'] as const;
const MIN_REASON = 10;

export function HoldsTab() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const mayHold = can(me, 'retention.hold');
  const [placing, setPlacing] = useState(false);
  const [lifting, setLifting] = useState<{ hold: Hold; dossierNumber: string } | null>(null);
  const query = useApi('retention.holds', {});
  // A hold names its dossier by id: its number comes from the dossier's term (few holds, each read once).
  const ids = [...new Set((query.data ?? []).map((h) => h.participantId))];
  const terms = useQueries({ queries: ids.map((participantId) => apiQuery('retention.term', { participantId })) });
  const numberOf = (participantId: number) => terms[ids.indexOf(participantId)]?.data?.dossierNumber ?? '…';

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>{t('retention.holds.intro')}</Text>
        {mayHold ? <Button leftSection={<IconLock size={16} />} onClick={() => setPlacing(true)}>{t('retention.holds.place')}</Button> : null}
      </Group>
      <QueryState query={query} empty={(h) => h.length === 0} emptyText={<span data-testid="holds-empty">{t('retention.holds.empty')}</span>}>
        {(holds) => (
          <DataTable minWidth={1000} data-testid="holds-table" actions={mayHold}
            headers={[t('retention.holds.dossier'), t('retention.holds.reason'), t('retention.holds.until'), t('retention.holds.placed'), t('retention.holds.state')]}>
            {holds.map((h) => (
              <Table.Tr key={h.id} data-testid="hold-row">
                <Table.Td><Anchor href={`#/dossiers/${h.participantId}`} ff="monospace" fw={600} size="sm">{numberOf(h.participantId)}</Anchor></Table.Td>
                <Table.Td><Text size="sm" maw={360} className="dk-pre">{h.reason}</Text></Table.Td>
                <Table.Td>{h.untilDate ? formatDate(h.untilDate) : t('retention.holds.untilNone')}</Table.Td>
                <Table.Td><Text size="sm">{t('retention.holds.byOn', { name: h.placedBy, date: formatDateTime(h.placedAt) })}</Text></Table.Td>
                <Table.Td>
                  <HoldStateBadge hold={h} />
                  {h.liftedAt ? <Text size="xs" c="dimmed" maw={260}>{t('retention.holds.liftedBy', { name: h.liftedBy ?? '', date: formatDateTime(h.liftedAt), reason: h.liftReason ?? '' })}</Text> : null}
                </Table.Td>
                {mayHold ? (
                  <Table.Td>
                    {h.liftedAt === null ? (
                      <Button size="xs" variant="subtle" color="danger" onClick={() => setLifting({ hold: h, dossierNumber: numberOf(h.participantId) })}
                        aria-label={t('retention.holds.liftNamed', { dossierNumber: numberOf(h.participantId) })}>{t('retention.holds.lift')}</Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <PlaceHoldDialog target={null} opened={placing} onClose={() => setPlacing(false)} />
      {lifting ? <LiftHoldDialog hold={lifting.hold} dossierNumber={lifting.dossierNumber} onClose={() => setLifting(null)} /> : null}
    </Stack>
  );
}

/** The participant behind a typed dossier number, through the participant search (exact on a number). */
async function findDossier(dossierNumber: string): Promise<HoldTarget> {
  const wanted = dossierNumber.trim().toUpperCase();
  const found = await call('dossiers.list', { query: wanted, scope: 'all', limit: 5 });
  const row = found.rows.find((r) => r.dossierNumber.toUpperCase() === wanted);
  if (!row) throw new ApiCallError(domainError('dossier.notFound').toApiError());
  return { participantId: row.participantId, dossierNumber: row.dossierNumber };
}

export function PlaceHoldDialog({ target, opened, onClose }: { target: HoldTarget | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [dossierNumber, setDossierNumber] = useState('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const place = useApiMutation('retention.placeHold', { invalidates: holdChanges });
  async function submit() {
    const dossier = target ?? await findDossier(dossierNumber);
    await place.mutateAsync({ participantId: dossier.participantId, reason, untilDate: until || null });
    showSuccess(t('retention.holds.placedDone', { dossierNumber: dossier.dossierNumber }));
    setDossierNumber('');
    setReason('');
    setUntil('');
  }
  return (
    <FormDialog opened={opened} onClose={onClose} title={target ? t('retention.list.hold', { dossierNumber: target.dossierNumber }) : t('retention.holds.placeTitle')}
      submitLabel={t('retention.holds.placeSubmit')} onSubmit={submit} testId="hold-form">
      {target ? null : (
        <TextInput label={t('retention.holds.dossierNumber')} description={t('retention.holds.dossierNumberHelp')} value={dossierNumber}
          onChange={(e) => setDossierNumber(e.currentTarget.value)} required data-autofocus ff="monospace" />
      )}
      <Textarea label={t('retention.holds.reasonLabel')} description={t('retention.holds.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)}
        autosize minRows={2} required data-autofocus={target ? true : undefined} data-testid="hold-reason" />
      <DateField label={t('retention.holds.untilLabel')} value={until} onChange={setUntil} w={200} />
    </FormDialog>
  );
}

function LiftHoldDialog({ hold, dossierNumber, onClose }: { hold: Hold; dossierNumber: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const lift = useApiMutation('retention.liftHold', { invalidates: holdChanges });
  return (
    <ConfirmStepForm title={t('retention.holds.liftTitle')} intro={t('retention.holds.liftIntro', { dossierNumber })} confirmText={t('retention.holds.liftConfirm')}
      submitLabel={t('retention.holds.liftSubmit')} confirmLabel={t('retention.holds.liftConfirmLabel')} color="danger"
      valid={reason.trim().length >= MIN_REASON} invalidText={t('retention.holds.reasonShort')}
      onSubmit={async () => {
        await lift.mutateAsync({ holdId: hold.id, reason });
        showSuccess(t('retention.holds.liftedDone'));
      }}
      onClose={onClose}>
      <Text size="sm" className="dk-pre">{hold.reason}</Text>
      <Textarea label={t('retention.holds.liftReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus data-testid="hold-lift-reason" />
    </ConfirmStepForm>
  );
}
