// Bad files: each refusal must be a clear Dutch sentence with its own CLI exit code, through the
// CLI (`dossierkluis verify`) and through the host API (auth.signIn), and must leave every file
// of the vault folder byte-identical.
import { cpSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrations } from '../../db/migrate.ts';
import { EXIT } from '../../core/cli/main.ts';
import { createAppHost } from '../../core/host/app-host.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { PASSWORD, aParticipant, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';
import { hashFiles, prepareChild, removeChildBundle, runCli, startChild, type RunningChild } from './support.ts';

let template: TestVault;
let key: Buffer;
const copies: string[] = [];
let holder: RunningChild | undefined;

beforeAll(async () => {
  await prepareChild();
  template = await testVault();
  const anna = await template.addUser('anna', 'consultant');
  const { participantId } = await anna.call('dossiers.create', aParticipant());
  await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Notitie', body: 'Inhoud' });
  key = Buffer.from(template.admin.state.handle!.key);
  template.close();
});
afterAll(async () => {
  await holder?.kill();
  removeChildBundle();
  for (const c of copies) rmSync(c, { recursive: true, force: true });
  removeVault(template);
});

/** A fresh copy of the closed template vault, for one case. */
function copyOfVault(): string {
  const root = tempDir('dossierkluis-fault-');
  copies.push(root);
  const dir = join(root, 'vault');
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

/** The same sign-in through the host API, as the app's transports make it. */
async function signInThroughHost(dir: string, password = PASSWORD) {
  const host = createAppHost({ vaultDir: dir, workstation: 'fout-test', kdfCost: TEST_KDF });
  try {
    return await host.call('auth.signIn', { username: 'beheerder', password });
  } finally {
    host.close();
  }
}

async function expectRefusal(dir: string, opts: { exit: number; code: string; text: RegExp; password?: string; mayChange?: string[] }) {
  const before = hashFiles(dir);
  const cli = await runCli(['verify', '--vault', dir, '--user', 'beheerder'], { password: opts.password });
  expect(cli.code, cli.stderr).toBe(opts.exit);
  expect(cli.stderr).toMatch(/^Fout: /);
  expect(cli.stderr).toMatch(opts.text);
  expect(cli.stderr).not.toMatch(/\bat .*\.ts:\d+|Error:/); // a sentence, never a stack
  expect(cli.stdout).not.toMatch(/Integriteit|Audittrail/); // verify did not get to run
  const api = await signInThroughHost(dir, opts.password);
  expect(api).toMatchObject({ ok: false, error: { code: opts.code } });
  if (!api.ok) expect(api.error.message).toMatch(opts.text);
  const after = hashFiles(dir);
  const unchanged = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([f]) => !(opts.mayChange ?? []).includes(f)));
  expect(unchanged(after)).toEqual(unchanged(before));
  return { before, after };
}

describe('bad files', () => {
  it('R09 a wrong password: exit 3, "Gebruikersnaam of wachtwoord is onjuist"; database and key slots byte-identical', async () => {
    const dir = copyOfVault();
    const { before, after } = await expectRefusal(dir, {
      exit: EXIT.auth, code: 'auth.wrongPassword', text: /Gebruikersnaam of wachtwoord is onjuist\./, password: 'een-verkeerd-wachtwoord', mayChange: ['signin-attempts.json'],
    });
    // By design (R09) the failed attempts are counted in the attempts file, without the password.
    expect(after['signin-attempts.json']).not.toBe(before['signin-attempts.json']);
    const attempts = readFileSync(join(dir, 'signin-attempts.json'), 'utf8');
    expect(JSON.parse(attempts).failures.beheerder.count).toBe(2);
    expect(attempts).not.toContain('verkeerd');
  });

  it('R07 a damaged key-slot file (a block of bytes zeroed): exit 4, "beschadigd of onleesbaar (sleutelbestand onleesbaar)"; files byte-identical', async () => {
    const dir = copyOfVault();
    const slots = join(dir, 'keyslots.json');
    const bytes = readFileSync(slots);
    bytes.fill(0, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 64);
    writeFileSync(slots, bytes);
    await expectRefusal(dir, { exit: EXIT.vault, code: 'vault.damaged', text: /De kluis is beschadigd of onleesbaar \(sleutelbestand onleesbaar\)\. Zet een reservekopie terug\./ });
  });

  it('R07 a key-slot file with valid JSON but no slots: exit 4, "sleutelbestand ongeldig"; files byte-identical', async () => {
    const dir = copyOfVault();
    const slots = join(dir, 'keyslots.json');
    writeFileSync(slots, JSON.stringify({ ...JSON.parse(readFileSync(slots, 'utf8')), slots: [] }));
    await expectRefusal(dir, { exit: EXIT.vault, code: 'vault.damaged', text: /beschadigd of onleesbaar \(sleutelbestand ongeldig\)/ });
  });

  for (const [label, fraction] of [['to half its size', 0.5], ['by its last page', -1]] as const) {
    it(`R07 a database truncated ${label}: exit 4, "het databasebestand is beschadigd of onvolledig", not a wrong key; files byte-identical`, async () => {
      const dir = copyOfVault();
      const db = join(dir, 'vault.db');
      const size = statSync(db).size;
      truncateSync(db, fraction > 0 ? Math.floor(size * fraction) + 123 : size - 4096);
      await expectRefusal(dir, { exit: EXIT.vault, code: 'vault.damaged', text: /De kluis is beschadigd of onleesbaar \(het databasebestand is beschadigd of onvolledig\)\. Zet een reservekopie terug\./ });
    });
  }

  it('R07 a database that is missing: exit 4, "database ontbreekt"; files byte-identical', async () => {
    const dir = copyOfVault();
    rmSync(join(dir, 'vault.db'));
    await expectRefusal(dir, { exit: EXIT.vault, code: 'vault.damaged', text: /beschadigd of onleesbaar \(database ontbreekt\)/ });
  });

  it('R07 a vault from a newer schema: exit 6, "gemaakt met een nieuwere versie"; files byte-identical', async () => {
    const dir = copyOfVault();
    const known = migrations().length;
    const { sqlite } = openDatabase(join(dir, 'vault.db'), key.toString('hex'));
    sqlite.pragma(`user_version=${known + 3}`);
    sqlite.close();
    await expectRefusal(dir, { exit: EXIT.newer, code: 'vault.newerVersion', text: new RegExp(`nieuwere versie van Dossierkluis \\(schema ${known + 3}, deze versie kent ${known}\\)\\. Werk de app bij\\.`) });
  });

  it('R07 a vault already open in another live process: exit 5, "al geopend door een ander programma (proces PID)"; files byte-identical', async () => {
    const dir = copyOfVault();
    holder = startChild('hold', dir, 'beheerder');
    await holder.waitFor(/^loaded$/);
    holder.go();
    await holder.waitFor(/^ready$/);
    const pid = holder.child.pid!;
    expect(readFileSync(join(dir, 'vault.lock'), 'utf8')).toBe(String(pid));
    await expectRefusal(dir, { exit: EXIT.inUse, code: 'vault.inUse', text: new RegExp(`De kluis is al geopend door een ander programma \\(proces ${pid}\\)\\.`) });
    // Once that process is gone, its lock is stale and the vault opens normally (so the copies are
    // sound and each refusal above comes from its damage alone; the CLI's exit 0 on an untouched
    // vault is in audit-tamper.test.ts).
    await holder.kill();
    holder = undefined;
    expect(await signInThroughHost(dir)).toMatchObject({ ok: true });
  });
});
