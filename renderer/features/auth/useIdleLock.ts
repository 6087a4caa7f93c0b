// R09: after idleLockMinutes without input the app signs out and shows the sign-in screen with
// the username filled in.
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

export function useIdleLock(minutes: number): void {
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    let timer = 0;
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lockNow(), minutes * 60_000);
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
