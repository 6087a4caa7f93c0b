// "Register" for the privacy officer: the organisation-wide disclosure register with filters,
// exceptions waiting for review (R12, R14) and the mandate overview (active, expiring, withdrawn).
import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Pagination, Paper, Select, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import type { In, Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { BasisBadge } from './DisclosuresSection.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { CategoryBadges, MandateStateBadge, useOptions } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

type Row = Out<'disclosures.register'>['rows'][number];
type MandateRow = Out<'mandates.overview'>['active'][number];
const PAGE = 50;

function ParticipantCell({ row }: { row: { participantId: number; participantName: string; dossierNumber: string } }) {
  return (
    <>
      <Anchor href={`#/dossiers/${row.participantId}?tab=consent`} fw={600} size="sm">{row.participantName}</Anchor>
      <Text size="xs" c="dimmed" ff="monospace">{row.dossierNumber}</Text>
    </>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('disclosures');
  return (
    <>
      <PageHeader title={t('consent.register.title')} description={t('consent.register.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="disclosures">{t('consent.register.disclosures')}</Tabs.Tab>
          <Tabs.Tab value="review">{t('consent.register.review')}</Tabs.Tab>
          <Tabs.Tab value="mandates">{t('consent.register.mandates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="disclosures" pt="md"><DisclosureRegister flaggedOnly={false} /></Tabs.Panel>
        <Tabs.Panel value="review" pt="md"><DisclosureRegister flaggedOnly /></Tabs.Panel>
        <Tabs.Panel value="mandates" pt="md"><MandateOverview /></Tabs.Panel>
      </Tabs>
    </>
  );
}

type Filters = { recipientId: string | null; basis: string | null; from: string; to: string; flaggedOnly: boolean };

function DisclosureRegister({ flaggedOnly }: { flaggedOnly: boolean }) {
  const { t } = useTranslation();
  const options = useOptions();
  const recipients = useApi('recipients.list', { includeInactive: true }).data ?? [];
  const [draft, setDraft] = useState<Filters>({ recipientId: null, basis: null, from: '', to: '', flaggedOnly });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const [reviewing, setReviewing] = useState<Row | null>(null);

  const input: In<'disclosures.register'> = { flaggedOnly: filters.flaggedOnly, offset: (page - 1) * PAGE, limit: PAGE };
  if (filters.recipientId) input.recipientId = Number(filters.recipientId);
  if (filters.basis) input.basis = filters.basis as Row['basis'];
  if (filters.from) input.from = filters.from;
  if (filters.to) input.to = filters.to;
  // The previous page stays in view while the next one is read.
  const query = useApi('disclosures.register', input, { placeholderData: keepPreviousData });

  return (
    <Stack>
      {flaggedOnly ? <Text size="sm" c="dimmed">{t('consent.register.reviewIntro')}</Text> : (
        <Paper withBorder radius="md" p="md" component="form" onSubmit={(e) => {
          e.preventDefault();
          // "Filteren" with unchanged filters on the first page reads again, as it always did.
          if (page === 1 && JSON.stringify(draft) === JSON.stringify(filters)) void query.refetch();
          setPage(1);
          setFilters(draft);
        }}>
          <Group align="flex-end">
            <Select label={t('consent.disclosures.recipient')} data={recipients.map((r) => ({ value: String(r.id), label: r.name }))} value={draft.recipientId} onChange={(v) => setDraft({ ...draft, recipientId: v })} clearable searchable placeholder={t('consent.register.all')} w={240} />
            <Select label={t('consent.disclosures.basis')} data={options(['mandate', 'legalDuty', 'exception'], 'consent.basis')} value={draft.basis} onChange={(v) => setDraft({ ...draft, basis: v })} clearable placeholder={t('consent.register.all')} w={220} />
            <DateField label={t('consent.register.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} w={170} />
            <DateField label={t('consent.register.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} w={170} />
            <Checkbox label={t('consent.register.flaggedOnly')} checked={draft.flaggedOnly} onChange={(e) => setDraft({ ...draft, flaggedOnly: e.currentTarget.checked })} mb={8} />
            <Button type="submit" leftSection={<IconSearch size={16} />}>{t('consent.register.filter')}</Button>
          </Group>
        </Paper>
      )}
      <QueryState query={query} empty={(d) => d.rows.length === 0} emptyText={flaggedOnly ? t('consent.register.nothingToReview') : t('consent.register.empty')}>
        {(data) => (
        <>
          <Text size="sm" c="dimmed">{t('consent.register.count', { count: data.total })}</Text>
          <DataTable minWidth={1000} data-testid="register-table" headers={[t('consent.disclosures.date'), t('consent.register.participant'), t('consent.disclosures.recipient'), t('consent.mandates.categories'), t('consent.disclosures.basis'), t('consent.register.recordedBy')]} actions={flaggedOnly}>
            {data.rows.map((r) => (
              <Table.Tr key={r.id} data-testid="register-row">
                <Table.Td>{formatDate(r.disclosedOn)}</Table.Td>
                <Table.Td><ParticipantCell row={r} /></Table.Td>
                <Table.Td><Text size="sm" fw={600}>{r.recipientName}</Text><Text size="xs" c="dimmed">{t(`consent.purpose.${r.purpose}`)} · {t(`consent.channel.${r.channel}`)}</Text></Table.Td>
                <Table.Td><CategoryBadges categories={r.categories} /></Table.Td>
                <Table.Td>
                  <BasisBadge d={r} />
                  <Text size="xs" c="dimmed" maw={320}>{r.legalDuty ?? r.exceptionArguments ?? ''}</Text>
                  {r.reviewNote ? <Text size="xs">{t('consent.register.reviewedBy', { name: r.reviewedBy ?? '', note: r.reviewNote })}</Text> : null}
                </Table.Td>
                <Table.Td><Text size="sm">{r.recordedBy}</Text></Table.Td>
                {flaggedOnly ? <Table.Td><Button size="xs" onClick={() => setReviewing(r)}>{t('consent.register.reviewAction')}</Button></Table.Td> : null}
              </Table.Tr>
            ))}
          </DataTable>
          {data.total > PAGE ? <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': t(`consent.register.page.${c}`) })} /> : null}
        </>
        )}
      </QueryState>
      <ReviewDialog row={reviewing} onClose={() => setReviewing(null)} />
    </Stack>
  );
}

function ReviewDialog({ row, onClose }: { row: Row | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  // A reviewed exception leaves the review list and shows its note in the register and the dossier.
  const review = useApiMutation('disclosures.reviewException', { invalidates: ['disclosures.register', 'disclosures.list'] });
  async function submit() {
    if (!row) return;
    await review.mutateAsync({ disclosureId: row.id, note });
    showSuccess(t('consent.register.reviewDone'));
    setNote('');
  }
  return (
    <FormDialog opened={!!row} onClose={onClose} title={t('consent.register.reviewTitle')} submitLabel={t('consent.register.reviewSave')} onSubmit={submit}>
      <Text size="sm"><b>{row?.participantName}</b> → {row?.recipientName}, {formatDate(row?.disclosedOn)}</Text>
      <Paper withBorder p="sm" radius="md"><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{row?.exceptionArguments}</Text></Paper>
      <Textarea label={t('consent.register.reviewNote')} description={t('consent.register.reviewNoteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} required data-autofocus />
    </FormDialog>
  );
}

function MandateTable({ title, rows, empty }: { title: string; rows: MandateRow[]; empty: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group gap="xs"><Text component="h2" fw={600} size="lg" m={0}>{title}</Text><Badge variant="light" color="gray.7">{rows.length}</Badge></Group>
      {rows.length === 0 ? <Text c="dimmed" size="sm">{empty}</Text> : (
        <DataTable minWidth={900} headers={[t('consent.register.participant'), t('consent.mandates.recipient'), t('consent.mandates.categories'), t('consent.mandates.period'), t('consent.mandates.state')]}>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td><ParticipantCell row={m} /></Table.Td>
              <Table.Td><Text size="sm" fw={600}>{m.recipientName}</Text><Text size="xs" c="dimmed">{t(`consent.direction.${m.direction}`)} · {t(`consent.purpose.${m.purpose}`)}</Text></Table.Td>
              <Table.Td><CategoryBadges categories={m.categories} /></Table.Td>
              <Table.Td>{formatDate(m.validFrom)} – {m.validUntil ? formatDate(m.validUntil) : t('consent.mandates.openEnded')}</Table.Td>
              <Table.Td miw={130}>
                <MandateStateBadge mandate={m} />
                {m.withdrawnOn ? <Text size="xs" c="dimmed">{formatDate(m.withdrawnOn)}</Text> : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

function MandateOverview() {
  const query = useApi('mandates.overview', { expiringWithinDays: 30 });
  return <QueryState query={query} height={300}>{(data) => <MandateSections data={data} />}</QueryState>;
}

function MandateSections({ data }: { data: Out<'mandates.overview'> }) {
  const { t } = useTranslation();
  const sections: [string, MandateRow[], string][] = [
    [t('consent.register.expiring'), data.expiring, t('consent.register.noneExpiring')],
    [t('consent.register.active'), data.active, t('consent.register.noneActive')],
    [t('consent.register.withdrawn'), data.withdrawn, t('consent.register.noneWithdrawn')],
  ];
  const blocks: ReactNode[] = sections.map(([title, rows, empty]) => <MandateTable key={title} title={title} rows={rows} empty={empty} />);
  return <Stack gap="lg" data-testid="mandate-overview">{blocks}</Stack>;
}
