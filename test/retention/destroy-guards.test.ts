// The guards around destruction (issue 11, R44, R05, R28): no table that refers to a participant
// can be forgotten by the plan; the audit trail stays append-only except for erasing a reason
// during a destruction; format-1 lines still verify; a busy checkpoint is reported; secure_delete
// is on for every connection; a corrected name leaves the search index; batches.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS, verifyAuditChain } from '../../core/audit/chain.ts';
import { destroyBatch, destroyParticipant, DestroyError, unplannedTables } from '../../core/retention/destroy.ts';
import { CheckpointNotCleanError, checkpointTruncate, copyDatabaseTo, openDatabase, rekeyDatabase, type Sqlite } from '../../db/connection.ts';
import { migrate, migrations } from '../../db/migrate.ts';
import { aParticipant, removeVault, tempDir, testVault, type Caller, type TestVault } from '../support/vault.ts';

let vault: TestVault | null = null;
afterEach(() => { if (vault) removeVault(vault); vault = null; });

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

async function smallVault(): Promise<{ sqlite: Sqlite; owner: Caller; outsider: Caller; participantId: number }> {
  vault = await testVault();
  const owner = await vault.addUser('anna', 'consultant');
  const outsider = await vault.addUser('otto', 'consultant');
  const { participantId } = await owner.call('dossiers.create', aParticipant());
  await outsider.call('access.breakGlass', { participantId, reason: 'Spoed: de deelnemer belde de crisisdienst' });
  return { sqlite: vault.admin.state.handle!.sqlite, owner, outsider, participantId };
}

const glassLine = (sqlite: Sqlite, participantId: number) =>
  (sqlite.prepare("SELECT seq FROM audit_log WHERE action = 'access.breakGlass' AND participant_id = ?").get(participantId) as { seq: number }).seq;

/** Runs fn while the destruction marker names the participant, then rolls everything back. */
function asIfDestroying(sqlite: Sqlite, participantId: number, fn: () => void): void {
  sqlite.exec('SAVEPOINT probe');
  try {
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(`destroying:${participantId}`, '1');
    fn();
  } finally {
    sqlite.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

describe('what destruction covers (R44)', () => {
  it('R44 every table that refers to a participant is destroyed by the plan or kept on purpose; a new one stops destruction', async () => {
    const { sqlite, participantId } = await smallVault();
    expect(unplannedTables(sqlite)).toEqual([]);
    sqlite.exec('CREATE TABLE later_notes (id integer primary key, participant_id integer, text text)');
    sqlite.exec('CREATE TABLE later_entry_tags (id integer primary key, entry_id integer REFERENCES entries(id))');
    expect(unplannedTables(sqlite)).toEqual(['later_entry_tags', 'later_notes']);
    expect(() => destroyParticipant(sqlite, participantId)).toThrow(DestroyError);
    expect(sqlite.prepare('SELECT count(*) AS n FROM participants WHERE id = ?').get(participantId)).toEqual({ n: 1 });
  });

  it('R44 an unknown dossier is refused and nothing changes', async () => {
    const { sqlite } = await smallVault();
    const before = sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(() => destroyParticipant(sqlite, 99_999)).toThrow(/notFound/);
    expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    expect(sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'destroying:%'").get()).toEqual({ n: 0 });
  });

  it('R44 a batch destroys each dossier in its own transaction and checkpoints once; the caller\'s work runs inside each', async () => {
    const { sqlite, owner, participantId } = await smallVault();
    const more = [participantId];
    for (let i = 0; i < 3; i++) more.push((await owner.call('dossiers.create', aParticipant({ lastName: `Partij${letters(6)}` }))).participantId);
    const stays = (await owner.call('dossiers.create', aParticipant({ lastName: 'Blijftstaan' }))).participantId;
    const seen: number[] = [];
    const batch = destroyBatch(sqlite, more, { inTransaction: (r) => { expect(sqlite.inTransaction).toBe(true); seen.push(r.participantId); } });
    expect(seen).toEqual(more);
    expect(batch.destroyed.map((d) => d.checkpoint)).toEqual([null, null, null, null]);
    expect(batch.checkpoint.clean).toBe(true);
    expect(sqlite.prepare('SELECT id FROM participants').pluck().all()).toEqual([stays]);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });
});

describe('the audit trail during destruction (R05, R44)', () => {
  it('R05 outside a destruction no line can be changed, not even to erase its reason', async () => {
    const { sqlite, participantId } = await smallVault();
    const seq = glassLine(sqlite, participantId);
    expect(() => sqlite.prepare('UPDATE audit_log SET reason = NULL, reason_salt = NULL WHERE seq = ?').run(seq)).toThrow(/append-only/);
  });

  it('R05 R44 during a destruction only reason and salt of a format-2 line may be set to NULL; any other change or a delete is refused', async () => {
    const { sqlite, participantId } = await smallVault();
    const seq = glassLine(sqlite, participantId);
    asIfDestroying(sqlite, participantId, () => {
      for (const change of ["reason = 'iets anders'", 'reason = NULL', 'reason_salt = NULL', "reason = NULL, reason_salt = NULL, username = 'iemand'",
        "reason = NULL, reason_salt = NULL, reason_digest = 'x'", 'reason = NULL, reason_salt = NULL, chain_version = 1', 'reason = NULL, reason_salt = NULL, flagged = 0', 'participant_id = NULL']) {
        expect(() => sqlite.prepare(`UPDATE audit_log SET ${change} WHERE seq = ?`).run(seq), change).toThrow(/append-only/);
      }
      expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq)).toThrow(/append-only/);
      // A line about another dossier is not covered by this dossier's marker.
      const other = sqlite.prepare('SELECT seq FROM audit_log WHERE reason IS NOT NULL AND participant_id IS NOT ? LIMIT 1').get(participantId) as { seq: number } | undefined;
      if (other) expect(() => sqlite.prepare('UPDATE audit_log SET reason = NULL, reason_salt = NULL WHERE seq = ?').run(other.seq)).toThrow(/append-only/);
      expect(sqlite.prepare('UPDATE audit_log SET reason = NULL, reason_salt = NULL WHERE seq = ?').run(seq).changes).toBe(1);
      expect(verifyAuditChain(sqlite).findings).toEqual([]); // erased, and still verifying
    });
    expect(sqlite.prepare('SELECT reason FROM audit_log WHERE seq = ?').pluck().get(seq)).toMatch(/crisisdienst/); // rolled back
  });

  it('R05 a changed reason on a format-2 line is still detected, and so is a digest that does not match', async () => {
    const { sqlite, participantId } = await smallVault();
    const seq = glassLine(sqlite, participantId);
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare("UPDATE audit_log SET reason = 'Een andere reden' WHERE seq = ?").run(seq);
    expect(verifyAuditChain(sqlite).findings).toContainEqual({ seq, problem: 'hashMismatch' });
    sqlite.prepare("UPDATE audit_log SET reason = NULL, reason_salt = NULL, reason_digest = ? WHERE seq = ?").run('0'.repeat(64), seq);
    expect(verifyAuditChain(sqlite).findings).toContainEqual({ seq, problem: 'hashMismatch' });
  });

  it('R05 lines written before chain format 2 still verify, and a change to one of them is still found', () => {
    const dir = tempDir();
    const keyHex = randomBytes(32).toString('hex');
    const { sqlite } = openDatabase(join(dir, 'v.db'), keyHex, { create: true });
    try {
      const before = migrations().findIndex((m) => m.tag.endsWith('_audit_erasable'));
      migrate(sqlite, before);
      // Format 1 as the app wrote it before: the hash covers the reason itself.
      let prev = GENESIS;
      for (let seq = 1; seq <= 3; seq++) {
        const f = [seq, `2026-01-0${seq}T09:00:00.000Z`, 'access.breakGlass', 'ok', 1, 'anna', null, 'werkplek', 7, '{}', `Reden ${seq}`, 1];
        const hash = createHash('sha256').update(prev).update('\n').update(JSON.stringify(f)).digest('hex');
        sqlite.prepare('INSERT INTO audit_log (seq, at, action, outcome, user_id, username, on_behalf_of, workstation, participant_id, objects, reason, flagged, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...f, prev, hash);
        prev = hash;
      }
      sqlite.prepare(`INSERT INTO participants (dossier_number, first_name, last_name, city, source, created_at, updated_at)
        VALUES ('D-1', 'Oude', 'Vóórmigratie', 'Ĳsselstein', 'participant', '2026-01-01', '2026-01-01')`).run();
      migrate(sqlite);
      // The search index was refilled by the migration: the older participant is found, and leaves it cleanly.
      const found = () => sqlite.prepare("SELECT rowid FROM participants_fts WHERE participants_fts MATCH '\"voormigratie\" AND \"ijssel\"*'").pluck().all();
      expect(found()).toHaveLength(1);
      sqlite.prepare('DELETE FROM participants').run();
      expect(found()).toEqual([]);
      sqlite.prepare("INSERT INTO participants_fts(participants_fts) VALUES('integrity-check')").run();
      appendAudit(sqlite, { action: 'access.breakGlass', outcome: 'ok', userId: 1, username: 'anna', workstation: 'werkplek', participantId: 7, reason: 'Reden 4', flagged: true, at: '2026-01-04T09:00:00.000Z' });
      expect(sqlite.prepare('SELECT chain_version FROM audit_log ORDER BY seq').pluck().all()).toEqual([1, 1, 1, 2]);
      expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, checked: 4 });
      // A format-1 reason cannot be erased, not even during a destruction.
      asIfDestroying(sqlite, 7, () => expect(() => sqlite.prepare('UPDATE audit_log SET reason = NULL, reason_salt = NULL WHERE seq = 2').run()).toThrow(/append-only/));
      sqlite.exec('DROP TRIGGER audit_log_no_update');
      sqlite.prepare("UPDATE audit_log SET reason = 'Anders' WHERE seq = 2").run();
      expect(verifyAuditChain(sqlite).findings).toEqual([{ seq: 2, problem: 'hashMismatch' }]);
    } finally {
      sqlite.close();
    }
  });
});

describe('the files after destruction (R44, R07)', () => {
  it('R44 a checkpoint that a reader blocks is reported as not clean, and copy and rekey refuse it', async () => {
    const { sqlite, participantId } = await smallVault();
    const reader = openDatabase(join(vault!.dir, 'vault.db'), vault!.admin.state.handle!.key.toString('hex'), { readonly: true }).sqlite;
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM participants').get();
      const r = destroyParticipant(sqlite, participantId);
      expect(r.checkpoint).toMatchObject({ busy: 1, clean: false });
      expect(() => copyDatabaseTo(sqlite, join(vault!.dir, '..', 'kopie.db'))).toThrow(CheckpointNotCleanError);
      expect(() => rekeyDatabase(sqlite, randomBytes(32).toString('hex'))).toThrow(CheckpointNotCleanError);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    expect(checkpointTruncate(sqlite)).toEqual({ busy: 0, log: 0, checkpointed: 0, clean: true });
  });

  it('R07 secure_delete reads back 1 on every connection the app opens, read-only ones too', async () => {
    const { sqlite } = await smallVault();
    expect(sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    const reader = openDatabase(join(vault!.dir, 'vault.db'), vault!.admin.state.handle!.key.toString('hex'), { readonly: true }).sqlite;
    try { expect(reader.pragma('secure_delete', { simple: true })).toBe(1); } finally { reader.close(); }
  });

  it('R28 a corrected name or place leaves no token of the old one in the search index', async () => {
    const { sqlite, owner } = await smallVault();
    const old = `Qv${letters(10)}`;
    const { participantId } = await owner.call('dossiers.create', aParticipant({ lastName: old, city: `${old}dorp` }));
    const blocksWith = (word: string) => (sqlite.prepare('SELECT block FROM participants_fts_data').pluck().all() as unknown[])
      .filter((b) => Buffer.isBuffer(b) && b.includes(word.toLowerCase().slice(-8))).length;
    expect(blocksWith(old)).toBeGreaterThan(0);
    await owner.call('dossiers.update', { participantId, changes: { lastName: 'Jansen', city: 'Utrecht' }, reason: 'Verkeerd gespeld' });
    expect(blocksWith(old)).toBe(0);
    expect((await owner.call('dossiers.list', { query: 'jansen', scope: 'all', offset: 0, limit: 10 })).rows.map((r) => r.participantId)).toContain(participantId);
    expect((await owner.call('dossiers.list', { query: old, scope: 'all', offset: 0, limit: 10 })).rows).toEqual([]);
    sqlite.prepare("INSERT INTO participants_fts(participants_fts) VALUES('integrity-check')").run();
  });
});
