#!/usr/bin/env node
// Launcher of the command-line tool: runs the compiled bundle dist-cli/dossierkluis.mjs (made by
// `npm run build`, scripts/build.mjs). No TypeScript is compiled in this process. In a checkout
// with the build tools installed, a missing or outdated bundle is built first, in its own process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'dossierkluis.mjs');
const buildScript = join(root, 'scripts', 'build.mjs');

if (existsSync(buildScript) && existsSync(join(root, 'node_modules', 'esbuild'))) {
  const { bundleIsStale } = await import(pathToFileURL(buildScript).href);
  if (bundleIsStale()) {
    process.stderr.write('Dossierkluis wordt eerst gebouwd (npm run build)…\n');
    const built = spawnSync(process.execPath, [buildScript], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) {
      process.stderr.write('Het bouwen is mislukt; zie de melding hierboven.\n');
      process.exit(1);
    }
  }
}
if (!existsSync(bundle)) {
  process.stderr.write('Dossierkluis is nog niet gebouwd: voer eerst `npm run build` uit.\n');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
