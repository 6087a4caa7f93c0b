// Shared pieces of the fault tests: child processes (the CLI and child-vault.ts), file hashes and
// a seeded random source. Quick sizes by default; FAULT_FULL=1 (npm run test:fault -- --full) runs more.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PASSWORD } from '../support/vault.ts';

export const FULL = process.env.FAULT_FULL === '1';
const root = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = join(root, 'bin', 'dossierkluis.mjs');
const childSource = fileURLToPath(new URL('./child-vault.ts', import.meta.url));
// Inside the repository, so that the native modules left external resolve from node_modules.
const childBundle = join(root, 'node_modules', '.cache', 'dossierkluis-fault', `child-vault-${process.pid}.mjs`);
let bundled: Promise<void> | undefined;

/**
 * child-vault.ts bundled into one file: it starts in a third of the time that loading the sources
 * through tsx takes, which matters when a test starts it dozens of times. Each module keeps its
 * own import.meta.url (the migrations are read relative to db/migration-files.ts).
 */
export function prepareChild(): Promise<void> {
  bundled ??= build({
    entryPoints: [childSource], outfile: childBundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    external: ['better-sqlite3', '@node-rs/argon2'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [{
      name: 'own-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.(m?[jt]s|cjs)$/ }, async (args) => {
          const text = await readFile(args.path, 'utf8');
          if (!text.includes('import.meta.url')) return undefined;
          return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
        });
      },
    }],
  }).then(() => undefined);
  return bundled;
}

export function removeChildBundle(): void {
  rmSync(childBundle, { force: true });
  bundled = undefined;
}

export interface Finished { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function collect(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** `dossierkluis ARGS` in its own process, password from the environment (as scripts use it). */
export function runCli(args: string[], opts: { password?: string; env?: Record<string, string> } = {}): Promise<Finished> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: root,
    env: { ...process.env, DOSSIERKLUIS_PASSWORD: opts.password ?? PASSWORD, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

export interface RunningChild {
  child: ChildProcess;
  /** Complete lines printed so far. */
  lines(): string[];
  /** Resolves when a complete line matching `re` has been printed (rejects if the child ends first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Lets a loaded child go on to open the vault. */
  go(): void;
  /** SIGKILL, then wait for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<Finished>;
  finished: Promise<Finished>;
}

/** Starts test/fault/child-vault.ts (bundled by prepareChild first) in MODE on a vault folder as USER. */
export function startChild(mode: 'write' | 'hold' | 'guess', dir: string, user: string): RunningChild {
  if (!bundled) throw new Error('call prepareChild() first');
  const child = spawn(process.execPath, [childBundle, mode, dir, user], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.on('error', () => undefined); // a killed child's pipe: EPIPE is expected
  let buffer = '';
  const waiters: { re: RegExp; done: () => void }[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    buffer += c.toString('utf8');
    for (const w of [...waiters]) if (complete().some((l) => w.re.test(l))) { waiters.splice(waiters.indexOf(w), 1); w.done(); }
  });
  const finished = collect(child);
  const complete = () => buffer.split('\n').slice(0, -1);
  return {
    child, finished,
    lines: complete,
    go: () => { child.stdin!.write('go\n'); },
    waitFor(re, timeoutMs = 20_000) {
      if (complete().some((l) => re.test(l))) return Promise.resolve();
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`child did not print ${re} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ re, done: () => { clearTimeout(timer); done(); } });
        void finished.then((f) => fail(new Error(`child ended (${f.code ?? f.signal}) before ${re}: ${f.stderr.slice(-500)}`)));
      });
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const f = await finished;
      child.stdin!.destroy();
      return f;
    },
  };
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every file of a folder (relative name → sha256), to prove that a refusal changed nothing. */
export function hashFiles(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f.slice(dir.length + 1), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

/** The benchmark's seeded generator (mulberry32), so a failing run can be repeated with FAULT_SEED. */
export { seededRandom } from '../../bench/stats.ts';

export function faultSeed(): number {
  return process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Date.now() % 2 ** 31;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
