// A read-only look into the session caches, for the e2e build only (issue 14). The e2e spec that
// proves "a lock drops the cache" has to look inside the renderer's memory; a real build must not
// offer that: a handle on the QueryClient would let any script in the page read dossier answers.
// So QueryProvider calls this only when the renderer was built with VITE_DK_E2E=1 (scripts/e2e.mjs
// does; `vite build`, `npm start` and the packaged app do not), Vite then drops it from the bundle
// otherwise (test/renderer/query-inspect.test.ts checks), and it answers with query keys, counts
// and yes/no — never the client or the cached data themselves.
import type { QueryClient } from '@tanstack/react-query';

export interface QueryInspection {
  /** Clients alive now: always one (the signed-in user's, or the one of the screens before signing in). */
  sessions: number;
  /** The query keys of the live session clients. */
  keys: unknown[];
  /** Queries still held by clients of sessions that ended (must be 0: dropping clears them). */
  droppedQueries: number;
  /** Whether `text` occurs in any key or answer of any client, live or dropped. */
  contains: boolean | null;
}

declare global {
  interface Window {
    __dkQueryInspect?: (text?: string) => QueryInspection;
  }
}

const live = new Set<QueryClient>();
const dropped: QueryClient[] = [];

function queries(clients: Iterable<QueryClient>) {
  return [...clients].flatMap((c) => c.getQueryCache().getAll());
}

function inspect(text?: string): QueryInspection {
  const all = [...queries(live), ...queries(dropped)];
  return {
    sessions: live.size,
    keys: queries(live).map((q) => q.queryKey),
    droppedQueries: queries(dropped).length,
    contains: text === undefined ? null : all.some((q) => JSON.stringify([q.queryKey, q.state.data ?? null]).includes(text)),
  };
}

/** Registers a session's client; the returned function, called after clearing it, marks it dropped. */
export function inspectForE2e(client: QueryClient): () => void {
  live.add(client);
  window.__dkQueryInspect = inspect;
  return () => {
    live.delete(client);
    dropped.push(client); // kept in the test build only, to prove it holds nothing any more
  };
}
