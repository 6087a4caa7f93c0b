// The host of one workstation: one vault folder, at most one signed-in user. Transports
// (Electron IPC, browser mode, the CLI) only carry (name, input) to it.
import { hostname } from 'node:os';
import { domainError, type ApiResult } from '../api/errors.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { appendAudit } from '../audit/chain.ts';
import { idleLockMinutes } from '../auth/service.ts';
import { signOut } from '../auth/signin.ts';
import { dispatch } from '../router/dispatch.ts';
import type { HostState } from '../router/context.ts';
import { discardPendingSignIn } from '../auth/signin.ts';
import { STRONG_KDF, type KdfCost } from '../vault/keyslots.ts';
import type { AppHost, AppHostOptions } from './types.ts';

export function createHostState(opts: AppHostOptions & { now?: () => Date; kdfCost?: KdfCost }): HostState {
  return {
    dir: opts.vaultDir,
    workstation: opts.workstation ?? hostname(),
    handle: null,
    session: null,
    now: opts.now ?? (() => new Date()),
    kdfCost: opts.kdfCost ?? STRONG_KDF,
  };
}

/** Operations a browser that is not signed in may call; the three that sign in take over the session. */
const SIGNS_IN = new Set(['auth.signIn', 'vault.create', 'auth.recover']);

export function createAppHost(opts: AppHostOptions & { now?: () => Date; kdfCost?: KdfCost }): AppHost {
  const state = createHostState(opts);
  // Calls run one after another: sign-in and key changes must never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  let lastCall = state.now().getTime();
  /** The browser (cookie) whose user is signed in; null when nobody is or the caller is Electron. */
  let owner: string | null = null;

  // R09: the host locks itself, so a closed browser tab does not leave the vault open (finding 7).
  function lockWhenIdle(): boolean {
    if (!state.handle || !state.session) return false;
    const idleMs = idleLockMinutes(state.handle.sqlite) * 60_000;
    if (state.now().getTime() - lastCall < idleMs) return false;
    const { sqlite } = state.handle;
    const s = state.session;
    sqlite.transaction(() => appendAudit(sqlite, { action: 'auth.idleLock', outcome: 'ok', at: state.now().toISOString(), userId: s.userId, username: s.username, workstation: state.workstation }))();
    flushAnchor(sqlite);
    state.session = null; // the line above records the lock; signOut only closes
    signOut(state);
    owner = null;
    return true;
  }

  async function run(name: string, input: unknown, client: string | undefined): Promise<ApiResult<unknown>> {
    lockWhenIdle();
    if (!state.session) owner = null;
    // Only the signed-in browser's calls count as activity: another one cannot keep it unlocked.
    if (client === undefined || owner === null || owner === client || SIGNS_IN.has(name)) lastCall = state.now().getTime();
    if (client !== undefined && owner !== null && owner !== client && !SIGNS_IN.has(name)) {
      // Another browser's user is signed in: to this one the vault is signed out.
      if (name === 'vault.status') {
        const r = await dispatch(state, name, input);
        return r.ok ? { ok: true, value: { ...(r.value as object), me: null } } : r;
      }
      if (name === 'auth.signOut') return { ok: true, value: { ok: true } };
      return { ok: false, error: domainError('auth.required').toApiError() };
    }
    const result = await dispatch(state, name, input);
    if (client !== undefined) owner = state.session ? (SIGNS_IN.has(name) ? client : owner ?? client) : null;
    return result;
  }

  return {
    call: (name, input, client) => enqueue(() => run(name, input, client)),
    lockIfIdle: () => enqueue(lockWhenIdle),
    close() {
      discardPendingSignIn(state); // a sign-in waiting for its second factor holds the vault too
      state.session = null;
      state.handle?.close();
      state.handle = null;
    },
  };
}
