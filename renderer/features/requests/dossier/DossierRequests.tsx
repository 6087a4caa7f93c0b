// The dossier view's "Verzoeken" tab: every request of this participant, open and closed, with its
// deadline (R34), status and handler; each row opens the request page.
import { useMemo } from 'react';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/query.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDate } from '../../../components/format.ts';
import { DueDate } from '../shared.tsx';

/** `open: false` lists all requests of the participant (requests.list filters on status only when open is true). */
export function DossierRequests({ participantId }: { participantId: number }) {
  const { t } = useTranslation();
  const query = useApi('requests.list', { participantId, open: false, limit: 500 });
  // Newest first: the most recent request is the one the reader is most likely looking for.
  const rows = useMemo(
    () => [...(query.data?.rows ?? [])].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.id - a.id),
    [query.data],
  );
  const total = query.data?.total ?? 0;

  return (
    <Stack gap="sm" component="section" aria-labelledby="dossier-requests">
      <Text component="h2" id="dossier-requests" fw={600} size="lg">{t('requests.inDossier.title')}</Text>
      <QueryState query={query} height={120} empty={(d) => d.rows.length === 0}
        emptyText={<span data-testid="dossier-requests-empty">{t('requests.inDossier.empty')}</span>}>
        {() => (
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
      </QueryState>
      {total > rows.length ? <Text size="sm" c="dimmed">{t('requests.inDossier.more', { shown: rows.length, total })}</Text> : null}
    </Stack>
  );
}
