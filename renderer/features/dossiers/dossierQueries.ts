// What a change to a dossier makes stale (issue 14). Invalidating marks these answers stale: the
// ones on screen are read again at once, the others on their next visit — never in the background.
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OperationName } from '../../api/client.ts';

/**
 * A write to a dossier changes its own read (the header counts, the tabs drawn from it), its
 * history and its log, and may change the rows the lists and the start page show for it.
 */
export const dossierChanged = ['dossiers.get', 'dossiers.history', 'audit.participantLog', 'dossiers.list', 'dossiers.recent'] as const satisfies readonly OperationName[];

/** `reload` for the dossier's tabs: after a write made elsewhere (a dialog of another feature). */
export function useDossierReload(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all(dossierChanged.map((op) => client.invalidateQueries({ queryKey: [op] })));
  }, [client]);
}
