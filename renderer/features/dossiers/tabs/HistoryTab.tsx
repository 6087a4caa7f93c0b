import { useEffect, useState } from 'react';
import { Skeleton, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { errorText } from '../../../components/notify.ts';
import { formatDateTime } from '../../../components/format.ts';
import type { TabProps } from '../DossierView.tsx';

export function HistoryTab({ dossier }: TabProps) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Out<'dossiers.history'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('dossiers.history', { participantId: dossier.participant.id }).then(setItems, (e) => setError(errorText(e)));
  }, [dossier]);

  if (error) return <Text c="danger" role="alert">{error}</Text>;
  if (!items) return <Skeleton h={160} />;
  if (items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  const fieldLabel = (f: string | null) => (f ? (i18n.exists(`fields.${f}`) ? t(`fields.${f}`) : f) : '');

  return (
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
  );
}
