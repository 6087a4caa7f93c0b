// The dossier view's "Verzoeken" tab: every request of this participant, open and closed, with its
// deadline (R34), status and handler; each row opens the request page.
import { useEffect, useState } from 'react';
import { Anchor, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDate } from '../../../components/format.ts';
import { showError } from '../../../components/notify.ts';
import { DueDate } from '../shared.tsx';

type Row = Out<'requests.list'>['rows'][number];

/** `open: false` lists all requests of the participant (requests.list filters on status only when open is true). */
export function DossierRequests({ participantId }: { participantId: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [total, setTotal] = useState(0);

  useEffect(() => {
    let live = true;
    call('requests.list', { participantId, open: false, limit: 500 }).then(
      (r) => {
        if (!live) return;
        // Newest first: the most recent request is the one the reader is most likely looking for.
        setRows([...r.rows].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.id - a.id));
        setTotal(r.total);
      },
      (e) => {
        showError(e);
        if (live) setRows([]);
      },
    );
    return () => { live = false; };
  }, [participantId]);

  if (!rows) return <Skeleton h={120} />;
  return (
    <Stack gap="sm" component="section" aria-labelledby="dossier-requests">
      <Text component="h2" id="dossier-requests" fw={600} size="lg">{t('requests.inDossier.title')}</Text>
      {rows.length === 0 ? <Text c="dimmed" data-testid="dossier-requests-empty">{t('requests.inDossier.empty')}</Text> : (
        <DataTable
          minWidth={800}
          data-testid="dossier-requests"
          headers={[t('requests.dashboard.type'), t('requests.dashboard.received'), t('requests.dashboard.due'), t('requests.dashboard.status'), t('requests.dashboard.handler')]}
        >
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="dossier-request-row" data-urgency={r.urgency}>
              <Table.Td>
                <Anchor
                  href={`#/requests/${r.id}`}
                  fw={600}
                  aria-label={t('requests.inDossier.open', { id: r.id, type: t(`requests.type.${r.type}`), date: formatDate(r.receivedOn) })}
                >
                  {t(`requests.type.${r.type}`)}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
              <Table.Td><DueDate row={r} /></Table.Td>
              <Table.Td>{t(`requests.status.${r.status}`)}</Table.Td>
              <Table.Td>{r.handlerName}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {total > rows.length ? <Text size="sm" c="dimmed">{t('requests.inDossier.more', { shown: rows.length, total })}</Text> : null}
    </Stack>
  );
}
