// R44 with R28 and R29: a backup made before an erasure or an anonymisation still holds what went.
// When that backup's database is put back next to the live ledger and the vault is opened, the
// erasure is carried out again before anything else (a line in the trail says so), the decrypted
// pages hold nothing of it afterwards, and the chain still verifies. The live database has the
// erasure's mark, so opening it never touches a value given after the erasure. An anonymised
// dossier gets the same anonymous number again, so a later destruction of it is carried out again
// too. A ledger that cannot be trusted erases nothing.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { destroyParticipant } from '../../core/retention/destroy.ts';
import { eraseAgain } from '../../core/retention/erasures.ts';
import { LEDGER_FILE, ledgerSecret, readLedger, recordIntended, settleIntended } from '../../core/retention/ledger.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { signIn, signOut } from '../../core/auth/signin.ts';
import { backupVault, openVaultHandle, type VaultHandle } from '../../core/vault/vault.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { aParticipant, caller, PASSWORD, removeVault, tempDir, type Caller, type TestVault } from '../support/vault.ts';
import { canary, canaryVault, verwijdering } from './erase-support.ts';

const TODAY = '2026-04-23';
let vault: TestVault | undefined;
afterEach(() => { if (vault) removeVault(vault); vault = undefined; });

/** Puts a backup's database, key slots and anchor back, as README says; the live ledger stays. */
function restore(backup: string, dir: string): void {
  for (const f of ['vault.db', 'keyslots.json', 'audit-anchor.json']) copyFileSync(join(backup, f), join(dir, f));
}
function opened<T>(dir: string, key: Buffer, fn: (h: VaultHandle) => T): T {
  const h = openVaultHandle(dir, key);
  try { return fn(h); } finally { h.close(); }
}
/** The backup put back whole — database, keys, anchor and the backup's own ledger (or none) — as someone restoring a folder does. */
function restoreWhole(backup: string, dir: string): void {
  restore(backup, dir);
  rmSync(join(dir, LEDGER_FILE), { force: true });
  if (existsSync(join(backup, LEDGER_FILE))) copyFileSync(join(backup, LEDGER_FILE), join(dir, LEDGER_FILE));
}
/** Works in the restored folder as the canary dossier's owner, then locks it again. */
async function workIn<T>(dir: string, fn: (owner: Caller) => Promise<T>): Promise<T> {
  const state = createHostState({ vaultDir: dir, workstation: 'teruggezet', kdfCost: TEST_KDF, now: () => new Date(`${TODAY}T11:00:00Z`) });
  await signIn(state, 'consulent.eigen', PASSWORD);
  try { return await fn(caller(state)); } finally { signOut(state); }
}
const count = (h: VaultHandle, sql: string, ...args: unknown[]) => (h.sqlite.prepare(sql).get(...args) as { n: number }).n;
const linesOf = (h: VaultHandle, action: string) => h.sqlite.prepare('SELECT participant_id AS participantId, objects FROM audit_log WHERE action = ?').all(action) as { participantId: number | null; objects: string }[];

describe('a restored backup and erasure (R44, R28, R29)', () => {
  it('R28 R44 R07 an erasure carried out after the backup was made is carried out again when the backup is opened; a value given after the erasure is never touched', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const [FAMILY, ENTRY, DOC, CITY, NEW] = ['Gezin', 'Verslag', 'Rapport', 'Plaats', 'Nieuw'].map(canary);
    const p = await c.owner.call('dossiers.create', aParticipant({ city: CITY!, familySituation: FAMILY! }));
    const entry = await c.owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: `Tekst ${ENTRY}` });
    const doc = await c.owner.call('dossiers.uploadDocument', { participantId: p.participantId, kind: 'report', fileName: 'rapport.txt', mimeType: 'text/plain', contentBase64: Buffer.from(`Inhoud ${DOC}`).toString('base64') });
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);

    const decided = await verwijdering(c.admin, p.participantId, [
      { target: 'field', field: 'familySituation', ground: 'irrelevant' }, { target: 'entry', entryId: entry.id, ground: 'irrelevant' }, { target: 'document', documentId: doc.id, ground: 'irrelevant' },
    ], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    // The ledger names the erasure by field name and ids, never a value.
    const ledger = readFileSync(join(c.vault.dir, LEDGER_FILE), 'utf8');
    expect(JSON.parse(ledger)).toMatchObject({ version: 4, erasures: [{ participantId: p.participantId, anonymise: false, fields: ['familySituation'], entryIds: [entry.id], documentIds: [doc.id], bound: { entries: [expect.stringMatching(/^[0-9a-f]{32}$/)], documents: [expect.stringMatching(/^[0-9a-f]{32}$/)] } }] });
    for (const needle of [FAMILY, ENTRY, DOC, CITY]) expect(ledger).not.toContain(needle);
    // A new family situation is given after the erasure: it belongs to the dossier now.
    await c.owner.call('dossiers.update', { participantId: p.participantId, changes: { familySituation: NEW }, reason: 'Nieuw gesprek' });
    c.vault.close();

    // Opening the live vault again changes nothing: it has the erasure's mark.
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT family_situation AS f FROM participants WHERE id = ?').get(p.participantId)).toEqual({ f: NEW });
      expect(linesOf(h, 'retention.erasedAgain')).toEqual([]);
    });

    restore(backup, c.vault.dir);
    const hex = key.toString('hex');
    expect(new Set(findInVaultBytes(c.vault.dir, hex, [FAMILY!, ENTRY!, DOC!]).map((f) => f.needle))).toEqual(new Set([FAMILY, ENTRY, DOC])); // the backup holds them
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT family_situation AS f, city FROM participants WHERE id = ?').get(p.participantId)).toEqual({ f: null, city: CITY });
      expect(count(h, 'SELECT count(*) AS n FROM entries WHERE id = ?', entry.id)).toBe(0);
      expect(count(h, 'SELECT count(*) AS n FROM documents WHERE id = ?', doc.id)).toBe(0);
      expect(count(h, "SELECT count(*) AS n FROM participant_history WHERE participant_id = ? AND field = 'familySituation'", p.participantId)).toBe(0);
      const again = linesOf(h, 'retention.erasedAgain');
      expect(again).toHaveLength(1);
      expect(again[0]!.participantId).toBe(p.participantId);
      expect(JSON.parse(again[0]!.objects)).toMatchObject({ fields: ['familySituation'], entryIds: [entry.id], documentIds: [doc.id] });
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
    });
    expect(findInVaultBytes(c.vault.dir, hex, [FAMILY!, ENTRY!, DOC!])).toEqual([]);
    // Done once: the next open finds nothing more to do.
    opened(c.vault.dir, key, (h) => expect(linesOf(h, 'retention.erasedAgain')).toHaveLength(1));
  }, 120_000);

  it('R29 R44 an anonymisation after the backup is carried out again with the same anonymous number, so its later destruction is carried out again too', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const NAME = canary('Qz');
    const p = await c.owner.call('dossiers.create', aParticipant({ lastName: NAME, familySituation: `Gezin ${NAME}` }));
    await c.owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: `Over ${NAME}` });
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const hex = key.toString('hex');
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'dossier', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const live = handle.sqlite.prepare('SELECT dossier_number AS n, created_at AS c FROM participants WHERE id = ?').get(p.participantId) as { n: string; c: string };
    expect(live.n).toMatch(/^AN-/);
    expect(JSON.parse(readFileSync(join(c.vault.dir, LEDGER_FILE), 'utf8')).erasures).toMatchObject([{ participantId: p.participantId, anonymise: true, anonymousNumber: live.n }]);
    c.vault.close();

    restore(backup, c.vault.dir);
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT dossier_number AS n, created_at AS c, last_name AS l FROM participants WHERE id = ?').get(p.participantId)).toEqual({ n: live.n, c: live.c, l: 'Geanonimiseerd' });
      expect(linesOf(h, 'retention.anonymisedAgain')).toHaveLength(1);
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
      // The anonymised dossier reaches the end of its term: it is destroyed, as a batch does.
      recordIntended(h.sqlite, c.vault!.dir, [{ participantId: p.participantId, dossierNumber: live.n, createdAt: live.c, destroyedAt: new Date().toISOString(), batchId: null }]);
      destroyParticipant(h.sqlite, p.participantId);
      settleIntended(h.sqlite, c.vault!.dir);
    });
    expect(findInVaultBytes(c.vault.dir, hex, [NAME])).toEqual([]);

    // The oldest backup once more: anonymised again, and then destroyed again, at the same open.
    restore(backup, c.vault.dir);
    expect(findInVaultBytes(c.vault.dir, hex, [NAME]).length).toBeGreaterThan(0);
    opened(c.vault.dir, key, (h) => {
      expect(count(h, 'SELECT count(*) AS n FROM participants WHERE id = ?', p.participantId)).toBe(0);
      expect(linesOf(h, 'retention.anonymisedAgain')).toHaveLength(1);
      expect(linesOf(h, 'retention.destroyedAgain')).toHaveLength(1);
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
    });
    expect(findInVaultBytes(c.vault.dir, hex, [NAME])).toEqual([]);
  }, 120_000);

  it('R45 R29 R44 a legal hold still active in the backup, lifted in the live vault before the anonymisation, does not stop the anonymisation being carried out again (review finding)', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const NAME = canary('Qh');
    const p = await c.owner.call('dossiers.create', aParticipant({ lastName: NAME }));
    const officer = await c.vault.as('privacyOfficer');
    const hold = await officer.call('retention.placeHold', { participantId: p.participantId, reason: 'Lopende klacht bij de ombudsman', untilDate: null });
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup); // the hold is active in the backup
    c.vault.clock.now = new Date(`${TODAY}T10:30:00Z`);
    await officer.call('retention.liftHold', { holdId: hold.id, reason: 'Klacht afgehandeld' });
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'dossier', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const live = handle.sqlite.prepare('SELECT dossier_number AS n FROM participants WHERE id = ?').get(p.participantId) as { n: string };
    c.vault.close();

    restore(backup, c.vault.dir);
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT dossier_number AS n, last_name AS l FROM participants WHERE id = ?').get(p.participantId)).toEqual({ n: live.n, l: 'Geanonimiseerd' });
      expect(count(h, 'SELECT count(*) AS n FROM retention_holds WHERE participant_id = ?', p.participantId)).toBe(0);
      expect(linesOf(h, 'retention.anonymisedAgain')).toHaveLength(1);
      expect(linesOf(h, 'retention.eraseAgainFailed')).toEqual([]);
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
    });
    expect(findInVaultBytes(c.vault.dir, key.toString('hex'), [NAME])).toEqual([]);
  }, 120_000);

  it('R45 R29 R44 a legal hold placed in the restored copy since, whatever its clock says, stops the anonymisation being carried out again: flagged with the reason, tried again at the next open; a later line of the dossier waits with it', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const NAME = canary('Qn');
    const p = await c.owner.call('dossiers.create', aParticipant({ lastName: NAME }));
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'dossier', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const [erasure] = JSON.parse(readFileSync(join(c.vault.dir, LEDGER_FILE), 'utf8')).erasures as { at: string }[];
    c.vault.close();

    restore(backup, c.vault.dir);
    const ledger = readFileSync(join(c.vault.dir, LEDGER_FILE));
    rmSync(join(c.vault.dir, LEDGER_FILE));
    opened(c.vault.dir, key, (h) => h.sqlite.prepare("INSERT INTO retention_holds (participant_id, reason, until_date, placed_by, placed_at) VALUES (?, 'Nieuwe klacht', NULL, 1, ?)")
      .run(p.participantId, new Date(Date.parse(erasure!.at) - 3_600_000).toISOString())); // a clock an hour behind: it still counts as placed since
    writeFileSync(join(c.vault.dir, LEDGER_FILE), ledger);
    for (const times of [1, 2]) {
      opened(c.vault.dir, key, (h) => {
        expect(h.sqlite.prepare('SELECT last_name AS l FROM participants WHERE id = ?').get(p.participantId)).toEqual({ l: NAME });
        expect(count(h, 'SELECT count(*) AS n FROM retention_holds WHERE participant_id = ?', p.participantId)).toBe(1);
        expect(linesOf(h, 'retention.anonymisedAgain')).toEqual([]);
        expect(linesOf(h, 'retention.eraseAgainFailed').map((l) => JSON.parse(l.objects))).toHaveLength(times);
        expect(JSON.parse(linesOf(h, 'retention.eraseAgainFailed')[0]!.objects)).toMatchObject({ participantId: p.participantId, anonymise: true, reason: 'held' });
      });
    }
    // A later line of the same dossier is bound to the identity the anonymisation would give: while
    // that waits, the later one waits too (not taken for another dossier and marked as done).
    opened(c.vault.dir, key, (h) => {
      const [line] = readLedger(c.vault!.dir, ledgerSecret(h.sqlite)).erasures;
      const later = { ...line!, id: 'ab'.repeat(16), at: new Date(Date.parse(line!.at) + 1000).toISOString(), anonymise: false, anonymousNumber: null, fields: ['familySituation'], bound: { ...line!.bound!, dossier: 'f'.repeat(32) } };
      const again = eraseAgain(h.sqlite, [line!, later], new Date().toISOString());
      expect(again.failed.map((f) => f.reason)).toEqual(['held', 'afterFailed']);
      expect(again.skipped).toEqual([]);
      expect(count(h, "SELECT count(*) AS n FROM settings WHERE key = 'erased:' || ?", later.id)).toBe(0);
    });
  }, 120_000);

  it('R28 R29 R44 erasures are carried out again in the order they were made, whatever order the ledger lists them in: an erasure before an anonymisation still matches its dossier (review finding)', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const p = await c.owner.call('dossiers.create', aParticipant({ birthDate: '1980-06-15' }));
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup);
    const first = await verwijdering(c.admin, p.participantId, [{ target: 'field', field: 'birthDate', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: first.request.id, note: null });
    c.vault.clock.now = new Date(`${TODAY}T10:05:00Z`);
    const second = await verwijdering(c.admin, p.participantId, [{ target: 'dossier', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: second.request.id, note: null });
    const lines = readLedger(c.vault.dir, ledgerSecret(handle.sqlite)).erasures;
    expect(lines.map((l) => l.anonymise)).toEqual([false, true]);
    c.vault.close();

    restore(backup, c.vault.dir);
    rmSync(join(c.vault.dir, LEDGER_FILE));
    opened(c.vault.dir, key, (h) => {
      const again = eraseAgain(h.sqlite, [...lines].reverse(), new Date().toISOString());
      expect(again.skipped).toEqual([]);
      expect(again.applied.map((l) => l.anonymise)).toEqual([false, true]);
      expect(h.sqlite.prepare('SELECT birth_date AS b, last_name AS l FROM participants WHERE id = ?').get(p.participantId)).toEqual({ b: null, l: 'Geanonimiseerd' });
    });
  }, 120_000);

  it('R28 R44 an erasure line is bound to its dossier: in a folder restored whole and used, a new dossier that got the erased one\'s id is never touched (review finding)', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup); // before the dossier exists
    const p = await c.owner.call('dossiers.create', aParticipant({ familySituation: canary('Gezin') }));
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'field', field: 'familySituation', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const liveLedger = readFileSync(join(c.vault.dir, LEDGER_FILE));
    c.vault.close();

    restoreWhole(backup, c.vault.dir);
    const OTHER = canary('Anders');
    const q = await workIn(c.vault.dir, (owner) => owner.call('dossiers.create', aParticipant({ lastName: 'Nieuwkomer', familySituation: OTHER })));
    expect(q.participantId).toBe(p.participantId); // the id was given again
    writeFileSync(join(c.vault.dir, LEDGER_FILE), liveLedger); // and then the newer ledger is put back
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT family_situation AS f FROM participants WHERE id = ?').get(q.participantId)).toEqual({ f: OTHER });
      expect(linesOf(h, 'retention.erasedAgain')).toEqual([]);
      const skipped = linesOf(h, 'retention.eraseAgainSkipped');
      expect(skipped).toHaveLength(1);
      expect(JSON.parse(skipped[0]!.objects)).toMatchObject({ reason: 'otherDossier' });
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
    });
    // Said once: the line is marked as dealt with in this database.
    opened(c.vault.dir, key, (h) => expect(linesOf(h, 'retention.eraseAgainSkipped')).toHaveLength(1));
  }, 120_000);

  it('R28 R44 an erased entry is bound to what it was: a new entry that got its id in a folder restored whole is never touched, the other items of the line are erased again', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const FAMILY = canary('Gezin');
    const p = await c.owner.call('dossiers.create', aParticipant({ familySituation: FAMILY }));
    const handle = c.vault.admin.state.handle!;
    const key = Buffer.from(handle.key);
    const backup = join(tempDir('dossierkluis-backup-'), 'vault');
    backupVault(handle, backup); // the dossier, with its family situation, but not yet the entry
    c.vault.clock.now = new Date(`${TODAY}T10:30:00Z`);
    const entry = await c.owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: `Tekst ${canary('Verslag')}` });
    const decided = await verwijdering(c.admin, p.participantId, [
      { target: 'field', field: 'familySituation', ground: 'irrelevant' }, { target: 'entry', entryId: entry.id, ground: 'irrelevant' },
    ], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const liveLedger = readFileSync(join(c.vault.dir, LEDGER_FILE));
    c.vault.close();

    restoreWhole(backup, c.vault.dir);
    const NEW = canary('Nieuw');
    const again = await workIn(c.vault.dir, (owner) => owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-04-23', title: 'Later gesprek', body: `Tekst ${NEW}` }));
    expect(again.id).toBe(entry.id); // the id was given again, to a different entry
    writeFileSync(join(c.vault.dir, LEDGER_FILE), liveLedger);
    opened(c.vault.dir, key, (h) => {
      expect(h.sqlite.prepare('SELECT body FROM entries WHERE id = ?').get(again.id)).toEqual({ body: `Tekst ${NEW}` });
      expect(h.sqlite.prepare('SELECT family_situation AS f FROM participants WHERE id = ?').get(p.participantId)).toEqual({ f: null });
      expect(JSON.parse(linesOf(h, 'retention.erasedAgain')[0]!.objects)).toMatchObject({ fields: ['familySituation'], entryIds: [] });
      const skipped = linesOf(h, 'retention.eraseAgainSkipped');
      expect(skipped.map((l) => JSON.parse(l.objects))).toMatchObject([{ reason: 'otherItems', entryIds: [entry.id] }]);
      expect(verifyAuditChain(h.sqlite).ok).toBe(true);
    });
    expect(findInVaultBytes(c.vault.dir, key.toString('hex'), [FAMILY])).toEqual([]);
  }, 120_000);

  for (const [label, forge] of [
    ['a forged MAC', (l: Record<string, unknown>) => JSON.stringify({ ...l, mac: '0'.repeat(64) })],
    ['an unreadable file', () => '{"format": "dossierkluis-destruction-ledger", "version": 3, "lines": ['],
  ] as const) {
    it(`R44 a ledger with ${label} erases nothing and is flagged in the trail`, async () => {
      const c = await canaryVault(TODAY);
      vault = c.vault;
      const FAMILY = canary('Gezin');
      const p = await c.owner.call('dossiers.create', aParticipant({ familySituation: FAMILY }));
      const entry = await c.owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: 'Blijft' });
      const key = Buffer.from(c.vault.admin.state.handle!.key);
      c.vault.close();
      const erasure = { id: 'ab'.repeat(16), participantId: p.participantId, at: new Date().toISOString(), anonymise: false, anonymousNumber: null, fields: ['familySituation'], entryIds: [entry.id], documentIds: [] };
      writeFileSync(join(c.vault.dir, LEDGER_FILE), forge({ format: 'dossierkluis-destruction-ledger', version: 3, lines: [], erasures: [erasure], mac: 'f'.repeat(64) }));
      opened(c.vault.dir, key, (h) => {
        expect(h.sqlite.prepare('SELECT family_situation AS f FROM participants WHERE id = ?').get(p.participantId)).toEqual({ f: FAMILY });
        expect(count(h, 'SELECT count(*) AS n FROM entries WHERE id = ?', entry.id)).toBe(1);
        expect(linesOf(h, 'retention.erasedAgain')).toEqual([]);
        expect(linesOf(h, 'retention.ledgerUntrusted')).toHaveLength(1);
      });
    }, 60_000);
  }
  it('R44 R28 an erasure next to a forged ledger leaves the ledger as it is and says what was wrong with it (badMac), the mark stays in the database', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const p = await c.owner.call('dossiers.create', aParticipant({ familySituation: canary('Gezin') }));
    const forged = JSON.stringify({ format: 'dossierkluis-destruction-ledger', version: 4, lines: [], erasures: [], mac: '0'.repeat(64) });
    writeFileSync(join(c.vault.dir, LEDGER_FILE), forged);
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'field', field: 'familySituation', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    expect(readFileSync(join(c.vault.dir, LEDGER_FILE), 'utf8')).toBe(forged);
    const h = c.vault.admin.state.handle!;
    expect(linesOf(h, 'retention.ledgerUntrusted').map((l) => JSON.parse(l.objects))).toEqual([{ problem: 'badMac' }]);
    expect(count(h, "SELECT count(*) AS n FROM settings WHERE key LIKE 'erased:%'")).toBe(1);
  }, 60_000);

  it('R44 R28 a deleted ledger is flagged at every open and not made again empty (review finding 1)', async () => {
    const c = await canaryVault(TODAY);
    vault = c.vault;
    const p = await c.owner.call('dossiers.create', aParticipant({ familySituation: canary('Gezin') }));
    const decided = await verwijdering(c.admin, p.participantId, [{ target: 'field', field: 'familySituation', ground: 'irrelevant' }], 'decided', TODAY);
    await c.admin.call('requests.carryOut', { requestId: decided.request.id, note: null });
    const key = Buffer.from(c.vault.admin.state.handle!.key);
    c.vault.close();
    rmSync(join(c.vault.dir, LEDGER_FILE));
    for (const times of [1, 2]) {
      opened(c.vault.dir, key, (h) => expect(linesOf(h, 'retention.ledgerMissing')).toHaveLength(times));
      expect(existsSync(join(c.vault.dir, LEDGER_FILE))).toBe(false);
    }
  }, 60_000);
});
