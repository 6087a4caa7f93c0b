// All participants the user may find, searched as you type. The list is virtual and fetches pages
// on demand, so 100,000 rows scroll as smoothly as 10.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Button, Group, Paper, SegmentedControl, Skeleton, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../api/client.ts';
import { can, useSession } from '../../state/session.ts';
import { navigate, useLocation } from '../../state/router.ts';
import { showError } from '../../components/notify.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { formatDate } from '../../components/format.ts';
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

  const [total, setTotal] = useState<number | null>(null);
  const [capped, setCapped] = useState(false); // a name search counts at most 1,000 matches
  const pages = useRef(new Map<number, Row[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const gen = generation.current;
      call('dossiers.list', { query: q || undefined, scope, offset: page * PAGE, limit: PAGE }).then(
        (res) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          pages.current.set(page, res.rows);
          setTotal(res.total);
          setCapped(res.totalCapped);
          setTick((n) => n + 1);
        },
        (e) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setTotal((tot) => tot ?? 0);
          showError(e);
        },
      );
    },
    [q, scope],
  );

  // A new search or scope starts over.
  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotal(null);
    fetchPage(0);
  }, [fetchPage]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total === null) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) fetchPage(p);
  }, [first, last, total, fetchPage]);

  function rowAt(i: number): Row | undefined {
    return pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];
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
          {total === 0 ? (
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
                        <Text size="sm">{formatDate(r.birthDate)}</Text>
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
