import type { ApiResult } from '../api/errors.ts';

/**
 * What a transport (Electron IPC, the browser-mode HTTP server, tests) talks to: one open vault
 * folder and the session of the user signed in on this workstation. `call` never throws: every
 * failure comes back as a coded error.
 */
export interface AppHost {
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Locks the vault (drops the session and the key from memory) and releases the folder. */
  close(): void;
}

export interface AppHostOptions {
  /** The vault folder (default: the OS user-data folder, see core/host/paths.ts). */
  vaultDir: string;
  /** Name of this workstation for the audit trail (NEN 7513). Defaults to the host name. */
  workstation?: string;
}
