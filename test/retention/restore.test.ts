// R44: a backup made before a destruction still holds the dossier. When that backup's database is
// put back and the vault is opened, the destruction ledger names the dossier and it is destroyed
// again before anything else, with a line in the trail; the restored file's pages hold nothing of
// it afterwards, and the chain still verifies.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { destroyParticipant, whileDestroying } from '../../core/retention/destroy.ts';
import { LEDGER_FILE, recordIntended, settleIntended } from '../../core/retention/ledger.ts';
import { backupVault, openVaultHandle, type VaultHandle } from '../../core/vault/vault.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { aParticipant, removeVault, tempDir, testVault, type TestVault } from '../support/vault.ts';

let v: TestVault | undefined;

/** The destruction as the batches do it: listed in the ledger first, destroyed, then settled. Returns when it was listed. */
function destroyAsBatchesDo(handle: VaultHandle, dir: string, p: { participantId: number; dossierNumber: string }): string {
  const row = handle.sqlite.prepare('SELECT created_at AS c FROM participants WHERE id = ?').get(p.participantId) as { c: string };
  const destroyedAt = new Date().toISOString();
  recordIntended(handle.sqlite, dir, [{ participantId: p.participantId, dossierNumber: p.dossierNumber, createdAt: row.c, destroyedAt, batchId: null }]);
  destroyParticipant(handle.sqlite, p.participantId);
  settleIntended(handle.sqlite, dir);
  return destroyedAt;
}
/** Restored as README says: the database, its key slots and its anchor; the live ledger stays. */
function restoreDatabase(backup: string, dir: string): void {
  for (const f of ['vault.db', 'keyslots.json', 'audit-anchor.json']) copyFileSync(join(backup, f), join(dir, f));
}
afterEach(() => { if (v) removeVault(v); v = undefined; });

describe('a restored backup (R44)', () => {
  it('R44 R07 a dossier destroyed after the backup was made is destroyed again when the backup is opened, also after the database key was rotated', async () => {
    v = await testVault();
    const consultant = await v.as('consultant');
    const gone = await consultant.call('dossiers.create', aParticipant({ lastName: 'Teruggezetvan', medicalNotes: 'Qzbackupkanarie medisch' }));
    const stays = await consultant.call('dossiers.create', aParticipant({ lastName: 'Blijftstaan' }));
    await consultant.call('dossiers.addEntry', { participantId: gone.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: 'Qzbackupkanarie in het journaal' });
    const handle = v.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);

    // The destruction: listed first, then destroyed (as the batches do).
    destroyAsBatchesDo(handle, v!.dir, gone);
    // A user leaves: the database key is rotated. The ledger's own key is in the database and does not change.
    await v.admin.call('users.deactivate', { userId: consultant.state.session!.userId });
    v.close();

    restoreDatabase(backup, v.dir);
    expect(existsSync(join(v.dir, 'vault.db-wal'))).toBe(false);
    expect(findInVaultBytes(v.dir, key.toString('hex'), ['Qzbackupkanarie']).length).toBeGreaterThan(0); // the backup holds it

    const reopened = openVaultHandle(v.dir, key);
    try {
      const present = (id: number) => reopened.sqlite.prepare('SELECT count(*) AS n FROM participants WHERE id = ?').get(id) as { n: number };
      expect(present(gone.participantId).n).toBe(0);
      expect(present(stays.participantId).n).toBe(1);
      const line = reopened.sqlite.prepare("SELECT objects FROM audit_log WHERE action = 'retention.destroyedAgain'").all() as { objects: string }[];
      expect(line).toHaveLength(1);
      expect(JSON.parse(line[0]!.objects)).toMatchObject({ dossierNumber: gone.dossierNumber });
      expect(verifyAuditChain(reopened.sqlite).ok).toBe(true);
      expect(findInVaultBytes(v.dir, key.toString('hex'), ['Qzbackupkanarie', 'Teruggezetvan'])).toEqual([]);
    } finally {
      reopened.close();
    }
    // Opening again finds nothing more to do.
    const again = openVaultHandle(v.dir, key);
    try {
      expect((again.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'retention.destroyedAgain'").get() as { n: number }).n).toBe(1);
    } finally {
      again.close();
    }
  });

  it('R45 R44 a legal hold still active in the backup, lifted in the live vault before the destruction, does not stop the destruction being carried out again (review finding)', async () => {
    v = await testVault();
    const consultant = await v.as('consultant');
    const officer = await v.as('privacyOfficer');
    const gone = await consultant.call('dossiers.create', aParticipant({ lastName: 'Vasthoudvan', medicalNotes: 'Qzholdkanarie medisch' }));
    const hold = await officer.call('retention.placeHold', { participantId: gone.participantId, reason: 'Lopende rechtszaak', untilDate: null });
    const handle = v.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup); // the hold is active in the backup
    await officer.call('retention.liftHold', { holdId: hold.id, reason: 'Rechtszaak afgerond' });
    destroyAsBatchesDo(handle, v!.dir, gone);
    v.close();

    restoreDatabase(backup, v.dir);
    const reopened = openVaultHandle(v.dir, key);
    try {
      const sqlite = reopened.sqlite;
      expect((sqlite.prepare('SELECT count(*) AS n FROM participants WHERE id = ?').get(gone.participantId) as { n: number }).n).toBe(0);
      expect((sqlite.prepare('SELECT count(*) AS n FROM retention_holds WHERE participant_id = ?').get(gone.participantId) as { n: number }).n).toBe(0);
      const lines = sqlite.prepare("SELECT action, objects FROM audit_log WHERE action IN ('retention.destroyedAgain', 'retention.destroyAgainFailed')").all() as { action: string; objects: string }[];
      expect(lines.map((l) => ({ action: l.action, ...JSON.parse(l.objects) }))).toMatchObject([{ action: 'retention.destroyedAgain', dossierNumber: gone.dossierNumber, staleHolds: 1 }]);
      expect(verifyAuditChain(sqlite).ok).toBe(true);
      // The settings that let the stale hold go existed only inside that transaction.
      expect(sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'reapplying:%' OR key LIKE 'destroying:%'").all()).toEqual([]);
    } finally {
      reopened.close();
    }
    expect(findInVaultBytes(v.dir, key.toString('hex'), ['Qzholdkanarie', 'Vasthoudvan'])).toEqual([]);
  });

  it('R45 R44 a legal hold placed in the restored copy since, whatever its clock says, stops the destruction being carried out again: the hold and the dossier stay, flagged with the reason (review finding)', async () => {
    v = await testVault();
    const consultant = await v.as('consultant');
    const gone = await consultant.call('dossiers.create', aParticipant({ lastName: 'Nieuwehold' }));
    const handle = v.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);
    const destroyedAt = destroyAsBatchesDo(handle, v!.dir, gone);
    v.close();

    // The live folder is lost but for the ledger, which is put back only later: the restored copy is used first.
    restoreDatabase(backup, v.dir);
    const ledger = readFileSync(join(v.dir, LEDGER_FILE));
    rmSync(join(v.dir, LEDGER_FILE));
    const used = openVaultHandle(v.dir, key);
    // Its clock is an hour behind the live vault's: the hold still counts as placed since (the ledger line does not know it).
    const placedAt = new Date(Date.parse(destroyedAt) - 3_600_000).toISOString();
    used.sqlite.prepare("INSERT INTO retention_holds (participant_id, reason, until_date, placed_by, placed_at) VALUES (?, 'Nieuwe rechtszaak', NULL, 1, ?)").run(gone.participantId, placedAt);
    used.close();
    writeFileSync(join(v.dir, LEDGER_FILE), ledger);

    const reopened = openVaultHandle(v.dir, key);
    try {
      const sqlite = reopened.sqlite;
      expect((sqlite.prepare('SELECT count(*) AS n FROM participants WHERE id = ?').get(gone.participantId) as { n: number }).n).toBe(1);
      expect((sqlite.prepare('SELECT count(*) AS n FROM retention_holds WHERE participant_id = ? AND lifted_at IS NULL').get(gone.participantId) as { n: number }).n).toBe(1);
      const lines = sqlite.prepare("SELECT action, objects FROM audit_log WHERE action IN ('retention.destroyedAgain', 'retention.destroyAgainFailed')").all() as { action: string; objects: string }[];
      expect(lines.map((l) => ({ action: l.action, ...JSON.parse(l.objects) }))).toEqual([{ action: 'retention.destroyAgainFailed', dossierNumber: gone.dossierNumber, reason: 'held' }]);
      // The guard says the same, whatever the caller: only a hold the reapplying marker names may go.
      const hold = sqlite.prepare('SELECT id FROM retention_holds WHERE participant_id = ?').pluck().get(gone.participantId) as number;
      const del = () => sqlite.prepare('DELETE FROM retention_holds WHERE participant_id = ?').run(gone.participantId);
      sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, '1'), (?, ?)").run(`destroying:${gone.participantId}`, `reapplying:${gone.participantId}`, JSON.stringify([hold + 1]));
      expect(del).toThrow(/active one stops destruction/);
      sqlite.prepare('UPDATE settings SET value = ? WHERE key = ?').run('geen json', `reapplying:${gone.participantId}`);
      expect(del).toThrow(/active one stops destruction/);
      sqlite.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify([hold]), `reapplying:${gone.participantId}`);
      expect(del().changes).toBe(1); // named: it goes (what the restore path does for a hold the ledger line knows)
    } finally {
      reopened.close();
    }
  });

  it('R45 R44 a stale hold is told from a new one by its tag, not its id: a hold placed in the restored copy that got the id of a hold the live vault had, next to a stale one, still stops the destruction (review finding)', async () => {
    v = await testVault();
    const consultant = await v.as('consultant');
    const officer = await v.as('privacyOfficer');
    const gone = await consultant.call('dossiers.create', aParticipant({ lastName: 'Tweeholds' }));
    const first = await officer.call('retention.placeHold', { participantId: gone.participantId, reason: 'Klacht over de begeleiding', untilDate: null });
    const handle = v.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup); // the first hold active in it, no second one
    v.clock.now = new Date('2026-03-02T10:00:00Z');
    await officer.call('retention.liftHold', { holdId: first.id, reason: 'Klacht afgehandeld' });
    const second = await officer.call('retention.placeHold', { participantId: gone.participantId, reason: 'Tweede klacht', untilDate: null });
    await officer.call('retention.liftHold', { holdId: second.id, reason: 'Ook afgehandeld' });
    destroyAsBatchesDo(handle, v!.dir, gone);
    v.close();

    restoreDatabase(backup, v.dir);
    const ledger = readFileSync(join(v.dir, LEDGER_FILE));
    rmSync(join(v.dir, LEDGER_FILE));
    const used = openVaultHandle(v.dir, key);
    const placed = used.sqlite.prepare("INSERT INTO retention_holds (participant_id, reason, until_date, placed_by, placed_at) VALUES (?, 'Nieuwe zaak', NULL, 1, '2026-03-02T09:30:00.000Z') RETURNING id").pluck().get(gone.participantId) as number;
    used.close();
    expect(placed).toBe(second.id); // the same id as the live vault's second hold, which the ledger line knows
    writeFileSync(join(v.dir, LEDGER_FILE), ledger);

    const reopened = openVaultHandle(v.dir, key);
    try {
      const sqlite = reopened.sqlite;
      expect((sqlite.prepare('SELECT count(*) AS n FROM participants WHERE id = ?').get(gone.participantId) as { n: number }).n).toBe(1);
      expect(sqlite.prepare('SELECT id FROM retention_holds WHERE participant_id = ? AND lifted_at IS NULL ORDER BY id').pluck().all(gone.participantId)).toEqual([first.id, second.id]);
      const failed = sqlite.prepare("SELECT objects FROM audit_log WHERE action = 'retention.destroyAgainFailed'").pluck().all() as string[];
      expect(failed.map((o) => JSON.parse(o))).toEqual([{ dossierNumber: gone.dossierNumber, reason: 'held' }]);
    } finally {
      reopened.close();
    }
  });

  it('R44 R45 the markers that open the guards exist only while the step runs, also when it throws and the caller carries on in its transaction', async () => {
    v = await testVault();
    const consultant = await v.as('consultant');
    const p = await consultant.call('dossiers.create', aParticipant());
    const sqlite = v.admin.state.handle!.sqlite;
    sqlite.transaction(() => {
      expect(() => whileDestroying(sqlite, p.participantId, () => { throw new Error('mislukt'); }, { reapplying: { holdIds: [1] } })).toThrow('mislukt');
    })();
    // Outside a transaction it refuses to start: the markers would outlive the step.
    expect(() => whileDestroying(sqlite, p.participantId, () => 1)).toThrow(/transaction/);
    expect(sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'reapplying:%' OR key LIKE 'destroying:%'").all()).toEqual([]);
  });
});
