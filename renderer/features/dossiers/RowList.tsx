// A short list of dossier rows (dashboard, recent). Long lists use ParticipantList's virtual list.
import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { navigate } from '../../state/router.ts';
import { formatBirthDate } from '../../components/format.ts';
import { AccessBadge, StatusBadge } from './AccessBadge.tsx';

type Row = Out<'dossiers.list'>['rows'][number];

export function RowList({ rows, empty, label }: { rows: Row[]; empty: string; label: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed" py="sm">{empty}</Text>;
  return (
    <Stack gap={0} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((r) => (
        <li key={r.participantId}>
          <UnstyledButton className="dk-row-button" py="sm" px="xs" onClick={() => navigate(`/dossiers/${r.participantId}`)}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600}>{r.displayName ?? t('list.hiddenName')}</Text>
                <Text size="sm" c="dimmed">{r.dossierNumber} · {t('list.born')} {formatBirthDate(r.birthDate, r.dossierNumber)} · {r.city ?? '—'}</Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <StatusBadge status={r.status} />
                <AccessBadge access={r.access} />
                <IconChevronRight size={18} aria-hidden />
              </Group>
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}

export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Text component="h2" fw={600} size="lg" mb="xs">{title}</Text>
      {children}
    </Paper>
  );
}
