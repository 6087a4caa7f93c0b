#!/usr/bin/env node
// End-to-end tests (npm run test:e2e): builds the renderer and the bundle (scripts/build.mjs), then
// runs each spec in test/e2e/specs.mjs against its own fresh vault served by the bundled
// `dossierkluis serve` (dist-cli/dossierkluis.mjs, what users run), in headless
// Chromium. Ends with the line `e2e: N passed, N failed` and a non-zero exit on any failure.
//   --no-build        reuse dist-renderer/ (and the bundle, unless its sources are newer)
//   --only TEXT       run the specs whose name contains TEXT
//   --update-docs     copy the key screenshots to docs/screenshots/
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ROOT, SHOTS, openApp } from '../test/e2e/harness.mjs';
import { DOC_SHOTS } from '../test/e2e/fit.mjs';
import { E2E_BUILD_MARKER, build, bundleIsStale } from './build.mjs';
import { specs as coreSpecs } from '../test/e2e/specs.mjs';

// Feature modules add their specs as test/e2e/specs-<module>.mjs exporting `specs`.
const specs = [...coreSpecs];
for (const file of readdirSync(join(ROOT, 'test/e2e')).filter((f) => /^specs-.+\.mjs$/.test(f)).sort()) {
  specs.push(...(await import(pathToFileURL(join(ROOT, 'test/e2e', file)).href)).specs);
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

// --no-build reuses dist-renderer/ only when it is a test build: the specs need its cache inspection.
if (!args.includes('--no-build') || !existsSync(join(ROOT, 'dist-renderer/index.html')) || !existsSync(join(ROOT, E2E_BUILD_MARKER))) {
  // VITE_DK_E2E=1: the test build, with the read-only look into the query cache the specs use
  // (renderer/api/inspect.ts); a plain `vite build` has none. The marker file makes `npm start`
  // build the renderer again rather than run this one (scripts/start.mjs).
  console.log('e2e: building the renderer (vite build, test build)…');
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, VITE_DK_E2E: '1' } });
  if (build.status !== 0) {
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
  await writeFile(join(ROOT, E2E_BUILD_MARKER), 'Built by scripts/e2e.mjs with VITE_DK_E2E=1: not for use.\n');
}

if (!args.includes('--no-build') || bundleIsStale()) {
  console.log('e2e: building the bundle (scripts/build.mjs)…');
  try {
    await build({ quiet: true });
  } catch (e) {
    console.log(`e2e: the build failed: ${e?.message ?? e}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--lang=nl-NL'],
});

let passed = 0;
let failed = 0;
const selected = specs.filter((s) => !only || s.name.includes(only));
for (const spec of selected) {
  const started = Date.now();
  let app = null;
  try {
    app = await openApp(browser);
    await spec.run(app);
    const pageErrors = app.problems.filter((p) => p.startsWith('pageerror'));
    if (pageErrors.length) throw new Error(`the page threw:\n${pageErrors.join('\n')}`);
    passed++;
    console.log(`  ✓ ${spec.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${spec.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`    ${String(e?.stack ?? e).split('\n').slice(0, 12).join('\n    ')}`);
    if (app) {
      const shot = join(SHOTS, `FAILED-${specs.indexOf(spec)}.png`);
      await mkdir(SHOTS, { recursive: true });
      await app.page.screenshot({ path: shot }).catch(() => {});
      console.log(`    screenshot: ${shot}`);
      if (app.problems.length) console.log(`    browser:\n      ${app.problems.slice(-10).join('\n      ')}`);
      const out = app.server.output().trim().split('\n').slice(-10).join('\n      ');
      if (out) console.log(`    server:\n      ${out}`);
    }
  } finally {
    await app?.close().catch((err) => console.log(`    cleanup: ${err}`));
  }
}
await browser.close();

if (args.includes('--update-docs')) {
  await mkdir(join(ROOT, 'docs/screenshots'), { recursive: true });
  for (const name of DOC_SHOTS) {
    const from = join(SHOTS, `${name}.png`);
    if (existsSync(from)) await copyFile(from, join(ROOT, 'docs/screenshots', `${name}.png`));
  }
  console.log('e2e: screenshots copied to docs/screenshots/');
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
