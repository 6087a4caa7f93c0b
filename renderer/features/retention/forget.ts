// After a destruction the session's cache must not keep what it read of the destroyed dossiers
// (R44): every cached answer whose input names one of them is removed, and so is every answer not
// on screen outside the retention page (lists and start pages that may show their names). What is
// on screen was invalidated by the mutation and is read again at once.
import type { Query, QueryClient } from '@tanstack/react-query';

export function forgetDossiers(client: QueryClient, participantIds: Iterable<number>): void {
  const ids = new Set(participantIds);
  const names = (q: Query) => ids.has(Number((q.queryKey[1] as { participantId?: unknown } | undefined)?.participantId));
  const elsewhere = (q: Query) => !String(q.queryKey[0]).startsWith('retention.') && q.getObserversCount() === 0;
  client.removeQueries({ predicate: (q) => names(q) || elsewhere(q) });
}
