// Search participants by name or dossier number as the user types (debounced), within what the
// viewer may see: every dossier for roles with dossier.allAccess, otherwise the caseload.
import type { Out } from '../../api/client.ts';
import { useApi } from '../../api/query.ts';
import { can, useSession } from '../../state/session.ts';
import { useDebounced } from '../../components/useDebounced.ts';

export type ParticipantRow = Out<'dossiers.list'>['rows'][number];

export function useParticipantSearch(query: string, limit = 10): { q: string; rows: ParticipantRow[]; busy: boolean } {
  const me = useSession((s) => s.me);
  const q = useDebounced(query.trim(), 200);
  // Each search is an audited read (dossiers.list): nothing is asked before a text is typed.
  const found = useApi('dossiers.list', { query: q, scope: can(me, 'dossier.allAccess') ? 'all' : 'caseload', offset: 0, limit }, { enabled: q !== '' });
  return { q, rows: q ? found.data?.rows ?? [] : [], busy: found.isFetching };
}
