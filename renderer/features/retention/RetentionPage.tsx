// "Bewaartermijnen" (issue 11, R40–R45): the destruction list, the proposals, the legal holds and
// the destruction register, one tab each; '#/retention?tab=batches' opens on a tab.
import { useState } from 'react';
import { Stack, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { useLocation } from '../../state/router.ts';
import { DestructionList } from './DestructionList.tsx';
import { BatchesTab } from './BatchesTab.tsx';
import { HoldsTab } from './HoldsTab.tsx';
import { basisText, categoryText } from './labels.ts';

const tabNames = ['list', 'batches', 'holds', 'register'] as const;

export function RetentionPage() {
  const { t } = useTranslation();
  const queryTab = useLocation().query.get('tab');
  const [tab, setTab] = useState<string | null>(queryTab && (tabNames as readonly string[]).includes(queryTab) ? queryTab : 'list');
  return (
    <>
      <PageHeader title={t('retention.title')} description={t('retention.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {tabNames.map((name) => <Tabs.Tab key={name} value={name}>{t(`retention.tabs.${name}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="list" pt="md"><DestructionList /></Tabs.Panel>
        <Tabs.Panel value="batches" pt="md"><BatchesTab /></Tabs.Panel>
        <Tabs.Panel value="holds" pt="md"><HoldsTab /></Tabs.Panel>
        <Tabs.Panel value="register" pt="md"><DestructionRegister /></Tabs.Panel>
      </Tabs>
    </>
  );
}

/** R44: one line per destroyed dossier, numbers, codes and dates only. */
function DestructionRegister() {
  const { t } = useTranslation();
  const query = useApi('retention.register', {});
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('retention.register.intro')}</Text>
      <QueryState query={query} empty={(r) => r.length === 0} emptyText={<span data-testid="register-empty">{t('retention.register.empty')}</span>}>
        {(lines) => (
          <DataTable minWidth={1000} data-testid="destruction-register"
            headers={[t('retention.register.dossierNumber'), t('retention.register.category'), t('retention.register.period'), t('retention.register.termEnds'), t('retention.register.basis'),
              t('retention.register.proposer'), t('retention.register.approver'), t('retention.register.executed'), t('retention.register.batch')]}>
            {lines.map((l) => (
              <Table.Tr key={l.id} data-testid="destruction-line">
                <Table.Td ff="monospace" fw={600}>{l.dossierNumber}</Table.Td>
                <Table.Td>{categoryText(t, l.category)}</Table.Td>
                <Table.Td>{formatDate(l.openedOn)} – {formatDate(l.closedOn)}</Table.Td>
                <Table.Td>{formatDate(l.termEndsOn)}</Table.Td>
                <Table.Td>{basisText(t, l.basis)}</Table.Td>
                <Table.Td>{l.proposedBy}</Table.Td>
                <Table.Td>{l.approvedBy}</Table.Td>
                <Table.Td>{formatDateTime(l.executedAt)}</Table.Td>
                <Table.Td ff="monospace">{l.batchId ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Stack>
  );
}
