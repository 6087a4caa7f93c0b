// R44: the destruction ledger next to the database — a restored backup that still holds a
// destroyed dossier is recognised at open; a forged or damaged ledger is never acted upon.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseAgain } from '../../core/retention/erasures.ts';
import { LedgerNotWrittenError, LedgerUntrustedError, ledgerPath, ledgerSecret, readLedger, recordErasures, recordIntended, redestroyListed, settleIntended, type LedgerLine } from '../../core/retention/ledger.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let v: TestVault | undefined;
afterEach(() => { if (v) removeVault(v); v = undefined; });

async function withParticipants(n: number) {
  v = await testVault();
  const consultant = await v.as('consultant');
  const made = [];
  for (let i = 0; i < n; i++) made.push(await consultant.call('dossiers.create', aParticipant({ lastName: `Ledgertest${i}` })));
  const { sqlite, key } = v.admin.state.handle!;
  const line = (participantId: number): Omit<LedgerLine, 'state'> => {
    const row = sqlite.prepare('SELECT dossier_number AS n, created_at AS c FROM participants WHERE id = ?').get(participantId) as { n: string; c: string };
    return { participantId, dossierNumber: row.n, createdAt: row.c, destroyedAt: '2026-12-03T10:00:00.000Z', batchId: null };
  };
  /** As a destruction leaves a row: gone (foreign keys off for this raw removal only). */
  const remove = (participantId: number) => {
    sqlite.pragma('foreign_keys=OFF');
    sqlite.prepare('DELETE FROM caseload WHERE participant_id = ?').run(participantId);
    sqlite.prepare('DELETE FROM participants WHERE id = ?').run(participantId);
    sqlite.pragma('foreign_keys=ON');
  };
  return { consultant, made, sqlite, key, line, remove, dir: v.dir };
}

describe('destruction ledger (R44)', () => {
  it('R44 a ledger of version 2 (destructions only, from before erasures were listed) is still trusted and acted on, and is written on as version 4', async () => {
    const w = await withParticipants(2);
    const secret = ledgerSecret(w.sqlite);
    const line = { ...w.line(w.made[0]!.participantId), state: 'destroyed' as const };
    // Version 2's format, byte for byte: its MAC covers the format name, 2 and the lines.
    const canonical = [[line.participantId, line.dossierNumber, line.createdAt, line.destroyedAt, line.batchId, line.state]];
    const mac = createHmac('sha256', secret).update(JSON.stringify(['dossierkluis-destruction-ledger', 2, canonical])).digest('hex');
    writeFileSync(ledgerPath(w.dir), JSON.stringify({ format: 'dossierkluis-destruction-ledger', version: 2, lines: [line], mac }));
    expect(readLedger(w.dir, secret)).toEqual({ status: 'ok', lines: [line], erasures: [] });
    const destroyed: number[] = [];
    redestroyListed(w.sqlite, w.dir, (l) => { destroyed.push(l.participantId); });
    expect(destroyed).toEqual([line.participantId]);
    recordIntended(w.sqlite, w.dir, [w.line(w.made[1]!.participantId)]);
    expect(JSON.parse(readFileSync(ledgerPath(w.dir), 'utf8'))).toMatchObject({ version: 4, erasures: [], lines: [line, { participantId: w.made[1]!.participantId, state: 'intended' }] });
    expect(readLedger(w.dir, secret).status).toBe('ok');
  });

  it('R44 R28 a ledger of version 3 (erasures by id only) is still trusted, its erasures carried out again by id, and it is written on as version 4; a version 4 line whose binding is edited is not trusted', async () => {
    const w = await withParticipants(1);
    const secret = ledgerSecret(w.sqlite);
    const pid = w.made[0]!.participantId;
    w.sqlite.prepare("UPDATE participants SET family_situation = 'Terug uit de back-up' WHERE id = ?").run(pid);
    const erasure = { id: 'cd'.repeat(16), participantId: pid, at: '2026-12-02T10:00:00.000Z', anonymise: false, anonymousNumber: null, fields: ['familySituation'], entryIds: [], documentIds: [] };
    // Version 3's format, byte for byte: its MAC covers the format name, 3, the lines and the erasures.
    const erased = [[erasure.id, erasure.participantId, erasure.at, erasure.anonymise, erasure.anonymousNumber, erasure.fields, erasure.entryIds, erasure.documentIds]];
    const mac = createHmac('sha256', secret).update(JSON.stringify(['dossierkluis-destruction-ledger', 3, [], erased])).digest('hex');
    writeFileSync(ledgerPath(w.dir), JSON.stringify({ format: 'dossierkluis-destruction-ledger', version: 3, lines: [], erasures: [erasure], mac }));
    expect(readLedger(w.dir, secret)).toEqual({ status: 'ok', lines: [], erasures: [erasure] });
    expect(eraseAgain(w.sqlite, [erasure], '2026-12-03T10:00:00.000Z').applied.map((l) => l.id)).toEqual([erasure.id]);
    expect(w.sqlite.prepare('SELECT family_situation AS f FROM participants WHERE id = ?').get(pid)).toEqual({ f: null });
    recordIntended(w.sqlite, w.dir, [w.line(pid)]);
    const written = JSON.parse(readFileSync(ledgerPath(w.dir), 'utf8'));
    expect(written).toMatchObject({ version: 4, erasures: [erasure] });
    expect(readLedger(w.dir, secret).status).toBe('ok');
    // A bound line: its tags are under the MAC like the rest.
    const bound = { ...erasure, id: 'ef'.repeat(16), bound: { dossier: 'a'.repeat(32), entries: [], documents: [], holds: [] } };
    expect(recordErasures(w.sqlite, w.dir, [bound])).toBe(1);
    const file = JSON.parse(readFileSync(ledgerPath(w.dir), 'utf8'));
    file.erasures[1].bound.dossier = 'b'.repeat(32);
    writeFileSync(ledgerPath(w.dir), JSON.stringify(file));
    expect(readLedger(w.dir, secret).status).toBe('badMac');
  });

  it('R44 a ledger that would not read back is never written: the step fails before its removal and the old ledger stays trusted', async () => {
    const w = await withParticipants(2);
    recordIntended(w.sqlite, w.dir, [w.line(w.made[0]!.participantId)]);
    const before = readFileSync(ledgerPath(w.dir), 'utf8');
    expect(() => recordIntended(w.sqlite, w.dir, [{ ...w.line(w.made[1]!.participantId), dossierNumber: 'X'.repeat(41) }])).toThrow(LedgerNotWrittenError);
    expect(readFileSync(ledgerPath(w.dir), 'utf8')).toBe(before);
    expect(readLedger(w.dir, ledgerSecret(w.sqlite)).status).toBe('ok');
  });

  it('R44 lists dossiers under a MAC kept in the database; an edited, damaged or foreign ledger is not trusted, not overwritten and not acted on', async () => {
    const w = await withParticipants(2);
    const secret = ledgerSecret(w.sqlite);
    expect(ledgerSecret(w.sqlite)).toEqual(secret); // made once
    expect(readLedger(w.dir, secret).status).toBe('missing');
    recordIntended(w.sqlite, w.dir, [w.line(w.made[0]!.participantId)]);
    expect(readLedger(w.dir, secret)).toMatchObject({ status: 'ok', lines: [{ ...w.line(w.made[0]!.participantId), state: 'intended' }] });
    expect(readFileSync(ledgerPath(w.dir), 'utf8')).not.toMatch(/Ledgertest/); // ids, numbers and times only
    expect(readLedger(w.dir, randomBytes(32)).status).toBe('badMac');

    const original = readFileSync(ledgerPath(w.dir), 'utf8');
    writeFileSync(ledgerPath(w.dir), original.replace('"intended"', '"destroyed"'));
    expect(readLedger(w.dir, secret).status).toBe('badMac');
    expect(() => recordIntended(w.sqlite, w.dir, [w.line(w.made[1]!.participantId)])).toThrow(LedgerUntrustedError);
    let called = 0;
    expect(redestroyListed(w.sqlite, w.dir, () => { called++; })).toMatchObject({ status: 'badMac', destroyed: [] });
    writeFileSync(ledgerPath(w.dir), '{"format": "dossierkluis-destruction-ledger", "lines": [');
    expect(redestroyListed(w.sqlite, w.dir, () => { called++; }).status).toBe('unreadable');
    expect(called).toBe(0);
  });

  it('R44 an intended destruction that did not happen is dropped from the ledger and never acted on; one that happened becomes destroyed', async () => {
    const w = await withParticipants(2);
    const [a, b] = w.made.map((m) => m.participantId) as [number, number];
    recordIntended(w.sqlite, w.dir, [w.line(a), w.line(b)]);
    w.remove(a); // a's destruction committed; b's rolled back
    expect(settleIntended(w.sqlite, w.dir).map((l) => l.participantId)).toEqual([a]);
    expect(readLedger(w.dir, ledgerSecret(w.sqlite)).lines.map((l) => [l.participantId, l.state])).toEqual([[a, 'destroyed']]);
    const seen: number[] = [];
    expect(redestroyListed(w.sqlite, w.dir, (l) => { seen.push(l.participantId); }).destroyed).toEqual([]);
    expect(seen).toEqual([]); // b is alive and never touched
  });

  it('R44 a failed re-destruction is reported and does not stop the others', async () => {
    const w = await withParticipants(3);
    const [a, b] = w.made.map((m) => m.participantId) as [number, number];
    const lines = [w.line(a), w.line(b)];
    recordIntended(w.sqlite, w.dir, lines);
    // Settled as destroyed while the rows are hidden from the check (as in the live vault), then back (a restored backup).
    w.sqlite.prepare("UPDATE participants SET created_at = created_at || 'x' WHERE id IN (?, ?)").run(a, b);
    settleIntended(w.sqlite, w.dir);
    w.sqlite.prepare("UPDATE participants SET created_at = substr(created_at, 1, length(created_at) - 1) WHERE id IN (?, ?)").run(a, b);
    const r = redestroyListed(w.sqlite, w.dir, (l) => { if (l.participantId === a) throw new Error('refused'); });
    expect(r.failed.map((f) => f.line.participantId)).toEqual([a]);
    expect(r.destroyed.map((l) => l.participantId)).toEqual([b]);
  });

  it('R44 the id sequence and the dossier numbers move past every listed dossier, so a new dossier never takes a destroyed one\'s id or number', async () => {
    const w = await withParticipants(1);
    const gone = w.line(w.made[0]!.participantId);
    recordIntended(w.sqlite, w.dir, [{ ...gone, participantId: 500, dossierNumber: 'DK-2026-000500' }]);
    settleIntended(w.sqlite, w.dir); // 500 is not in the database: destroyed
    redestroyListed(w.sqlite, w.dir, () => { throw new Error('nothing listed is present'); });
    const next = await w.consultant.call('dossiers.create', aParticipant({ lastName: 'Na het terugzetten' }));
    expect(next.participantId).toBeGreaterThan(500);
    expect(next.dossierNumber > 'DK-2026-000500').toBe(true);
  });
});

describe('dossier numbers (R44)', () => {
  it('R44 a dossier number is never issued twice, also not after the highest-numbered dossier is gone', async () => {
    const w = await withParticipants(2);
    const highest = w.made[1]!;
    // As a destruction leaves it: the row gone (foreign keys off for this raw removal only).
    w.sqlite.pragma('foreign_keys=OFF');
    w.sqlite.prepare('DELETE FROM caseload WHERE participant_id = ?').run(highest.participantId);
    w.sqlite.prepare('DELETE FROM participants WHERE id = ?').run(highest.participantId);
    w.sqlite.pragma('foreign_keys=ON');
    const next = await w.consultant.call('dossiers.create', aParticipant({ lastName: 'Nieuw' }));
    expect(next.dossierNumber).not.toBe(highest.dossierNumber);
    expect(next.dossierNumber > highest.dossierNumber).toBe(true);
  });
});
