// One QueryClient per signed-in session, keyed by the user (and one for the screens before signing
// in): a sign-in, lock or sign-out changes the key, which unmounts the previous client's provider
// and clears its cache, so the next user sees nothing of the previous one's answers.
import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createSessionQueryClient } from './query.ts';
import { inspectForE2e } from './inspect.ts';

function SessionQuery({ children }: { children: ReactNode }) {
  const [client] = useState(createSessionQueryClient);
  useEffect(() => {
    // The e2e build only (see inspect.ts): Vite replaces the flag by a constant, so a real build drops this.
    const dropped = import.meta.env.VITE_DK_E2E === '1' ? inspectForE2e(client) : null;
    return () => {
      client.clear();
      dropped?.();
    };
  }, [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function SessionQueryProvider({ sessionKey, children }: { sessionKey: string; children: ReactNode }) {
  return <SessionQuery key={sessionKey}>{children}</SessionQuery>;
}
