import { useEffect, useState } from 'react';
import { Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { errorText } from '../../../components/notify.ts';
import { AuditTable } from '../../audit/AuditTable.tsx';
import type { TabProps } from '../DossierView.tsx';

export function LogTab({ dossier }: TabProps) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<Out<'audit.participantLog'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('audit.participantLog', { participantId: dossier.participant.id }).then((l) => setLines([...l].reverse()), (e) => setError(errorText(e)));
  }, [dossier]);

  if (error) return <Text c="danger" role="alert">{error}</Text>;
  if (!lines) return <Skeleton h={160} />;
  return (
    <Stack>
      <Text c="dimmed" size="sm">{t('log.intro')}</Text>
      <AuditTable lines={lines} caption={t('log.caption')} showParticipant={false} />
    </Stack>
  );
}
