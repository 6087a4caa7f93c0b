import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Pagination, Paper, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle, IconShieldCheck, IconFilter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import type { In } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { showError } from '../../components/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AuditTable } from './AuditTable.tsx';
import { formatMonth } from '../../components/format.ts';
import { DateField } from '../../components/DateField.tsx';

const PAGE = 50;

export function AuditViewer() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('log');
  // Checking the chain is an action on request, not a read to cache: a mutation holds its answer.
  const verifier = useApiMutation('audit.verify');
  const verify = verifier.data;
  const runVerify = () => verifier.mutate({}, { onError: (e) => showError(e) });

  return (
    <Stack>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.subtitle')}
        actions={<Button leftSection={<IconShieldCheck size={16} />} variant="light" onClick={runVerify} loading={verifier.isPending}>{t('audit.verify')}</Button>}
      />
      {verify ? (
        verify.ok ? (
          <Alert color="ok" icon={<IconCircleCheck size={18} />} title={t('audit.verifyOkTitle')} withCloseButton onClose={() => verifier.reset()} data-testid="verify-result">
            {t('audit.verifyOk', { count: verify.checked })}
          </Alert>
        ) : (
          <Alert color="danger" icon={<IconAlertTriangle size={18} />} title={t('audit.verifyBadTitle')} withCloseButton onClose={() => verifier.reset()} data-testid="verify-result">
            {t('audit.verifyBad', { count: verify.findings.length, checked: verify.checked })}
            <ul>{verify.findings.slice(0, 20).map((f) => <li key={`${f.seq}-${f.problem}`}>{t('audit.finding', { seq: f.seq, problem: t(`audit.problem_${f.problem}`) })}{f.problem === 'anchor' && verify.anchor ? `: ${t(`audit.anchor_${verify.anchor.status}`)}` : null}</li>)}</ul>
          </Alert>
        )
      ) : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="log">{t('audit.tabLog')}</Tabs.Tab>
          <Tabs.Tab value="review">{t('audit.tabReview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="log" pt="md"><AuditLog /></Tabs.Panel>
        <Tabs.Panel value="review" pt="md"><AccessReview /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

interface Filters { flaggedOnly: boolean; dossier: string; from: string; to: string }

const sameFilters = (a: Filters, b: Filters) => JSON.stringify(a) === JSON.stringify(b);

function AuditLog() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({ flaggedOnly: false, dossier: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const input: In<'audit.list'> = {
    flaggedOnly: filters.flaggedOnly,
    dossier: filters.dossier.trim() || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  };
  // The trail grows with every action, so it is read again on each open (staleTime 0; listing it
  // is not itself audited); the previous page stays in view while the next one is read.
  const query = useApi('audit.list', input, { staleTime: 0, placeholderData: keepPreviousData });

  function apply(e: FormEvent) {
    e.preventDefault();
    // "Toepassen" with unchanged filters on the first page reads again, as it always did.
    if (page === 1 && sameFilters(draft, filters)) void query.refetch();
    setPage(1);
    setFilters(draft);
  }

  return (
    <Stack>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={apply} aria-label={t('audit.filters')}>
        <Group align="flex-end">
          <Switch
            label={t('audit.flaggedOnly')}
            checked={draft.flaggedOnly}
            onChange={(e) => {
              const next = { ...draft, flaggedOnly: e.currentTarget.checked };
              setDraft(next);
              setPage(1);
              setFilters(next);
            }}
            mb={8}
            data-testid="flagged-only"
          />
          <TextInput label={t('audit.dossierFilter')} placeholder={t('audit.dossierFilterHint')} value={draft.dossier} onChange={(e) => setDraft({ ...draft, dossier: e.currentTarget.value })} maxLength={100} w={240} data-testid="audit-dossier-filter" />
          <DateField label={t('audit.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v })} w={170} />
          <DateField label={t('audit.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} w={170} />
          <Button type="submit" leftSection={<IconFilter size={16} />}>{t('audit.apply')}</Button>
        </Group>
      </Paper>
      <QueryState query={query}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">{t('audit.count', { count: data.total })}</Text>
            <AuditTable lines={data.lines} caption={t('audit.caption')} />
            {data.total > PAGE ? <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c })} /> : null}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** R06: the monthly access review lists access outside the caseload and break-the-glass access. */
function AccessReview() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  // The month typed is only read once "Tonen" is pressed; pressing it again reads again.
  const [shown, setShown] = useState(month);
  const query = useApi('audit.accessReview', { month: shown }, { staleTime: 0, placeholderData: keepPreviousData });

  function run(e: FormEvent) {
    e.preventDefault();
    if (month === shown) void query.refetch();
    else setShown(month);
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('audit.reviewIntro')}</Text>
      <Group align="flex-end" component="form" onSubmit={run}>
        <TextInput type="month" label={t('audit.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={200} />
        <Button type="submit" loading={query.isFetching}>{t('audit.showReview')}</Button>
      </Group>
      <QueryState query={query}>
        {(lines) => <AuditTable lines={lines} caption={t('audit.reviewCaption', { month: formatMonth(shown, i18n.language) })} />}
      </QueryState>
    </Stack>
  );
}
