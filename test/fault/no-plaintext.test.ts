// No plaintext anywhere (R07): a scripted workflow with a canary participant runs in separate
// processes, as in real use — the browser-mode host (`dossierkluis serve`, called over HTTP) for
// create, entries, document upload and search, then `dossierkluis backup` and `verify`. Their OS
// temp folder (TMPDIR) is a folder of this test. Afterwards the canary's name and phone number
// (UTF-8 and UTF-16, any case) appear in no file of the vault folder, the backup, that temp folder,
// any new entry of the machine's temp folder, nor in anything the processes logged.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn, signOut } from '../../core/auth/signin.ts';
import { EXIT } from '../../core/cli/main.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { PASSWORD, aParticipant, caller, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';
import { runCli, type Finished } from './support.ts';

let vault: TestVault;
const made: string[] = [];
afterAll(() => {
  removeVault(vault);
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const MAX_SCANNED_FILE = 64 * 1024 * 1024;

/** A unique canary, so that files of other tests or other runs can never match by accident. */
function canary() {
  const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');
  return { firstName: `Kanarie${letters}`, lastName: `Zwavelstok${letters.split('').reverse().join('')}`, phone: `06${String(randomInt(10_000_000, 99_999_999))}` };
}

function needlesOf(c: ReturnType<typeof canary>): Buffer[] {
  const words = [c.firstName, c.lastName, c.firstName.toLowerCase(), c.lastName.toLowerCase(), c.phone];
  return words.flatMap((w) => [Buffer.from(w, 'utf8'), Buffer.from(w, 'utf16le')]);
}

/** Files under a folder (no symlinks followed), with the ones too large to read listed apart. */
function walk(dir: string, out: { files: string[]; skipped: string[] }): void {
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  for (const n of names) {
    const p = join(dir, n);
    let s;
    try { s = lstatSync(p); } catch { continue; }
    if (s.isDirectory()) walk(p, out);
    else if (s.isFile()) (s.size > MAX_SCANNED_FILE ? out.skipped : out.files).push(p);
  }
}

function findNeedles(files: string[], needles: Buffer[]): string[] {
  const hits: string[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try { bytes = readFileSync(f); } catch { continue; } // gone meanwhile, or not ours to read
    for (const n of needles) if (bytes.includes(n)) hits.push(`${f}: ${n.toString(n.length && n[1] === 0 ? 'utf16le' : 'utf8')}`);
  }
  return hits;
}

/** `dossierkluis serve` with its own TMPDIR; exchanges the one-time code it printed for a browser session. */
async function startServe(vaultDir: string, tmp: string) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, [join(root, 'bin', 'dossierkluis.mjs'), 'serve', '--vault', vaultDir, '--port', '0'], {
    cwd: root, env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  const exited = new Promise<Finished>((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  const url = await new Promise<URL>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${stderr}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#code=\S+)/.exec(stdout);
      if (m) { clearTimeout(timer); done(new URL(m[1]!)); }
    });
    void exited.then((f) => fail(new Error(`serve ended early (${f.code}): ${f.stderr}`)));
  });
  const session = await fetch(`${url.origin}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: url.hash.slice('#code='.length) }) });
  const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrf } = (await session.json()) as { csrf: string };
  const call = async (name: string, input: unknown) => {
    const res = await fetch(`${url.origin}/api/${name}`, { method: 'POST', headers: { Cookie: cookie, 'X-Dossierkluis-Csrf': csrf, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    return (await res.json()) as { ok: true; value: never } | { ok: false; error: { code: string } };
  };
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
    return r.value as T;
  };
  const stop = async () => { child.kill('SIGTERM'); return exited; };
  return { call, ok, stop };
}

describe('no plaintext anywhere', () => {
  it('R07 after create, entries, document upload, search, backup and verify, the canary\'s name and phone number are in no file, temp file or log', async () => {
    const c = canary();
    const needles = needlesOf(c);
    const tmpBefore = new Set(readdirSync(tmpdir()));
    const childTmp = tempDir('dossierkluis-fault-tmp-');
    made.push(childTmp);
    vault = await testVault();
    await vault.addUser('anna', 'consultant');
    vault.close();

    // --- the workflow, in the browser-mode host
    const serve = await startServe(vault.dir, childTmp);
    let serveLog: Finished;
    try {
      await serve.ok('auth.signIn', { username: 'anna', password: PASSWORD });
      const { participantId } = await serve.ok<{ participantId: number }>('dossiers.create', aParticipant({ firstName: c.firstName, lastName: c.lastName, phone: c.phone, email: `${c.firstName.toLowerCase()}@example.nl`, workHistory: `${c.firstName} werkte bij de bakker` }));
      await serve.ok('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-02', title: `Intake ${c.firstName}`, body: `${c.firstName} ${c.lastName} is bereikbaar op ${c.phone}.` });
      await serve.ok('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-03', title: 'Notitie', body: `Gebeld met ${c.phone}; ${c.lastName} komt dinsdag.` });
      const document = Buffer.from(`Curriculum vitae van ${c.firstName} ${c.lastName}, telefoon ${c.phone}\n`.repeat(2000));
      const doc = await serve.ok<{ id: number }>('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: `cv-${c.lastName}.txt`, mimeType: 'text/plain', contentBase64: document.toString('base64') });
      needles.push(Buffer.from(document.toString('base64').slice(0, 64)));
      // The data is really there: search finds it, by name and by a fragment, and the document comes back.
      const byName = await serve.ok<{ rows: { participantId: number }[] }>('dossiers.list', { query: c.lastName });
      expect(byName.rows.map((i) => i.participantId)).toContain(participantId);
      const byFragment = await serve.ok<{ rows: { participantId: number }[] }>('dossiers.list', { query: c.firstName.slice(0, 10) });
      expect(byFragment.rows.map((i) => i.participantId)).toContain(participantId);
      const got = await serve.ok<{ contentBase64: string }>('dossiers.downloadDocument', { documentId: doc.id });
      expect(Buffer.from(got.contentBase64, 'base64').equals(document)).toBe(true);
      // A refused call that carries the canary must not log it either.
      expect(await serve.call('dossiers.create', aParticipant({ firstName: c.firstName, lastName: c.lastName, phone: c.phone, birthDate: 'geen datum' }))).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
      await serve.ok('auth.signOut', {});
    } finally {
      serveLog = await serve.stop();
    }

    // --- backup and verify with the CLI
    const backupRoot = tempDir('dossierkluis-fault-backup-');
    made.push(backupRoot);
    const backupDir = join(backupRoot, 'kopie');
    const env = { TMPDIR: childTmp, TMP: childTmp, TEMP: childTmp };
    const backup = await runCli(['backup', '--vault', vault.dir, '--to', backupDir, '--user', 'anna'], { env });
    expect(backup.code, backup.stderr).toBe(EXIT.ok);
    const verify = await runCli(['verify', '--vault', backupDir, '--user', 'anna'], { env });
    expect(verify.code, verify.stderr).toBe(EXIT.ok);

    // The backup holds the canary (so not finding it below means encrypted, not missing).
    const restore = createHostState({ vaultDir: backupDir, workstation: 'herstel', kdfCost: TEST_KDF });
    await signIn(restore, 'anna', PASSWORD);
    const found = await caller(restore).call('dossiers.list', { query: c.lastName });
    expect(found.rows).toHaveLength(1);
    signOut(restore);

    // --- the search
    const scanned = { files: [] as string[], skipped: [] as string[] };
    walk(vault.dir, scanned);
    walk(backupRoot, scanned);
    walk(childTmp, scanned);
    for (const entry of readdirSync(tmpdir())) if (!tmpBefore.has(entry)) walk(join(tmpdir(), entry), scanned);
    expect(scanned.files.filter((f) => f.startsWith(vault.dir)).map((f) => f.slice(vault.dir.length + 1))).toEqual(expect.arrayContaining(['vault.db', 'keyslots.json']));
    expect(scanned.files.filter((f) => f.startsWith(backupDir)).map((f) => f.slice(backupDir.length + 1))).toEqual(expect.arrayContaining(['vault.db', 'keyslots.json']));
    expect(findNeedles([...new Set(scanned.files)], needles)).toEqual([]);
    expect(scanned.skipped.filter((f) => f.startsWith(vault.dir) || f.startsWith(backupRoot) || f.startsWith(childTmp))).toEqual([]);
    const logs = [serveLog.stdout, serveLog.stderr, backup.stdout, backup.stderr, verify.stdout, verify.stderr].join('\n');
    expect(logs).toContain('browsermodus'); // the logs were captured
    for (const n of needles) expect(Buffer.from(logs).includes(n), `log contains ${n.toString()}`).toBe(false);
    // The scanner itself finds a canary when it is there.
    expect(Buffer.from(`x ${c.phone} y`).includes(needles.find((n) => n.toString() === c.phone)!)).toBe(true);
  });
});
