#!/usr/bin/env node
// npm start: build the renderer and the bundle (scripts/build.mjs) when needed, then run the
// desktop app, or browser mode where the Electron binary is not available; both run the compiled
// bundle, never TypeScript. Extra arguments (--vault DIR, --port P) are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_BUILD_MARKER, build, bundleIsStale } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

// The renderer imports the contract from core/api, so that counts as a renderer source too.
function buildRendererIfStale() {
  const index = join(root, 'dist-renderer', 'index.html');
  const sources = ['renderer', 'core/api', 'vite.config.ts', 'index.html'].map((p) => newestMtime(join(root, p)));
  // A test build left by scripts/e2e.mjs (with its cache inspection) is never started: build anew.
  const testBuild = existsSync(join(root, E2E_BUILD_MARKER));
  if (!testBuild && existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources)) return;
  console.log('De gebruikersinterface wordt gebouwd…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!run(process.execPath, [vite, 'build'])) {
    console.error('Het bouwen van de gebruikersinterface is mislukt.');
    process.exit(1);
  }
}

// Not require('electron'): when the binary is missing, that starts a download.
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative || 'electron');
    return existsSync(binary) ? binary : undefined;
  }
  if (!relative) return undefined;
  const binary = join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildRendererIfStale();
if (bundleIsStale()) {
  console.log('De app wordt gebouwd…');
  await build().catch((e) => {
    console.error(`Het bouwen van de app is mislukt: ${e?.message ?? e}`);
    process.exit(1);
  });
}

const electron = electronBinary();
if (electron) {
  forward(spawn(electron, ['.', ...args], { cwd: root, stdio: 'inherit' }));
} else {
  console.log('Electron is op deze computer niet beschikbaar; Dossierkluis start in browsermodus.');
  const cli = join(root, 'dist-cli', 'dossierkluis.mjs');
  forward(spawn(process.execPath, [cli, 'serve', '--open', ...args], { cwd: root, stdio: 'inherit' }));
}
