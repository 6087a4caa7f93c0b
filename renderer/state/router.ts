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
window.addEventListener('hashchange', () => {
  current = parse();
  for (const l of listeners) l();
});

export function navigate(path: string): void {
  const target = `#${path}`;
  if (location.hash === target) return;
  location.hash = target;
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
