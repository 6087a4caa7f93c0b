// Issue 12, finding 2: what runs is compiled JavaScript, not TypeScript compiled at run time by
// tsx (whose cache in the shared temp folder and whose tsconfig lookup both ran planted code).
// These tests build the bundles with scripts/build.mjs and run the CLI bundle from a copy outside
// the repository, next to nothing but node_modules (for the native modules) and a renderer.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD as VAULT_PASSWORD } from '../support/vault.ts';
import { inzage, verify, world } from '../requests/support.ts';
import { pdfInfo, pdfText } from '../copies/support.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundles = {
  cli: join(root, 'dist-cli', 'dossierkluis.mjs'),
  electronMain: join(root, 'dist-electron', 'main.js'),
  preload: join(root, 'dist-electron', 'preload.cjs'),
};
const PASSWORD = 'een-lang-bundelwachtwoord';

/**
 * A stand-in for the electron module (the binary cannot be downloaded here): just enough API for
 * dist-electron/main.js to start, and an IPC invoke from the app's own page and from a UNC page.
 */
const ELECTRON_STUB = `
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
const index = pathToFileURL(join(dirname(dirname(process.argv[1])), 'dist-renderer', 'index.html'));
const frame = (url) => ({ sender: { id: 1 }, senderFrame: { parent: null, url } });
export const app = {
  isPackaged: true, commandLine: { hasSwitch: () => false }, requestSingleInstanceLock: () => true, enableSandbox() {}, on() {},
  getPath: () => { throw new Error('--vault is given'); }, whenReady: () => Promise.resolve(),
  exit(code) { console.log('EXIT ' + code); process.exit(code); }, quit() { process.exit(0); },
};
export const ipcMain = {
  removeHandler() {},
  handle(name, fn) {
    if (name !== 'api') return;
    setTimeout(async () => {
      console.log('OWN ' + JSON.stringify(await fn(frame(index.href), 'vault.status', {})));
      console.log('UNC ' + await fn(frame('file://server' + index.pathname), 'vault.status', {}).then(() => 'answered', (e) => e.message));
      process.exit(0);
    }, 0);
  },
};
export class BrowserWindow {
  constructor() { this.webContents = { id: 1, on() {}, setWindowOpenHandler() {} }; }
  once() {} on() {} isDestroyed() { return false; } loadFile(f) { console.log('LOAD ' + f); return Promise.resolve(); }
}
export const Menu = { setApplicationMenu() {}, buildFromTemplate: (t) => t };
export const dialog = { showSaveDialog: () => Promise.resolve({ canceled: true }) };
export const session = { defaultSession: { webRequest: { onHeadersReceived() {} }, setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } };
`;
const MARKER = 'renderer-next-to-the-bundle';

let work: string;
let app: string;
let bundled: string;

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  // The copied app: dist-cli/ and dist-renderer/ as in the repository, node_modules for the
  // native modules only. No core/, no db/, no tsconfig.json.
  work = mkdtempSync(join(tmpdir(), 'dk-bundle-'));
  app = join(work, 'app');
  mkdirSync(join(app, 'dist-cli'), { recursive: true });
  mkdirSync(join(app, 'dist-renderer'));
  cpSync(bundles.cli, join(app, 'dist-cli', 'dossierkluis.mjs'));
  writeFileSync(join(app, 'dist-renderer', 'index.html'), `<!doctype html><title>${MARKER}</title>`);
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  bundled = join(app, 'dist-cli', 'dossierkluis.mjs');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function runBundled(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bundled, ...args], {
    cwd: work, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, DOSSIERKLUIS_PASSWORD: PASSWORD, TMPDIR: work },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('issue 12 finding 2: the app runs a compiled bundle', () => {
  it('R07 finding 2: the bundles import no tsx, name no TypeScript file to load and carry every migration inside', () => {
    const tags = readdirSync(join(root, 'db', 'migrations')).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4));
    expect(tags.length).toBeGreaterThan(0);
    for (const [name, file] of Object.entries(bundles)) {
      const text = readFileSync(file, 'utf8');
      expect(text, name).not.toMatch(/\btsx\b/);
      // Any quoted path ending in .ts/.mts/.cts would be a source the bundle could try to load.
      expect(text.match(/["'`][^"'`\n]*\.[cm]?ts["'`]/g) ?? [], name).toEqual([]);
      expect(text, name).not.toContain('_journal.json');
      expect(text, name).not.toContain('dejavu-fonts-ttf/'); // the copy's fonts are embedded, not looked up (issue 10)
    }
    const cli = readFileSync(bundles.cli, 'utf8');
    const main = readFileSync(bundles.electronMain, 'utf8');
    // Each migration file is a key of the embedded table (its SQL is proved by init below, which
    // runs with no db/ folder anywhere near the bundle).
    for (const tag of tags) {
      expect(cli, tag).toContain(`"${tag}": `);
      expect(main, tag).toContain(`"${tag}": `);
    }
    // The native modules stay external: loaded from node_modules, rebuilt for Electron when packaged.
    expect(main).toMatch(/from "better-sqlite3"|require\("better-sqlite3"\)/);
    expect(main).toMatch(/from "electron"/);
    expect(readFileSync(bundles.preload, 'utf8')).toMatch(/require\("electron"\)/);
  });

  it('R07 finding 2: the Electron main bundle, copied away from the sources, starts core and answers its own page only (electron stubbed)', () => {
    const shell = join(work, 'shell');
    mkdirSync(join(shell, 'dist-electron'), { recursive: true });
    cpSync(bundles.electronMain, join(shell, 'dist-electron', 'main.js'));
    mkdirSync(join(shell, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(shell, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.mjs' }));
    writeFileSync(join(shell, 'node_modules', 'electron', 'index.mjs'), ELECTRON_STUB);
    symlinkSync(join(root, 'node_modules', 'better-sqlite3'), join(shell, 'node_modules', 'better-sqlite3'), 'dir');
    symlinkSync(join(root, 'node_modules', '@node-rs'), join(shell, 'node_modules', '@node-rs'), 'dir');
    const run = (extra: string[]) => spawnSync(process.execPath, [join(shell, 'dist-electron', 'main.js'), '--vault', join(work, 'vault-shell'), ...extra], { cwd: work, encoding: 'utf8', timeout: 30_000 });
    const started = run([]);
    expect(started.status, started.stderr).toBe(0);
    expect(started.stdout).toContain(`LOAD ${join(shell, 'dist-renderer', 'index.html')}`);
    expect(started.stdout).toMatch(/^OWN \{"ok":true,"value":\{"initialised":false/m);
    expect(started.stdout).toContain('UNC Geweigerd: onbekende afzender');
    // Finding 9: a debugging switch stops the app before any window or vault.
    const debugged = run(['--remote-debugging-port=9222']);
    expect(debugged.status).toBe(1);
    expect(debugged.stderr).toContain('Dossierkluis start niet met --remote-debugging-port');
    expect(debugged.stdout).not.toContain('LOAD');
  });

  it('R05 R07 finding 2: the bundled CLI, copied away from the sources, makes a vault with init and verify passes', () => {
    const vault = join(work, 'vault-cli');
    const init = runBundled(['init', '--vault', vault, '--org', 'Bundel BV', '--admin', 'beheer']);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('Herstelcode');
    const verify = runBundled(['verify', '--vault', vault]);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    expect(verify.stdout).toContain('Integriteit database: in orde');
    expect(verify.stdout).toMatch(/Audittrail: \d+ regels gecontroleerd, 0 afwijkingen/);
  });

  it('R07 finding 2: browser mode from the bundle serves the renderer next to it and creates and opens a vault over its API', async () => {
    const vault = join(work, 'vault-serve');
    const child = spawn(process.execPath, [bundled, 'serve', '--vault', vault, '--port', '0'], {
      cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none', TMPDIR: work },
    });
    try {
      let output = '';
      const url = await new Promise<URL>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`serve printed no address: ${output}`)), 30_000);
        const onData = (c: Buffer) => {
          output += c.toString('utf8');
          const m = /(http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]+)/.exec(output);
          if (m) { clearTimeout(timer); done(new URL(m[1]!)); }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`serve ended (${code}): ${output}`)); });
      });
      const page = await fetch(url.origin + '/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(MARKER);
      // As the page does: the address's one-time code for a session cookie and a CSRF secret (finding 7).
      const session = await fetch(`${url.origin}/session`, { method: 'POST', headers: { Origin: url.origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ code: url.hash.slice('#code='.length) }) });
      expect(session.status).toBe(200);
      const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
      const { csrf } = (await session.json()) as { csrf: string };
      const call = async (name: string, input: unknown) => {
        const res = await fetch(`${url.origin}/api/${name}`, { method: 'POST', headers: { Origin: url.origin, Cookie: cookie, 'X-Dossierkluis-Csrf': csrf, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
        return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
      };
      expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { initialised: false } });
      const created = await call('vault.create', { organisation: 'Bundel BV', preset: 'factor-twee', admin: { username: 'beheer', displayName: 'Bea Beheer', password: PASSWORD } });
      expect(created, JSON.stringify(created)).toMatchObject({ ok: true, value: { recoveryCode: expect.any(String) } });
      await call('auth.signOut', {});
      expect(await call('auth.signIn', { username: 'beheer', password: PASSWORD })).toMatchObject({ ok: true, value: { username: 'beheer', role: 'administrator' } });
      expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { initialised: true, organisation: 'Bundel BV', me: { username: 'beheer' } } });
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('close', done));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('R21 issue 10: the bundled CLI makes the copy with the fonts it carries: no font file in node_modules next to it', async () => {
    // A lean app: dist-cli/ and the native modules only, so a font read from node_modules fails.
    const lean = join(work, 'lean');
    mkdirSync(join(lean, 'dist-cli'), { recursive: true });
    mkdirSync(join(lean, 'node_modules'));
    cpSync(bundles.cli, join(lean, 'dist-cli', 'dossierkluis.mjs'));
    symlinkSync(join(root, 'node_modules', 'better-sqlite3'), join(lean, 'node_modules', 'better-sqlite3'), 'dir');
    symlinkSync(join(root, 'node_modules', '@node-rs'), join(lean, 'node_modules', '@node-rs'), 'dir');
    const w = await world();
    await w.consultant.call('dossiers.update', { participantId: w.participantId, changes: { city: 'Ĳsselstein ë ï é' }, reason: 'Gesprek met deelnemer' });
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const user = w.admin.state.session!.username;
    w.vault.close();
    const out = join(work, 'kopie-lean.pdf');
    const r = spawnSync(process.execPath, [join(lean, 'dist-cli', 'dossierkluis.mjs'), 'copy', '--vault', w.vault.dir, '--request', String(request.id), '--out', out, '--user', user], {
      cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOSSIERKLUIS_PASSWORD: VAULT_PASSWORD, TMPDIR: work },
    });
    expect(r.status, r.stderr).toBe(0);
    const passphrase = /: ([a-z]+(?:-[a-z]+){5}-\d{5})$/m.exec(r.stderr)?.[1];
    expect(passphrase, r.stderr).toBeDefined();
    const pdf = readFileSync(out);
    expect(pdfText(pdf, passphrase!)).toContain('Ĳsselstein ë ï é');
    const fonts = pdfInfo(pdf, passphrase!).fonts.split('\n').filter((l) => l.includes('DejaVuSans'));
    expect(fonts).toHaveLength(2);
    rmSync(join(w.vault.dir, '..'), { recursive: true, force: true });
  }, 120_000);
});
