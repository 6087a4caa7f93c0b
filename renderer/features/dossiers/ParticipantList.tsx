// All participants the user may find, searched as you type. The list is virtual and fetches pages
// on demand, so 100,000 rows scroll as smoothly as 10.
import { useRef, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Box, Button, Group, Paper, SegmentedControl, Skeleton, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { In, Out } from '../../api/client.ts';
import { apiQuery, useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate, useLocation } from '../../state/router.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { formatBirthDate } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AccessBadge, StatusBadge } from './AccessBadge.tsx';

type Row = Out<'dossiers.list'>['rows'][number];
const PAGE = 100;
const ROW_HEIGHT = 52;

export function ParticipantList() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const loc = useLocation();
  const allAllowed = can(me, 'dossier.allAccess');
  const [query, setQuery] = useState(loc.query.get('q') ?? '');
  const [scope, setScope] = useState<'caseload' | 'all'>(allAllowed ? 'all' : 'caseload');
  const q = useDebounced(query.trim(), 250);

  // Each page of 100 rows is one read, keyed by its offset: the first gives the total, the
  // others are read as they scroll into view, and a page seen before comes from the cache.
  const pageInput = (page: number): In<'dossiers.list'> => ({ query: q || undefined, scope, offset: page * PAGE, limit: PAGE });
  const firstPage = useApi('dossiers.list', pageInput(0));
  const total = firstPage.data?.total ?? (firstPage.isError ? 0 : null);
  const capped = firstPage.data?.totalCapped ?? false; // a name search counts at most 1,000 matches

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const shownPages: number[] = [];
  for (let p = Math.floor((items[0]?.index ?? 0) / PAGE); p <= Math.floor((items[items.length - 1]?.index ?? 0) / PAGE); p++) if (p > 0) shownPages.push(p);
  const laterPages = useQueries({ queries: shownPages.map((p) => apiQuery('dossiers.list', pageInput(p))) });

  function rowAt(i: number): Row | undefined {
    const page = Math.floor(i / PAGE);
    const data = page === 0 ? firstPage.data : laterPages[shownPages.indexOf(page)]?.data;
    return data?.rows[i % PAGE];
  }

  return (
    <Box>
      <PageHeader
        title={t('list.title')}
        description={t('list.subtitle')}
        actions={can(me, 'dossier.write') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/dossiers/new')}>{t('list.new')}</Button>
        ) : null}
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1, maxWidth: 520 }}
          autoFocus
          data-testid="list-search"
        />
        {allAllowed ? (
          <SegmentedControl
            aria-label={t('list.scope')}
            value={scope}
            onChange={(v) => setScope(v === 'all' ? 'all' : 'caseload')}
            data={[
              { value: 'caseload', label: t('list.scopeCaseload') },
              { value: 'all', label: t('list.scopeAll') },
            ]}
          />
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="xs" aria-live="polite" data-testid="list-total">
        {total === null ? t('common.loading') : capped ? t('list.countCapped', { count: total }) : t('list.count', { count: total })}
      </Text>
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <div className="dk-row dk-row-head" aria-hidden>
          <span>{t('list.colNumber')}</span>
          <span>{t('list.colName')}</span>
          <span>{t('list.colBirth')}</span>
          <span>{t('list.colCity')}</span>
          <span>{t('list.colStatus')}</span>
          <span>{t('list.colAccess')}</span>
        </div>
        <div ref={scrollRef} style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }} tabIndex={-1}>
          {firstPage.isError ? (
            <Box p="md"><QueryState query={firstPage}>{() => null}</QueryState></Box>
          ) : total === 0 ? (
            <Text p="lg" c="dimmed" data-testid="list-empty">{q ? t('list.noResults') : scope === 'caseload' ? t('list.emptyCaseload') : t('list.empty')}</Text>
          ) : (
            <div role="list" aria-label={t('list.title')} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((it) => {
                const r = rowAt(it.index);
                return (
                  <div key={it.key} role="listitem" style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: it.size, transform: `translateY(${it.start}px)` }}>
                    {r ? (
                      <UnstyledButton className="dk-row dk-row-button" onClick={() => navigate(`/dossiers/${r.participantId}`)} data-testid="list-row">
                        <Text size="sm" ff="monospace">{r.dossierNumber}</Text>
                        <Text size="sm" fw={600} className="dk-ellipsis">{r.displayName ?? t('list.hiddenName')}</Text>
                        <Text size="sm">{formatBirthDate(r.birthDate, r.dossierNumber)}</Text>
                        <Text size="sm" className="dk-ellipsis">{r.city ?? '—'}</Text>
                        <span><StatusBadge status={r.status} /></span>
                        <span><AccessBadge access={r.access} /></span>
                      </UnstyledButton>
                    ) : (
                      <Box className="dk-row" h="100%"><Skeleton h={14} w="80%" /><Skeleton h={14} /><Skeleton h={14} /><Skeleton h={14} /><Skeleton h={14} /><Skeleton h={14} /></Box>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </Paper>
    </Box>
  );
}
