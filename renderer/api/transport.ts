// How a call reaches the host: over Electron's preload bridge, or over HTTP in browser mode
// (`dossierkluis serve`). Both answer with the same ApiResult shape.
import type { ApiResult } from '../../core/api/errors.ts';

declare global {
  interface Window {
    dossierkluis?: { call(name: string, input: unknown): Promise<ApiResult<unknown>> };
  }
}

const TOKEN_KEY = 'dossierkluis.token';

/** Reads `#token=…` once, keeps it for this tab only and removes it from the visible address. */
export function captureToken(): void {
  const m = /^#token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
}

export async function transport(name: string, input: unknown): Promise<ApiResult<unknown>> {
  if (window.dossierkluis) return window.dossierkluis.call(name, input);
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input ?? {}),
  });
  return (await res.json()) as ApiResult<unknown>;
}
