import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

async function vaultWithHistory() {
  vault = await testVault();
  const anna = await vault.addUser('anna', 'consultant');
  const { participantId } = await anna.call('dossiers.create', aParticipant());
  for (let i = 0; i < 3; i++) await anna.call('dossiers.get', { participantId });
  const sqlite = vault.admin.state.handle!.sqlite;
  expect(verifyAuditChain(sqlite).ok).toBe(true);
  return sqlite;
}

describe('audit trail (R05)', () => {
  it('R05 the app cannot change or delete an audit line', async () => {
    const sqlite = await vaultWithHistory();
    expect(() => sqlite.prepare("UPDATE audit_log SET username = 'iemand' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('R05 a changed line is detected (someone with the key dropped the guard first)', async () => {
    const sqlite = await vaultWithHistory();
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare("UPDATE audit_log SET username = 'iemand' WHERE seq = 3").run();
    expect(verifyAuditChain(sqlite).findings).toContainEqual({ seq: 3, problem: 'hashMismatch' });
  });

  it('R05 a removed line is detected', async () => {
    const sqlite = await vaultWithHistory();
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    const report = verifyAuditChain(sqlite);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual(expect.arrayContaining([{ seq: 4, problem: 'gap' }, { seq: 4, problem: 'chainBroken' }]));
  });

  it('R05 an inserted line is detected', async () => {
    const sqlite = await vaultWithHistory();
    const last = sqlite.prepare('SELECT max(seq) AS s, hash FROM audit_log').get() as { s: number; hash: string };
    sqlite.prepare(`INSERT INTO audit_log (seq, at, action, outcome, workstation, objects, flagged, prev_hash, hash)
      VALUES (?, '2026-01-01T00:00:00.000Z', 'dossiers.get', 'ok', 'x', '{}', 0, ?, ?)`).run(last.s + 1, last.hash, 'f'.repeat(64));
    expect(verifyAuditChain(sqlite).findings).toContainEqual({ seq: last.s + 1, problem: 'hashMismatch' });
  });
});
