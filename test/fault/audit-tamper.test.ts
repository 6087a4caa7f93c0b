// Audit tampering through the CLI: someone who has the database key opens the file directly, drops
// the append-only triggers as an attacker would, and changes, removes or inserts one audit line.
// `dossierkluis verify --vault DIR` must exit non-zero and name the line; an untouched copy exits 0.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../db/connection.ts';
import { EXIT } from '../../core/cli/main.ts';
import { aParticipant, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';
import { runCli } from './support.ts';

let template: TestVault;
let keyHex: string;
let lines: number;
const copies: string[] = [];

beforeAll(async () => {
  template = await testVault();
  const anna = await template.addUser('anna', 'consultant');
  const { participantId } = await anna.call('dossiers.create', aParticipant());
  for (let i = 0; i < 3; i++) await anna.call('dossiers.get', { participantId });
  await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Notitie', body: 'Inhoud' });
  keyHex = template.admin.state.handle!.key.toString('hex');
  lines = (template.admin.state.handle!.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  template.close();
});
afterAll(() => {
  for (const c of copies) rmSync(c, { recursive: true, force: true });
  removeVault(template);
});

/** A copy of the closed vault, tampered with through a direct connection opened with the key. */
function tamperedCopy(tamper: (sqlite: Sqlite) => void): string {
  const root = tempDir('dossierkluis-tamper-');
  copies.push(root);
  const dir = join(root, 'vault');
  cpSync(template.dir, dir, { recursive: true });
  const { sqlite } = openDatabase(join(dir, 'vault.db'), keyHex);
  try {
    sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    tamper(sqlite);
  } finally {
    sqlite.close();
  }
  return dir;
}

async function verify(dir: string) {
  return runCli(['verify', '--vault', dir, '--user', 'beheerder']);
}

describe('audit tampering via `dossierkluis verify`', () => {
  it('R05 an untouched vault verifies: exit 0, integrity in order, 0 findings', async () => {
    const dir = tamperedCopy(() => undefined);
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toContain('Integriteit database: in orde');
    // The CLI's own sign-in adds one line before it checks.
    expect(r.stdout).toContain(`Audittrail: ${lines + 1} regels gecontroleerd, 0 afwijkingen`);
  });

  it('R05 a changed audit line (another username) is found: exit 1, "regel 3: hashMismatch"', async () => {
    const dir = tamperedCopy((sqlite) => {
      expect(sqlite.prepare("UPDATE audit_log SET username = 'iemand-anders' WHERE seq = 3").run().changes).toBe(1);
    });
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toMatch(/Audittrail: \d+ regels gecontroleerd, 1 afwijkingen/);
    expect(r.stdout).toContain('regel 3: hashMismatch');
  });

  it('R05 a deleted audit line is found: exit 1, the next line reported as gap and broken chain', async () => {
    const dir = tamperedCopy((sqlite) => {
      expect(sqlite.prepare('DELETE FROM audit_log WHERE seq = 4').run().changes).toBe(1);
    });
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toMatch(/Audittrail: \d+ regels gecontroleerd, 2 afwijkingen/);
    expect(r.stdout).toContain('regel 5: gap');
    expect(r.stdout).toContain('regel 5: chainBroken');
  });

  it('R05 an inserted audit line (a forged read by someone else) is found: exit 1, "hashMismatch" on that line', async () => {
    let forged = 0;
    const dir = tamperedCopy((sqlite) => {
      const last = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      forged = last.seq + 1;
      sqlite.prepare(`INSERT INTO audit_log (seq, at, action, outcome, user_id, username, workstation, participant_id, objects, flagged, prev_hash, hash)
        VALUES (?, '2026-03-02T09:30:00.000Z', 'dossiers.get', 'ok', 1, 'beheerder', 'test-werkplek', 1, '{"participantId":1}', 0, ?, ?)`).run(forged, last.hash, 'a'.repeat(64));
    });
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toContain(`regel ${forged}: hashMismatch`);
  });

  it('R05 a replaced hash of one line is found: exit 1, that line mismatches and the next line\'s link breaks', async () => {
    const dir = tamperedCopy((sqlite) => {
      sqlite.prepare("UPDATE audit_log SET hash = 'b' || substr(hash, 2) WHERE seq = 2").run();
    });
    const r = await verify(dir);
    expect(r.code, r.stderr).toBe(EXIT.findings);
    expect(r.stdout).toContain('regel 2: hashMismatch');
    expect(r.stdout).toContain('regel 3: chainBroken');
  });
});
