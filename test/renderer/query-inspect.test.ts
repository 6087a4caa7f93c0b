// Issue 14: the cache inspection the e2e specs use (renderer/api/inspect.ts) exists only in the
// test build (VITE_DK_E2E=1). A plain production build — what `npm start` and the desktop app
// run — must not carry it: a handle into the query cache would let any script read dossier answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(join(tmpdir(), 'dk-renderer-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the e2e cache inspection (issue 14)', () => {
  it('is not in a plain production build of the renderer', async () => {
    const before = process.env.VITE_DK_E2E;
    delete process.env.VITE_DK_E2E;
    try {
      const result = await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'silent', build: { outDir, write: false, emptyOutDir: false } });
      const outputs = (Array.isArray(result) ? result : [result]) as { output: { type: string; code?: string; source?: string | Uint8Array }[] }[];
      const files = outputs.flatMap((o) => o.output);
      expect(files.some((f) => f.type === 'chunk')).toBe(true);
      const text = files.map((f) => f.code ?? (typeof f.source === 'string' ? f.source : '')).join('\n');
      expect(text).toContain('dossiers.get'); // the app itself is in there
      expect(text).not.toContain('__dkQueryInspect');
      expect(text).not.toContain('__dkQueryClient');
    } finally {
      if (before !== undefined) process.env.VITE_DK_E2E = before;
    }
  }, 240_000);
});
