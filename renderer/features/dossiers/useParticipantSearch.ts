// Search participants by name or dossier number as the user types (debounced), within what the
// viewer may see: every dossier for roles with dossier.allAccess, otherwise the caseload.
import { useEffect, useState } from 'react';
import { call, type Out } from '../../api/client.ts';
import { can, useSession } from '../../state/session.ts';
import { useDebounced } from '../../components/useDebounced.ts';

export type ParticipantRow = Out<'dossiers.list'>['rows'][number];

export function useParticipantSearch(query: string, limit = 10): { q: string; rows: ParticipantRow[]; busy: boolean } {
  const me = useSession((s) => s.me);
  const q = useDebounced(query.trim(), 200);
  const [rows, setRows] = useState<ParticipantRow[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!q) {
      setRows([]);
      return;
    }
    let live = true;
    setBusy(true);
    call('dossiers.list', { query: q, scope: can(me, 'dossier.allAccess') ? 'all' : 'caseload', offset: 0, limit })
      .then((r) => live && setRows(r.rows), () => live && setRows([]))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [q, me, limit]);

  return { q, rows, busy };
}
