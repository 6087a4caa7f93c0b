import type { ApiResult } from '../api/errors.ts';

/**
 * What a transport (Electron IPC, the browser-mode HTTP server, tests) talks to: one open vault
 * folder and the session of the user signed in on this workstation. `call` never throws: every
 * failure comes back as a coded error.
 */
export interface AppHost {
  /**
   * `client` names the browser (one cookie) a browser-mode call comes from. Only the client that
   * signed in uses the session; any other one is treated as signed out until it signs in itself,
   * which replaces the session (issue 12, finding 7). Electron passes none: it has one window.
   */
  call(name: string, input: unknown, client?: string): Promise<ApiResult<unknown>>;
  /** Locks the vault when no call came for the policy's idle time (R09); true when it locked. */
  lockIfIdle(): Promise<boolean>;
  /** Locks the vault (drops the session and the key from memory) and releases the folder. */
  close(): void;
}

export interface AppHostOptions {
  /** The vault folder (default: the OS user-data folder, see core/host/paths.ts). */
  vaultDir: string;
  /** Name of this workstation for the audit trail (NEN 7513). Defaults to the host name. */
  workstation?: string;
}
