// Server state in the renderer (issue 14): every read goes through TanStack Query with the key
// [operationName, input], so a mutation can name the operations whose answers it changes.
import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { ApiCallError, call, type In, type OperationName, type Out } from './client.ts';

/** The connection-lost error is the only transport failure; domain errors (access.denied…) never retry. */
function isTransportError(e: unknown): boolean {
  return e instanceof ApiCallError && e.code === 'operation.failed' && /verbinding/.test(e.message);
}

/** One client per signed-in session (and one before signing in); dropped and cleared on sign-in, lock and sign-out. */
export function createSessionQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Each dossier read is an audited access (R-audit): a window focus must not read again.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // The audit rule for cached reads (README, "Server state"): an answer stays fresh for
        // 60 s, so moving between a dossier's tabs and back within that time shows it without
        // reading (and auditing) again; later, or once a write invalidated it, the next visit
        // reads again. Audit lines record reads of the API, which the cache never hides: a fresh
        // answer was read, and audited, by this same user in this same session, and each tab's
        // first read is still made (and audited) when it is first shown. Nothing reads in the
        // background. The e2e spec "(server state 4)" counts the lines.
        staleTime: 60_000,
        retry: (count, e) => isTransportError(e) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function apiKey<N extends OperationName>(op: N, input: In<N>): readonly unknown[] {
  return [op, input];
}

type ApiQueryOptions<N extends OperationName> = Omit<UseQueryOptions<Out<N>, ApiCallError>, 'queryKey' | 'queryFn'>;

/** The key and the read of one operation, for useApi and for lists of reads (useQueries). */
export function apiQuery<N extends OperationName>(op: N, input: In<N>) {
  return { queryKey: apiKey(op, input), queryFn: () => call(op, input) };
}

export function useApi<N extends OperationName>(op: N, input: In<N>, opts: ApiQueryOptions<N> = {}) {
  return useQuery<Out<N>, ApiCallError>({ ...apiQuery(op, input), ...opts });
}

export function useApiMutation<N extends OperationName>(op: N, opts: { invalidates?: readonly OperationName[] } = {}) {
  const client = useQueryClient();
  return useMutation<Out<N>, ApiCallError, In<N>>({
    mutationFn: (input) => call(op, input),
    onSuccess: async () => {
      await Promise.all((opts.invalidates ?? []).map((name) => client.invalidateQueries({ queryKey: [name] })));
    },
  });
}
