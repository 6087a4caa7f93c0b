// The start page: each role starts on what it works on (issue 13). A consultant sees their
// caseload; administration, privacy officer and board see the open requests with the first
// deadlines (board: the requests on which they may be asked for an exception). Everyone sees the
// dossiers they opened recently.
import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInbox, IconPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate } from '../../state/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RowList, Section } from '../dossiers/RowList.tsx';
import { DueDate } from '../requests/shared.tsx';
import { greetingKey } from './greeting.ts';

const FIRST_DEADLINES = 6;

// The start page is where one comes back to after changes made elsewhere: it always reads again
// when it opens (staleTime 0), showing the last answer meanwhile.
const ON_EVERY_OPEN = { staleTime: 0 } as const;

function Caseload() {
  const { t } = useTranslation();
  const query = useApi('dossiers.list', { scope: 'caseload', offset: 0, limit: 10 }, ON_EVERY_OPEN);
  return (
    <Section title={query.data ? t('dashboard.caseloadCount', { count: query.data.total }) : t('dashboard.caseload')}>
      <QueryState query={query} height={120}>
        {(caseload) => (
          <>
            <RowList rows={caseload.rows} empty={t('dashboard.caseloadEmpty')} label={t('dashboard.caseload')} />
            {caseload.total > caseload.rows.length ? (
              <Button variant="subtle" mt="sm" leftSection={<IconUsers size={16} />} onClick={() => navigate('/dossiers')}>
                {t('dashboard.showAll')}
              </Button>
            ) : null}
          </>
        )}
      </QueryState>
    </Section>
  );
}

function FirstDeadlines() {
  const { t } = useTranslation();
  const query = useApi('requests.dashboard', {}, ON_EVERY_OPEN);
  const open = query.data?.rows.length;
  return (
    <Section title={open === undefined ? t('dashboard.deadlines') : t('dashboard.deadlinesCount', { count: open })}>
      <QueryState query={query} height={120} empty={(d) => d.rows.length === 0} emptyText={t('dashboard.deadlinesEmpty')}>
        {(d) => (
          <Stack gap="sm" data-testid="start-deadlines">
            {d.rows.slice(0, FIRST_DEADLINES).map((r) => (
              <Group key={r.id} justify="space-between" wrap="nowrap" align="flex-start" data-urgency={r.urgency}>
                <Stack gap={0}>
                  <Anchor href={`#/requests/${r.id}`} fw={600}>{r.participantName || r.dossierNumber}</Anchor>
                  <Text size="xs" c="dimmed">{t(`requests.type.${r.type}`)} · <Text span ff="monospace" size="xs">{r.dossierNumber}</Text></Text>
                </Stack>
                <DueDate row={r} />
              </Group>
            ))}
            <Button variant="subtle" leftSection={<IconInbox size={16} />} onClick={() => navigate('/requests')} style={{ alignSelf: 'flex-start' }}>
              {t('dashboard.allRequests')}
            </Button>
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}

function Recent() {
  const { t } = useTranslation();
  const query = useApi('dossiers.recent', {}, ON_EVERY_OPEN);
  return (
    <Section title={t('dashboard.recent')}>
      <QueryState query={query} height={120}>
        {(recent) => <RowList rows={recent} empty={t('dashboard.recentEmpty')} label={t('dashboard.recent')} />}
      </QueryState>
    </Section>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const handlesRequests = can(me, 'requests.read');
  return (
    <Stack>
      <PageHeader
        title={t(greetingKey(new Date().getHours()), { name: me?.displayName ?? '' })}
        description={handlesRequests ? t('dashboard.subtitleRequests') : t('dashboard.subtitle')}
        actions={can(me, 'dossier.write') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/dossiers/new')}>{t('list.new')}</Button>
        ) : null}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {handlesRequests ? <FirstDeadlines /> : <Caseload />}
        <Recent />
      </SimpleGrid>
    </Stack>
  );
}
