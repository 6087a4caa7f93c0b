import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/query.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { AuditTable } from '../../audit/AuditTable.tsx';
import type { TabProps } from '../DossierView.tsx';

export function LogTab({ dossier }: TabProps) {
  const { t } = useTranslation();
  const query = useApi('audit.participantLog', { participantId: dossier.participant.id });
  return (
    <QueryState query={query}>
      {(lines) => (
        <Stack>
          <Text c="dimmed" size="sm">{t('log.intro')}</Text>
          <AuditTable lines={[...lines].reverse()} caption={t('log.caption')} showParticipant={false} />
        </Stack>
      )}
    </QueryState>
  );
}
