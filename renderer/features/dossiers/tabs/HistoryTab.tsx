import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/query.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../components/format.ts';
import type { TabProps } from '../DossierView.tsx';

export function HistoryTab({ dossier }: TabProps) {
  const { t, i18n } = useTranslation();
  const query = useApi('dossiers.history', { participantId: dossier.participant.id });
  const fieldLabel = (f: string | null) => (f ? (i18n.exists(`fields.${f}`) ? t(`fields.${f}`) : f) : '');

  return (
    <QueryState query={query} empty={(items) => items.length === 0} emptyText={t('history.empty')}>
      {(items) => (
    <DataTable headers={[t('history.at'), t('history.by'), t('history.what'), t('history.old'), t('history.new'), t('history.reason')]} caption={t('history.caption')} highlightOnHover={false}>
      {items.map((h, i) => (
        <Table.Tr key={i}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
          <Table.Td>{h.by}</Table.Td>
          <Table.Td>{h.what === 'field' ? fieldLabel(h.field) : t(`history.kind_${h.what}`)}</Table.Td>
          <Table.Td className="dk-pre">{h.oldValue ?? '—'}</Table.Td>
          <Table.Td className="dk-pre">{h.newValue ?? '—'}</Table.Td>
          <Table.Td>{h.reason ?? ''}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
      )}
    </QueryState>
  );
}
