// Issue 12, finding 9: the vault's own files. A lock (or any other file of the vault) that is a
// link or a FIFO is refused instead of followed or waited on; temp files never follow a planted
// link and never stay behind; the folder is 0700 and every file 0600, also when they existed before.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../core/cli/main.ts';
import { createAppHost } from '../../core/host/app-host.ts';
import { acquireLock, vaultPaths, writeFileAtomic } from '../../core/vault/files.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { backupVault } from '../../core/vault/vault.ts';
import { PASSWORD, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const posix = process.platform !== 'win32';
const vaults: TestVault[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (vaults.length) removeVault(vaults.pop()!);
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function closedVault(): Promise<TestVault> {
  const v = await testVault();
  vaults.push(v);
  v.close();
  return v;
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function signInThroughHost(dir: string) {
  const host = createAppHost({ vaultDir: dir, workstation: 'bestanden-test', kdfCost: TEST_KDF });
  return { host, result: await host.call('auth.signIn', { username: 'beheerder', password: PASSWORD }) };
}

describe.runIf(posix)('issue 12 finding 9: unsafe files in the vault folder', () => {
  it('R07 finding 9: vault.lock linked to a FIFO: the CLI stops at once with exit 4 and a Dutch message instead of hanging', async () => {
    const v = await closedVault();
    const fifo = join(v.dir, '..', 'pijp');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    symlinkSync(fifo, vaultPaths(v.dir).lock);
    const started = Date.now();
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'dossierkluis.mjs'), 'verify', '--vault', v.dir, '--user', 'beheerder'], {
      cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, DOSSIERKLUIS_PASSWORD: PASSWORD },
    });
    expect(cli.signal, 'the CLI hung and was killed').toBeNull();
    expect(cli.status, cli.stderr).toBe(EXIT.vault);
    expect(cli.stderr).toContain('vault.lock is geen gewoon bestand');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('R07 finding 9: a FIFO or a link in place of vault.lock is refused through the host API with vault.unsafeFile, and the link is left alone', async () => {
    const v = await closedVault();
    const elsewhere = join(v.dir, '..', 'elders.txt');
    writeFileSync(elsewhere, '1');
    symlinkSync(elsewhere, vaultPaths(v.dir).lock);
    expect(() => acquireLock(v.dir)).toThrow(expect.objectContaining({ code: 'vault.unsafeFile' }));
    const { host, result } = await signInThroughHost(v.dir);
    host.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'vault.unsafeFile' } });
    expect(readFileSync(elsewhere, 'utf8')).toBe('1');
    rmSync(vaultPaths(v.dir).lock);
    expect(spawnSync('mkfifo', [vaultPaths(v.dir).lock]).status).toBe(0);
    expect(() => acquireLock(v.dir)).toThrow(expect.objectContaining({ code: 'vault.unsafeFile' }));
  });

  it('R07 finding 9: key slots or sign-in attempts replaced by a FIFO are refused, not waited on', async () => {
    const v = await closedVault();
    const p = vaultPaths(v.dir);
    rmSync(p.signIns, { force: true });
    expect(spawnSync('mkfifo', [p.signIns]).status).toBe(0);
    const { host, result } = await signInThroughHost(v.dir);
    host.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'vault.unsafeFile' } });
  });
});

describe.runIf(posix)('issue 12 finding 9: temp files', () => {
  it('R07 finding 9: a link planted at the old predictable temp name is not followed: the file outside the vault stays as it was', () => {
    const dir = tempDir();
    dirs.push(dir);
    const target = join(dir, 'keyslots.json');
    const outside = join(dir, 'buiten.txt');
    writeFileSync(outside, 'onaangeroerd');
    symlinkSync(outside, `${target}.tmp-${process.pid}`);
    writeFileAtomic(target, '{"nieuw":true}');
    expect(readFileSync(outside, 'utf8')).toBe('onaangeroerd');
    expect(readFileSync(target, 'utf8')).toBe('{"nieuw":true}');
    expect(mode(target)).toBe(0o600);
  });

  it('R07 finding 9: a failed write (the rename cannot replace the target) leaves no temp file behind', () => {
    const dir = tempDir();
    dirs.push(dir);
    const target = join(dir, 'signin-attempts.json');
    mkdirSync(join(target, 'bezet'), { recursive: true }); // a non-empty folder: rename fails
    expect(() => writeFileAtomic(target, '{}')).toThrow();
    expect(readdirSync(dir)).toEqual(['signin-attempts.json']);
  });
});

describe.runIf(posix)('issue 12 finding 9: modes of the vault folder and its files', () => {
  it('R07 finding 9: a new vault is a 0700 folder whose database, -wal, -shm and other files are 0600, even with a permissive umask', async () => {
    const before = process.umask(0o022);
    try {
      const parent = tempDir();
      dirs.push(parent);
      const dir = join(parent, 'vault');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755); // a folder that existed before, readable by everyone
      const v = await testVault({ dir });
      vaults.push(v);
      await v.admin.call('users.create', { username: 'anna', displayName: 'Anna', role: 'consultant', password: PASSWORD });
      const p = vaultPaths(dir);
      expect(mode(dir)).toBe(0o700);
      const files = readdirSync(dir);
      expect(files).toEqual(expect.arrayContaining(['vault.db', 'vault.db-wal', 'vault.db-shm', 'keyslots.json', 'vault.lock', 'audit-anchor.json']));
      for (const f of files) expect(mode(join(dir, f)), f).toBe(0o600);
      // A backup is a vault too.
      const backup = join(parent, 'kopie');
      backupVault(v.admin.state.handle!, backup);
      expect(mode(backup)).toBe(0o700);
      for (const f of readdirSync(backup)) expect(mode(join(backup, f)), `backup ${f}`).toBe(0o600);
      expect(readFileSync(p.slots, 'utf8')).toContain('dossierkluis-keyslots');
    } finally {
      process.umask(before);
    }
  });

  it('R07 finding 9: a vault made earlier with 0755/0644 modes is set to 0700/0600 when it is opened', async () => {
    const v = await closedVault();
    chmodSync(v.dir, 0o755);
    for (const f of readdirSync(v.dir)) chmodSync(join(v.dir, f), 0o644);
    const { host, result } = await signInThroughHost(v.dir);
    try {
      expect(result).toMatchObject({ ok: true });
      expect(mode(v.dir)).toBe(0o700);
      for (const f of readdirSync(v.dir)) expect(mode(join(v.dir, f)), f).toBe(0o600);
    } finally {
      host.close();
    }
  });
});
