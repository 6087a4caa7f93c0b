import { useEffect, useState } from 'react';
import { Button, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../api/client.ts';
import { can, useSession } from '../../state/session.ts';
import { navigate } from '../../state/router.ts';
import { showError } from '../../components/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RowList, Section } from '../dossiers/RowList.tsx';
import { greetingKey } from './greeting.ts';

type Rows = Out<'dossiers.list'>['rows'];

export function Dashboard() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [caseload, setCaseload] = useState<{ total: number; rows: Rows } | null>(null);
  const [recent, setRecent] = useState<Rows | null>(null);

  useEffect(() => {
    call('dossiers.list', { scope: 'caseload', offset: 0, limit: 10 }).then(setCaseload, (e) => {
      setCaseload({ total: 0, rows: [] });
      showError(e);
    });
    call('dossiers.recent', {}).then(setRecent, () => setRecent([]));
  }, []);

  return (
    <Stack>
      <PageHeader
        title={t(greetingKey(new Date().getHours()), { name: me?.displayName ?? '' })}
        description={t('dashboard.subtitle')}
        actions={can(me, 'dossier.write') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/dossiers/new')}>{t('list.new')}</Button>
        ) : null}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title={caseload ? t('dashboard.caseloadCount', { count: caseload.total }) : t('dashboard.caseload')}>
          {caseload ? (
            <>
              <RowList rows={caseload.rows} empty={t('dashboard.caseloadEmpty')} label={t('dashboard.caseload')} />
              {caseload.total > caseload.rows.length ? (
                <Button variant="subtle" mt="sm" leftSection={<IconUsers size={16} />} onClick={() => navigate('/dossiers')}>
                  {t('dashboard.showAll')}
                </Button>
              ) : null}
            </>
          ) : <Skeleton h={120} />}
        </Section>
        <Section title={t('dashboard.recent')}>
          {recent ? <RowList rows={recent} empty={t('dashboard.recentEmpty')} label={t('dashboard.recent')} /> : <Skeleton h={120} />}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
