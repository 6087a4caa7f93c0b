// R09: after idleLockMinutes without input the app signs out and shows the sign-in screen with
// the username filled in. The minutes are the policy's (issue 12, finding 7): they are read again
// when the shell opens and at each heartbeat, so a changed policy reaches an open app.
import { useEffect } from 'react';
import { call } from '../../api/client.ts';
import { useSession } from '../../state/session.ts';

export async function lockNow(): Promise<void> {
  const s = useSession.getState();
  const username = s.me?.username ?? null;
  try {
    await call('auth.signOut', {});
  } catch {
    /* the session is dropped on this side regardless */
  }
  s.signedOut({ username, locked: true });
}

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
