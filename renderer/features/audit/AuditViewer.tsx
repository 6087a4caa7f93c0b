import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Pagination, Paper, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle, IconShieldCheck, IconFilter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../api/client.ts';
import { errorText, showError } from '../../components/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AuditTable } from './AuditTable.tsx';
import { formatMonth } from '../../components/format.ts';
import { FormError } from '../../components/FormActions.tsx';
import { DateField } from '../../components/DateField.tsx';

const PAGE = 50;

export function AuditViewer() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('log');
  const [verify, setVerify] = useState<Out<'audit.verify'> | null>(null);
  const [verifying, setVerifying] = useState(false);

  async function runVerify() {
    setVerifying(true);
    try {
      setVerify(await call('audit.verify', {}));
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  }

  return (
    <Stack>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.subtitle')}
        actions={<Button leftSection={<IconShieldCheck size={16} />} variant="light" onClick={() => void runVerify()} loading={verifying}>{t('audit.verify')}</Button>}
      />
      {verify ? (
        verify.ok ? (
          <Alert color="ok" icon={<IconCircleCheck size={18} />} title={t('audit.verifyOkTitle')} withCloseButton onClose={() => setVerify(null)} data-testid="verify-result">
            {t('audit.verifyOk', { count: verify.checked })}
          </Alert>
        ) : (
          <Alert color="danger" icon={<IconAlertTriangle size={18} />} title={t('audit.verifyBadTitle')} withCloseButton onClose={() => setVerify(null)} data-testid="verify-result">
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

function AuditLog() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({ flaggedOnly: false, dossier: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Out<'audit.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await call('audit.list', {
        flaggedOnly: filters.flaggedOnly,
        dossier: filters.dossier.trim() || undefined,
        from: filters.from || undefined,
        to: filters.to || undefined,
        offset: (page - 1) * PAGE,
        limit: PAGE,
      });
      setData(res);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [filters, page]);

  useEffect(() => {
    void load();
  }, [load]);

  function apply(e: FormEvent) {
    e.preventDefault();
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
      <FormError error={error} />
      {data ? (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">{t('audit.count', { count: data.total })}</Text>
          <AuditTable lines={data.lines} caption={t('audit.caption')} />
          {data.total > PAGE ? <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': c })} /> : null}
        </>
      ) : null}
    </Stack>
  );
}

/** R06: the monthly access review lists access outside the caseload and break-the-glass access. */
function AccessReview() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [lines, setLines] = useState<Out<'audit.accessReview'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    try {
      setLines(await call('audit.accessReview', { month }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const [initial] = useState(month);
  useEffect(() => {
    call('audit.accessReview', { month: initial }).then(setLines, (err) => setError(errorText(err)));
  }, [initial]);

  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('audit.reviewIntro')}</Text>
      <Group align="flex-end" component="form" onSubmit={run}>
        <TextInput type="month" label={t('audit.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={200} />
        <Button type="submit" loading={busy}>{t('audit.showReview')}</Button>
      </Group>
      <FormError error={error} />
      {lines ? <AuditTable lines={lines} caption={t('audit.reviewCaption', { month: formatMonth(month, i18n.language) })} /> : null}
    </Stack>
  );
}
