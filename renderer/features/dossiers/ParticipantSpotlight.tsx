// Ctrl+K: jump to a participant by name or dossier number.
import { useState } from 'react';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { Group, Text, Loader, Center } from '@mantine/core';
import { IconSearch, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../state/router.ts';
import { formatBirthDate } from '../../components/format.ts';
import { AccessBadge } from './AccessBadge.tsx';
import { useParticipantSearch } from './useParticipantSearch.ts';

export function ParticipantSpotlight() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { q, rows, busy } = useParticipantSearch(query);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} tagsToIgnore={[]} title={t('search.open')} styles={{ header: { padding: '12px 16px 0' }, title: { fontWeight: 600 } }}>
      <Spotlight.Search
        placeholder={t('search.placeholder')}
        leftSection={<IconSearch size={18} />}
        aria-label={t('search.label')}
        onKeyDown={(e) => {
          // Results arrive after typing, so nothing is selected yet: Enter opens the first one.
          const first = rows[0];
          if (e.key === 'Enter' && first && !document.querySelector('[data-action][data-selected]')) {
            spotlight.close();
            navigate(`/dossiers/${first.participantId}`);
          }
        }}
      />
      <Spotlight.ActionsList>
        {busy && rows.length === 0 ? (
          <Center p="md"><Loader size="sm" aria-label={t('common.loading')} /></Center>
        ) : rows.length > 0 ? (
          rows.map((r) => (
            <Spotlight.Action key={r.participantId} onClick={() => navigate(`/dossiers/${r.participantId}`)} leftSection={<IconUser size={18} />}>
              <Group justify="space-between" w="100%" wrap="nowrap">
                <div>
                  <Text size="sm" fw={600}>{r.displayName ?? t('list.hiddenName')}</Text>
                  <Text size="xs" c="dimmed">{r.dossierNumber} · {formatBirthDate(r.birthDate, r.dossierNumber)} · {r.city ?? '—'}</Text>
                </div>
                <AccessBadge access={r.access} />
              </Group>
            </Spotlight.Action>
          ))
        ) : (
          <Spotlight.Empty>{q ? t('search.nothing') : t('search.hint')}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
