// "Statistieken": anonymised counts (R16). Cells below the threshold, and a second cell where a total would give a small one back, show as "x"; the CSV comes
// from the service so the file and the screen suppress the same cells.
import { useState, type ReactNode } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, type In } from '../../api/client.ts';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../components/format.ts';
import { showError } from '../../components/notify.ts';
import { downloadText } from '../../components/download.ts';

function StatTable({ caption, head, rows, threshold }: { caption: string; head: string[]; rows: { cells: ReactNode[]; count: number | null }[]; threshold: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text component="h2" fw={600} size="lg" m={0}>{caption}</Text>
      {rows.length === 0 ? <Text c="dimmed" size="sm">{t('consent.statistics.none')}</Text> : (
        <Paper withBorder radius="md">
          <Table striped verticalSpacing="xs" data-testid="stat-table">
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => <Table.Th key={h}>{h}</Table.Th>)}
                <Table.Th ta="right">{t('consent.statistics.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.cells.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}
                  <Table.Td ta="right" ff="monospace">
                    {r.count === null ? <span title={t('consent.statistics.suppressed', { threshold })} data-testid="suppressed">x</span> : r.count}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

export function StatisticsPage() {
  const { t } = useTranslation();
  const [threshold, setThreshold] = useState<number | string>('');
  const [fromYear, setFromYear] = useState<number | string>('');
  const [toYear, setToYear] = useState<number | string>('');
  const [busy, setBusy] = useState(false);

  function input(): In<'statistics.get'> {
    const i: In<'statistics.get'> = {};
    if (typeof threshold === 'number') i.threshold = threshold;
    if (typeof fromYear === 'number') i.fromYear = fromYear;
    if (typeof toYear === 'number') i.toYear = toYear;
    return i;
  }

  // Read once with the defaults; changed fields wait for "Vernieuwen", which also reads again
  // when nothing changed (each read is audited, so typing must not read).
  const [shown, setShown] = useState<In<'statistics.get'>>({});
  const query = useApi('statistics.get', shown);
  const stats = query.data;
  function refresh() {
    const next = input();
    if (JSON.stringify(next) === JSON.stringify(shown)) void query.refetch();
    else setShown(next);
  }

  async function csv() {
    setBusy(true);
    try {
      const file = await call('statistics.csv', input());
      void downloadText(file.fileName, file.csv);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  const th = stats?.threshold ?? 5;
  return (
    <>
      <PageHeader title={t('consent.statistics.title')} description={t('consent.statistics.subtitle')}
        actions={<Button leftSection={<IconDownload size={16} />} onClick={() => void csv()} loading={busy}>{t('consent.statistics.csv')}</Button>} />
      <Paper withBorder radius="md" p="md" mb="lg" component="form" onSubmit={(e) => { e.preventDefault(); refresh(); }}>
        <Group align="flex-end">
          <NumberInput label={t('consent.statistics.threshold')} value={threshold} onChange={setThreshold} min={2} max={100} placeholder={String(th)} w={200} />
          <NumberInput label={t('consent.statistics.fromYear')} value={fromYear} onChange={setFromYear} min={1900} max={2200} w={150} />
          <NumberInput label={t('consent.statistics.toYear')} value={toYear} onChange={setToYear} min={1900} max={2200} w={150} />
          <Button type="submit" variant="default" leftSection={<IconRefresh size={16} />} loading={query.isFetching}>{t('consent.statistics.refresh')}</Button>
        </Group>
        {stats ? <Text size="xs" c="dimmed" mt="xs">{t('consent.statistics.note', { threshold: th, date: formatDate(stats.generatedOn) })}</Text> : null}
      </Paper>
      <QueryState query={query} height={300}>
        {(stats) => (
        <Stack gap="lg">
          <StatTable caption={t('consent.statistics.trajectories')} threshold={th}
            head={[t('consent.statistics.type'), t('consent.statistics.status'), t('consent.statistics.year')]}
            rows={stats.trajectories.map((r) => ({ cells: [t(`trajectoryType.${r.type}`), t(`trajectoryStatus.${r.status}`), r.year], count: r.count }))} />
          <StatTable caption={t('consent.statistics.mandates')} threshold={th}
            head={[t('consent.mandates.direction'), t('consent.mandates.givenHow'), t('consent.mandates.state')]}
            rows={stats.mandates.map((r) => ({ cells: [t(`consent.direction.${r.direction}`), r.givenHow === 'signedForm' ? t('consent.mandates.signedForm') : t('consent.mandates.oral'), t(`consent.mandateState.${r.state}`)], count: r.count }))} />
          <StatTable caption={t('consent.statistics.disclosures')} threshold={th}
            head={[t('consent.disclosures.basis'), t('consent.recipients.kind'), t('consent.statistics.year')]}
            rows={stats.disclosures.map((r) => ({ cells: [t(`consent.basis.${r.basis}`), t(`consent.recipientKind.${r.recipientKind}`), r.year], count: r.count }))} />
        </Stack>
        )}
      </QueryState>
    </>
  );
}
