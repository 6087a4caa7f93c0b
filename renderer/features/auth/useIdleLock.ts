// R09: after idleLockMinutes without input the app signs out and shows the sign-in screen with
// the username filled in. The minutes are the policy's (issue 12, finding 7): they are read again
// when the shell opens and at each heartbeat, so a changed policy reaches an open app.
// Not server state for the query cache (issue 14): signing out and the heartbeat are the session's
// life cycle, and each heartbeat must reach the host (it tells the host the user is still there),
// so none of it is cached. Signing out drops the session's QueryClient: the phase leaves
// 'signedIn', which unmounts SessionQueryProvider (api/QueryProvider.tsx), and that clears it.
import { useEffect } from 'react';
import { call } from '../../api/client.ts';
import { useSession } from '../../state/session.ts';

/** Signs out at the host and here; `locked` keeps the username for the lock screen (R09). */
export async function endSession({ locked }: { locked: boolean }): Promise<void> {
  const s = useSession.getState();
  const username = s.me?.username ?? null;
  try {
    await call('auth.signOut', {});
  } catch {
    /* the session is dropped on this side regardless */
  }
  s.signedOut(locked ? { username, locked: true } : { username });
}

export const lockNow = () => endSession({ locked: true });

/** Tells the host the user is still at work and fetches the policy's idle time. */
async function heartbeat(): Promise<void> {
  try {
    const status = await call('vault.status', {});
    // The host locked itself meanwhile (e.g. the laptop slept): show the lock here too.
    if (!status.me) return void useSession.getState().signedOut({ username: useSession.getState().me?.username ?? null, locked: true });
    if (status.idleLockMinutes !== useSession.getState().idleLockMinutes) useSession.setState({ idleLockMinutes: status.idleLockMinutes });
  } catch {
    /* the next call reports the problem */
  }
}

export function useIdleLock(minutes: number): void {
  useEffect(() => {
    void heartbeat();
  }, []);
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    let timer = 0;
    let lastBeat = Date.now();
    // Browser mode: the server locks after the same idle time without calls, so input that makes
    // no call (typing a long report) still tells it the user is there — at most every minute.
    const beatEvery = Math.min(60_000, (minutes * 60_000) / 3);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lockNow(), minutes * 60_000);
      if (Date.now() - lastBeat >= beatEvery) {
        lastBeat = Date.now();
        void heartbeat();
      }
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    for (const ev of events) window.addEventListener(ev, reset, { passive: true });
    reset();
    return () => {
      window.clearTimeout(timer);
      for (const ev of events) window.removeEventListener(ev, reset);
    };
  }, [minutes]);
}
