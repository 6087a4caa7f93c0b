#!/usr/bin/env node
// Fault tests (issue 6): `npm run test:fault` runs the quick sizes that `npm test` also runs;
// `npm run test:fault -- --full` runs the large ones (200 crash kills, 1,000 bad inputs per
// operation). Sets FAULT_FULL without shell syntax, so it works on Windows too.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const full = process.argv.includes('--full');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', 'test/fault'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, ...(full ? { FAULT_FULL: '1' } : {}) },
});
process.exit(run.status ?? 1);
