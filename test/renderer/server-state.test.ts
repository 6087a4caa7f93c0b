// Issue 14: server state in the renderer goes through TanStack Query (renderer/api/query.ts).
// A useEffect that calls the API client is the old hand-made loading; this sweep keeps it out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'renderer');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The bodies of every useEffect(...) in a source text, found by bracket matching. */
function effectBodies(src: string): string[] {
  const bodies: string[] = [];
  for (let at = src.indexOf('useEffect('); at >= 0; at = src.indexOf('useEffect(', at + 1)) {
    let depth = 0;
    let end = at + 'useEffect'.length;
    for (; end < src.length; end++) {
      if (src[end] === '(') depth++;
      else if (src[end] === ')' && --depth === 0) break;
    }
    bodies.push(src.slice(at, end + 1));
  }
  return bodies;
}

// The API client's call, a hand-made load(), fetch, or a promise chain started in an effect.
const callsApi = (body: string) => /\bcall\(|\bload\(\)|\bfetch\(|\.then\(/.test(body);

describe('server state through TanStack Query (issue 14)', () => {
  const all = files(root).map((f) => ({ rel: relative(root, f).split('\\').join('/'), src: readFileSync(f, 'utf8') }));

  it('finds renderer sources and useEffects at all (the sweep is not empty)', () => {
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((f) => effectBodies(f.src).length > 0)).toBe(true);
  });

  it('no renderer file has a useEffect that calls the API client (every page is moved)', () => {
    const offenders = all.filter((f) => effectBodies(f.src).some(callsApi)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('the session query client never refetches on focus and never retries domain errors', () => {
    const q = readFileSync(join(root, 'api', 'query.ts'), 'utf8');
    expect(q).toMatch(/refetchOnWindowFocus: false/);
    expect(q).toMatch(/retry: \(count, e\) => isTransportError\(e\)/);
  });
});
