// The host of one workstation: one vault folder, at most one signed-in user. Transports
// (Electron IPC, browser mode, the CLI) only carry (name, input) to it.
import { hostname } from 'node:os';
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

export function createAppHost(opts: AppHostOptions & { now?: () => Date; kdfCost?: KdfCost }): AppHost {
  const state = createHostState(opts);
  // Calls run one after another: sign-in and key changes must never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    call(name, input) {
      const run = queue.then(() => dispatch(state, name, input));
      queue = run.catch(() => undefined);
      return run;
    },
    close() {
      discardPendingSignIn(state); // a sign-in waiting for its second factor holds the vault too
      state.session = null;
      state.handle?.close();
      state.handle = null;
    },
  };
}
