// The app's start (issue 14): where the vault stands (first run, signed out, or a session this
// window still has) is read once when the page opens, and again only when the user asks after a
// failure. An event of the session's life cycle, not server state of a page: the answer decides
// which screen exists at all, before any session (and its QueryClient) does.
import { call, setSessionLostListener } from '../api/client.ts';
import { errorText } from '../components/notify.ts';
import { useSession } from './session.ts';

/** Why the vault could not be reached, for the 'unreachable' screen (set before that phase). */
export let bootError: string | null = null;

export async function bootSession(): Promise<void> {
  const s = useSession.getState();
  s.setPhase('loading');
  try {
    s.setStatus(await call('vault.status', {}));
  } catch (e) {
    bootError = errorText(e);
    s.setPhase('unreachable');
  }
}

// The host says the session is gone (locked elsewhere, restarted): show the lock screen.
setSessionLostListener(() => {
  const s = useSession.getState();
  if (s.phase === 'signedIn') s.signedOut({ username: s.me?.username ?? null, locked: true });
});
