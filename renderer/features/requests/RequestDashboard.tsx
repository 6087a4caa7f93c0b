// Deadline dashboard (R34, issue 5 item 7): open requests by due date; overdue and due within two
// working days are highlighted with colour, a bar and words; filter per type and handler.
import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate } from '../../state/router.ts';
import { formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DueDate } from './shared.tsx';

export function RequestDashboard() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  // Read again each time the page opens (staleTime 0): deadlines move with every decision.
  const query = useApi('requests.dashboard', {}, { staleTime: 0 });
  const data = query.data;
  const [type, setType] = useState<string | null>(null);
  const [handler, setHandler] = useState<string | null>(null);

  const rows = useMemo(
    () => (data?.rows ?? []).filter((r) => (!type || r.type === type) && (!handler || String(r.handlerId) === handler)),
    [data, type, handler],
  );

  return (
    <Stack>
      <PageHeader
        title={t('requests.dashboard.title')}
        description={data?.today ? t('requests.dashboard.subtitle', { date: formatDate(data.today) }) : null}
        actions={can(me, 'requests.handle') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/requests/new')}>{t('requests.dashboard.new')}</Button>
        ) : null}
      />
      <QueryState query={query} height={200}>
        {(data) => (
          <>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-counts">
              <Text component="h2" id="req-counts" fw={600} size="lg" mb="xs">{t('requests.dashboard.counts')}</Text>
              {data.byType.length === 0 ? <Text c="dimmed">{t('requests.dashboard.countsEmpty')}</Text> : (
                <SimpleGrid cols={{ base: 2, md: 4, xl: 6 }} spacing="sm">
                  {data.byType.map((c) => (
                    <Paper key={c.type} withBorder p="sm" radius="sm" data-testid={`count-${c.type}`}>
                      <Text fw={600} size="sm">{t(`requests.type.${c.type}`)}</Text>
                      <Text size="xl" fw={700} lh={1.2} data-testid="count-open">{c.open}</Text>
                      <Text size="xs" c="dimmed" className="sr-only">{t('requests.dashboard.summary', c)}</Text>
                      <Group gap={4} mt={4} aria-hidden>
                        <Badge size="xs" variant="outline" color="gray.7">{t('requests.dashboard.countOpen')} {c.open}</Badge>
                        {c.overdue ? <Badge size="xs" color="danger" data-testid="count-overdue">{t('requests.dashboard.countOverdue')} {c.overdue}</Badge> : null}
                        {c.dueSoon ? <Badge size="xs" color="warn" data-testid="count-duesoon">{t('requests.dashboard.countDueSoon')} {c.dueSoon}</Badge> : null}
                      </Group>
                    </Paper>
                  ))}
                </SimpleGrid>
              )}
            </Paper>
            <Paper withBorder radius="md" component="section" aria-labelledby="req-list">
              <Group justify="space-between" p="md" pb="xs" align="flex-end">
                <Text component="h2" id="req-list" fw={600} size="lg">{t('requests.dashboard.list')}</Text>
                <Group gap="sm">
                  <Select
                    label={t('requests.dashboard.filterType')}
                    placeholder={t('requests.dashboard.allTypes')}
                    clearable
                    data={data.byType.map((c) => ({ value: c.type, label: `${t(`requests.type.${c.type}`)} (${c.open})` }))}
                    value={type}
                    onChange={setType}
                    w={240}
                    data-testid="filter-type"
                  />
                  <Select
                    label={t('requests.dashboard.filterHandler')}
                    placeholder={t('requests.dashboard.allHandlers')}
                    clearable
                    data={data.byHandler.map((h) => ({ value: String(h.handlerId), label: `${h.handlerName} (${h.open})` }))}
                    value={handler}
                    onChange={setHandler}
                    w={240}
                    data-testid="filter-handler"
                  />
                </Group>
              </Group>
              {rows.length === 0 ? (
                <Text c="dimmed" p="md" data-testid="requests-empty">{data.rows.length ? t('requests.dashboard.emptyFiltered') : t('requests.dashboard.empty')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={900}>
                  <Table verticalSpacing="sm" data-testid="requests-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('requests.dashboard.due')}</Table.Th>
                        <Table.Th>{t('requests.dashboard.participant')}</Table.Th>
                        <Table.Th>{t('requests.dashboard.type')}</Table.Th>
                        <Table.Th>{t('requests.dashboard.status')}</Table.Th>
                        <Table.Th>{t('requests.dashboard.handler')}</Table.Th>
                        <Table.Th>{t('requests.dashboard.received')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((r) => (
                        <Table.Tr key={r.id} className="dk-req-row" data-urgency={r.urgency} data-testid="request-row" onClick={() => navigate(`/requests/${r.id}`)} style={{ cursor: 'pointer' }}>
                          <Table.Td><DueDate row={r} /></Table.Td>
                          <Table.Td>
                            <Anchor
                              href={`#/requests/${r.id}`}
                              fw={600}
                              onClick={(e) => e.stopPropagation()}
                              aria-label={t('requests.dashboard.open', { id: r.id, type: t(`requests.type.${r.type}`), name: r.participantName || r.dossierNumber })}
                            >
                              {r.participantName || r.dossierNumber}
                            </Anchor>
                            <Text size="xs" c="dimmed" ff="monospace">{r.dossierNumber}</Text>
                          </Table.Td>
                          <Table.Td>{t(`requests.type.${r.type}`)}</Table.Td>
                          <Table.Td>{t(`requests.status.${r.status}`)}</Table.Td>
                          <Table.Td>{r.handlerName}</Table.Td>
                          <Table.Td>{formatDate(r.receivedOn)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
