// How a call reaches the host: over Electron's preload bridge, or over HTTP in browser mode
// (`dossierkluis serve`). Both answer with the same ApiResult shape.
import type { ApiResult } from '../../core/api/errors.ts';

/** What saving a file came to: in browser mode the browser's download always counts as saved. */
export type SavedFile = { saved: true; fileName: string } | { saved: false; reason: 'cancelled' | 'failed' };

declare global {
  interface Window {
    dossierkluis?: {
      call(name: string, input: unknown): Promise<ApiResult<unknown>>;
      /** Electron only: the system's save dialog (electron/save.ts). */
      saveFile?(fileName: string, bytes: Uint8Array): Promise<SavedFile>;
    };
  }
}

// Browser mode (issue 12, finding 7): the address carries a one-time code that this tab exchanges
// for an HttpOnly session cookie and a CSRF secret. The secret lives in sessionStorage, so it
// belongs to this tab; a new tab needs a new address and signs in on its own.
const CSRF_KEY = 'dossierkluis.csrf';
const CSRF_HEADER = 'X-Dossierkluis-Csrf';

/** Exchanges `#code=…` once and removes it from the visible address and the history first. */
export async function captureCode(): Promise<void> {
  const m = /^#code=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m?.[1] || window.dossierkluis) return;
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  try {
    const res = await fetch('/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: m[1] }) });
    if (res.ok) sessionStorage.setItem(CSRF_KEY, ((await res.json()) as { csrf: string }).csrf);
  } catch {
    /* no server: the first call reports that */
  }
}

const noBrowserSession: ApiResult<never> = {
  ok: false,
  error: {
    code: 'auth.required',
    message: 'Deze browser is niet (meer) verbonden met Dossierkluis. Elk adres werkt één keer: open een nieuw adres uit het venster waarin Dossierkluis draait (druk daar op Enter).',
    messageEn: 'This browser is not (or no longer) connected to Dossierkluis. Each address works once: open a new address from the window where Dossierkluis runs (press Enter there).',
  },
};

export async function transport(name: string, input: unknown): Promise<ApiResult<unknown>> {
  if (window.dossierkluis) return window.dossierkluis.call(name, input);
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: sessionStorage.getItem(CSRF_KEY) ?? '' },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 403) return noBrowserSession;
  return (await res.json()) as ApiResult<unknown>;
}
