// One QueryClient per signed-in session, keyed by the user: a lock or sign-out unmounts this
// provider, which clears the cache so the next user sees nothing of the previous one's answers.
import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createSessionQueryClient } from './query.ts';

function SessionQuery({ children }: { children: ReactNode }) {
  const [client] = useState(createSessionQueryClient);
  useEffect(() => {
    // Test hook (browser/test mode only): e2e specs inspect the cache after lock → unlock.
    if (import.meta.env.MODE !== 'production') (window as unknown as { __dkQueryClient?: unknown }).__dkQueryClient = client;
    return () => {
      client.clear();
      if ((window as unknown as { __dkQueryClient?: unknown }).__dkQueryClient === client) delete (window as unknown as { __dkQueryClient?: unknown }).__dkQueryClient;
    };
  }, [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function SessionQueryProvider({ sessionKey, children }: { sessionKey: string; children: ReactNode }) {
  return <SessionQuery key={sessionKey}>{children}</SessionQuery>;
}
