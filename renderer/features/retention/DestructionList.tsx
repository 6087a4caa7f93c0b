// "Te vernietigen" (R40, R41, R43, R45): the dossiers whose term has ended and those ending within N
// weeks, with the filters of retention.list, the counts and the CSV; the privacy officer selects due
// dossiers and proposes them as a batch, with a reason, for a second person to approve.
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconDownload, IconFilter, IconLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, type In, type Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate } from '../../components/format.ts';
import { showError, showSuccess } from '../../components/notify.ts';
import { downloadText } from '../../components/download.ts';
import { can, useSession } from '../../state/session.ts';
import { basisText, categoryText } from './labels.ts';
import { PlaceHoldDialog, type HoldTarget } from './HoldsTab.tsx';

type ListInput = In<'retention.list'>;
type Row = Out<'retention.list'>['rows'][number];
const bases = ['term', 'death', 'request'] as const;
const categories = ['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other', 'contact'] as const;

/** A row may be proposed: its term has ended, no hold and not already in a pending batch. */
const selectable = (r: Row) => r.due && r.hold === null && r.batchId === null;

/** Invalidated by a proposal: the list (rows now "in a batch"), the batches and the dossier's term line. */
export const proposalChanges = ['retention.list', 'retention.batches', 'retention.term'] as const;

export function DestructionList() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [draft, setDraft] = useState<ListInput>({ withinWeeks: 8, held: 'include' });
  // Each read is audited: changed filters wait for "Tonen", which also reads again when nothing changed.
  const [shown, setShown] = useState<ListInput>(draft);
  const query = useApi('retention.list', shown);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [proposing, setProposing] = useState(false);
  const [holding, setHolding] = useState<HoldTarget | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const mayPropose = can(me, 'retention.propose');
  const mayHold = can(me, 'retention.hold');

  function show() {
    setSelected(new Set());
    if (JSON.stringify(draft) === JSON.stringify(shown)) void query.refetch();
    else setShown(draft);
  }

  async function csv() {
    setCsvBusy(true);
    try {
      const file = await call('retention.csv', shown);
      void downloadText(file.fileName, file.csv);
    } catch (e) {
      showError(e);
    } finally {
      setCsvBusy(false);
    }
  }

  const options = (values: readonly string[], text: (v: string) => string) => values.map((v) => ({ value: v, label: text(v) }));
  const rows = query.data?.rows ?? [];
  const proposable = rows.filter(selectable);
  const chosen = proposable.filter((r) => selected.has(r.participantId));
  const toggle = (id: number, on: boolean) => setSelected((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  return (
    <Stack>
      <Paper withBorder radius="md" p="md" component="form" onSubmit={(e) => { e.preventDefault(); show(); }}>
        <Group align="flex-end">
          <NumberInput label={t('retention.list.withinWeeks')} title={t('retention.list.withinWeeksHelp')} value={draft.withinWeeks} min={0} max={520} allowDecimal={false}
            onChange={(v) => setDraft({ ...draft, withinWeeks: typeof v === 'number' ? v : 0 })} w={170} data-testid="within-weeks" />
          <Select label={t('retention.list.basis')} data={options(bases, (v) => basisText(t, v))} value={draft.basis ?? null} clearable placeholder={t('retention.list.all')}
            onChange={(v) => setDraft({ ...draft, basis: (v ?? undefined) as ListInput['basis'] })} w={220} />
          <Select label={t('retention.list.category')} data={options(categories, (v) => categoryText(t, v))} value={draft.category ?? null} clearable placeholder={t('retention.list.all')}
            onChange={(v) => setDraft({ ...draft, category: (v ?? undefined) as ListInput['category'] })} w={210} />
          <Select label={t('retention.list.held')} data={options(['include', 'exclude', 'only'], (v) => t(`retention.list.held${v[0]!.toUpperCase()}${v.slice(1)}`))} value={draft.held ?? 'include'} allowDeselect={false}
            onChange={(v) => setDraft({ ...draft, held: (v ?? 'include') as ListInput['held'] })} w={210} />
          <Button type="submit" variant="default" leftSection={<IconFilter size={16} />} loading={query.isFetching}>{t('retention.list.show')}</Button>
        </Group>
      </Paper>
      <QueryState query={query} height={300}>
        {(list) => (
          <Stack>
            <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="retention-counts">
              <Count label={t('retention.list.due')} value={list.counts.due} testId="count-due" />
              <Count label={t('retention.list.upcoming')} value={list.counts.upcoming} testId="count-upcoming" />
              <Count label={t('retention.list.heldCount')} value={list.counts.held} testId="count-held" />
              <Count label={t('retention.list.inBatch')} value={list.counts.inBatch} testId="count-in-batch" />
            </SimpleGrid>
            <Text size="xs" c="dimmed">{t('retention.list.counts', { today: formatDate(list.today), horizon: formatDate(list.horizon) })}</Text>
            <Group justify="space-between">
              {mayPropose ? <Text size="sm" data-testid="selected-count">{t('retention.list.selected', { count: chosen.length })}</Text> : <span />}
              <Group gap="sm">
                <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void csv()} loading={csvBusy}>{t('retention.list.csv')}</Button>
                {mayPropose ? <Button color="danger" leftSection={<IconTrash size={16} />} disabled={chosen.length === 0} onClick={() => setProposing(true)}>{t('retention.list.propose')}</Button> : null}
              </Group>
            </Group>
            {list.rows.length === 0 ? <Text c="dimmed" data-testid="retention-empty">{t('retention.list.empty')}</Text> : (
              <DataTable minWidth={1000} data-testid="retention-table" actions={mayHold}
                headers={[
                  ...(mayPropose ? [<Checkbox key="all" aria-label={t('retention.list.selectAll')} disabled={proposable.length === 0}
                    checked={proposable.length > 0 && chosen.length === proposable.length} indeterminate={chosen.length > 0 && chosen.length < proposable.length}
                    onChange={(e) => setSelected(e.currentTarget.checked ? new Set(proposable.map((r) => r.participantId)) : new Set())} />] : []),
                  t('retention.list.dossier'), t('retention.list.categoryBasis'), t('retention.list.lastContact'), t('retention.list.termEnds'), t('retention.list.state'),
                ]}>
                {list.rows.map((r) => (
                  <Table.Tr key={r.participantId} data-testid="retention-row">
                    {mayPropose ? (
                      <Table.Td>
                        <Checkbox aria-label={t('retention.list.select', { dossierNumber: r.dossierNumber })} disabled={!selectable(r)}
                          checked={selected.has(r.participantId) && selectable(r)} onChange={(e) => toggle(r.participantId, e.currentTarget.checked)} />
                      </Table.Td>
                    ) : null}
                    <Table.Td><Anchor href={`#/dossiers/${r.participantId}`} ff="monospace" fw={600} size="sm">{r.dossierNumber}</Anchor></Table.Td>
                    <Table.Td><Text size="sm">{categoryText(t, r.category)}</Text><Text size="xs" c="dimmed">{basisText(t, r.basis)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{formatDate(r.lastContact.on)}</Text><Text size="xs" c="dimmed">{t(`retention.source.${r.lastContact.source}`)}</Text></Table.Td>
                    <Table.Td>{formatDate(r.termEndsOn)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge variant="outline" color={r.due ? 'danger' : 'gray.7'} size="sm">{t(r.due ? 'retention.list.dueBadge' : 'retention.list.upcomingBadge')}</Badge>
                        {r.hold ? <Badge variant="light" color="warn" size="sm" title={r.hold.reason} data-testid="hold-badge">{r.hold.untilDate ? t('retention.list.heldUntil', { date: formatDate(r.hold.untilDate) }) : t('retention.list.heldBadge')}</Badge> : null}
                        {r.batchId !== null ? <Badge variant="light" color="kluis" size="sm">{t('retention.list.inBatchBadge', { id: r.batchId })}</Badge> : null}
                      </Group>
                    </Table.Td>
                    {mayHold ? (
                      <Table.Td>
                        {r.hold ? null : (
                          <Button size="xs" variant="subtle" leftSection={<IconLock size={14} />} onClick={() => setHolding({ participantId: r.participantId, dossierNumber: r.dossierNumber })}
                            aria-label={t('retention.list.hold', { dossierNumber: r.dossierNumber })}>{t('retention.tabs.holds')}</Button>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </DataTable>
            )}
            <FieldTerms fields={list.fields} mayErase={mayPropose} />
          </Stack>
        )}
      </QueryState>
      <ProposeDialog opened={proposing} rows={chosen} onClose={() => setProposing(false)} onDone={() => setSelected(new Set())} />
      <PlaceHoldDialog target={holding} opened={holding !== null} onClose={() => setHolding(null)} />
    </Stack>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl" data-testid={testId}>{value}</Text>
    </Paper>
  );
}

/** R43: the field values whose shorter term ends within the period; the privacy officer erases the due ones. */
function FieldTerms({ fields, mayErase }: { fields: Out<'retention.list'>['fields']; mayErase: boolean }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  // The erasure changes the dossiers' data and this list: everything read about them is stale.
  const erase = useApiMutation('retention.eraseDueFields', { invalidates: ['retention.list', 'retention.term', 'dossiers.get', 'dossiers.history', 'dossiers.list'] });
  if (fields.length === 0) return null;
  const today = new Date().toISOString().slice(0, 10);
  const due = fields.filter((f) => f.dueOn <= today && !f.held).length;
  async function run() {
    try {
      const r = await erase.mutateAsync({});
      showSuccess(t('retention.fieldErase.done', { count: r.fields, dossiers: r.dossiers }));
      if (!r.checkpointClean) showError(t('retention.fieldErase.notClean'));
    } finally {
      setConfirming(false);
    }
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg" m={0}>{t('retention.list.fieldsTitle')}</Text>
        {mayErase && due > 0 ? (
          <Button color="danger" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)} data-testid="erase-due-fields">
            {t('retention.fieldErase.button', { count: due })}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">{t('retention.list.fieldsIntro')}</Text>
      <DataTable headers={[t('retention.list.dossier'), t('retention.list.field'), t('retention.list.fieldStarts'), t('retention.list.fieldDue')]}>
        {fields.map((f) => (
          <Table.Tr key={`${f.participantId}-${f.field}`}>
            <Table.Td><Anchor href={`#/dossiers/${f.participantId}`} ff="monospace" size="sm">{f.dossierNumber}</Anchor></Table.Td>
            <Table.Td>{t(`fields.${f.field}`)}{f.held ? <Badge ml="xs" variant="light" color="warn" size="sm">{t('retention.list.heldBadge')}</Badge> : null}</Table.Td>
            <Table.Td>{formatDate(f.startsOn)}</Table.Td>
            <Table.Td>{formatDate(f.dueOn)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ConfirmDialog opened={confirming} title={t('retention.fieldErase.title')} confirmLabel={t('retention.fieldErase.confirm')} color="danger"
        onConfirm={() => void run()} onCancel={() => setConfirming(false)} busy={erase.isPending} autoFocus="cancel">
        <Text size="sm">{t('retention.fieldErase.body', { count: due })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}

function ProposeDialog({ opened, rows, onClose, onDone }: { opened: boolean; rows: Row[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const propose = useApiMutation('retention.propose', { invalidates: proposalChanges });
  async function submit() {
    const batch = await propose.mutateAsync({ participantIds: rows.map((r) => r.participantId), reason });
    showSuccess(t('retention.propose.done', { id: batch.id }));
    setReason('');
    onDone();
  }
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('retention.propose.title')} submitLabel={t('retention.propose.submit')} danger onSubmit={submit} testId="propose-form">
      <Text size="sm">{t('retention.propose.intro', { count: rows.length })}</Text>
      <Text size="sm" ff="monospace">{rows.map((r) => r.dossierNumber).join(', ')}</Text>
      <Textarea label={t('retention.propose.reason')} description={t('retention.propose.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus data-testid="propose-reason" />
    </FormDialog>
  );
}
