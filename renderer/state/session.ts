// UI state of the session: who is signed in, whether the vault is new, and the lock.
import { create } from 'zustand';
import type { Out } from '../api/client.ts';

export type Me = NonNullable<Out<'vault.status'>['me']>;
export type Phase = 'loading' | 'unreachable' | 'firstRun' | 'signedOut' | 'signedIn';

interface SessionState {
  phase: Phase;
  organisation: string | null;
  idleLockMinutes: number;
  me: Me | null;
  /** The sign-in screen prefills this username (after a lock or the first run). */
  prefillUsername: string | null;
  /** True when the app locked itself or the user pressed the lock. */
  locked: boolean;
  setStatus(s: Out<'vault.status'>): void;
  signedIn(me: Me): void;
  signedOut(opts?: { username?: string | null; locked?: boolean }): void;
  setPhase(phase: Phase): void;
}

export const useSession = create<SessionState>((set) => ({
  phase: 'loading',
  organisation: null,
  idleLockMinutes: 15,
  me: null,
  prefillUsername: null,
  locked: false,
  setStatus: (s) =>
    set({
      organisation: s.organisation,
      idleLockMinutes: s.idleLockMinutes,
      me: s.me,
      phase: !s.initialised ? 'firstRun' : s.me ? 'signedIn' : 'signedOut',
    }),
  signedIn: (me) => set({ me, phase: 'signedIn', locked: false }),
  signedOut: (opts = {}) => set({ me: null, phase: 'signedOut', prefillUsername: opts.username ?? null, locked: !!opts.locked }),
  setPhase: (phase) => set({ phase }),
}));

export function can(me: Me | null, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}
