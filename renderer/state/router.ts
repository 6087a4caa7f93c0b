// A small hash router: '#/dossiers/12?tab=journal'. Hash routing works both over http (browser
// mode) and file:// (Electron).
import { useSyncExternalStore } from 'react';

export interface Location {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function parse(): Location {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?');
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path, segments: path.split('/').filter(Boolean), query: new URLSearchParams(queryPart) };
}

let current = parse();
const listeners = new Set<() => void>();
function sync(): void {
  const next = parse();
  if (next.path === current.path && next.query.toString() === current.query.toString()) return;
  current = next;
  for (const l of listeners) l();
}
window.addEventListener('hashchange', sync);
window.addEventListener('popstate', sync);

/**
 * Goes to a path. When the address already shows it but the router has not seen it (the address
 * was replaced without a hashchange, as browser mode does when it removes its one-time code), the
 * router reads it now: otherwise the first page after sign-in would wait for a change that never
 * comes (issue 13, bug 1).
 */
export function navigate(path: string): void {
  const target = `#${path}`;
  if (location.hash === target) sync();
  else location.hash = target;
}

export function useLocation(): Location {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
