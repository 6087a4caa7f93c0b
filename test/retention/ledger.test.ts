// R44: the destruction ledger next to the database — a restored backup that still holds a
// destroyed dossier is recognised at open; a forged or damaged ledger is never acted upon.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerUntrustedError, ledgerPath, readLedger, recordInLedger, redestroyListed, rekeyLedger, type LedgerLine } from '../../core/retention/ledger.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let v: TestVault | undefined;
afterEach(() => { if (v) removeVault(v); v = undefined; });

async function withParticipants(n: number) {
  v = await testVault();
  const consultant = await v.as('consultant');
  const made = [];
  for (let i = 0; i < n; i++) made.push(await consultant.call('dossiers.create', aParticipant({ lastName: `Ledgertest${i}` })));
  const { sqlite, key } = v.admin.state.handle!;
  const line = (participantId: number): LedgerLine => {
    const row = sqlite.prepare('SELECT dossier_number AS n, created_at AS c FROM participants WHERE id = ?').get(participantId) as { n: string; c: string };
    return { participantId, dossierNumber: row.n, createdAt: row.c, destroyedAt: '2026-12-03T10:00:00.000Z' };
  };
  return { consultant, made, sqlite, key, line, dir: v.dir };
}

describe('destruction ledger (R44)', () => {
  it('R44 lists destroyed dossiers under a MAC; an edited, damaged or foreign ledger is not trusted and not overwritten', async () => {
    const w = await withParticipants(2);
    expect(readLedger(w.dir, [w.key]).status).toBe('missing');
    recordInLedger(w.dir, w.key, [w.line(w.made[0]!.participantId)]);
    const read = readLedger(w.dir, [w.key]);
    expect(read).toMatchObject({ status: 'ok', lines: [w.line(w.made[0]!.participantId)] });
    // No personal data: only ids, numbers and times.
    expect(readFileSync(ledgerPath(w.dir), 'utf8')).not.toMatch(/Ledgertest/);
    expect(readLedger(w.dir, [randomBytes(32)]).status).toBe('badMac');

    const original = readFileSync(ledgerPath(w.dir), 'utf8');
    writeFileSync(ledgerPath(w.dir), original.replace(`"participantId": ${w.made[0]!.participantId}`, `"participantId": ${w.made[1]!.participantId}`));
    expect(readLedger(w.dir, [w.key]).status).toBe('badMac');
    expect(() => recordInLedger(w.dir, w.key, [w.line(w.made[1]!.participantId)])).toThrow(LedgerUntrustedError);
    let called = 0;
    expect(redestroyListed(w.sqlite, w.dir, [w.key], () => { called++; })).toEqual({ status: 'badMac', destroyed: [] });
    expect(called).toBe(0);
    writeFileSync(ledgerPath(w.dir), '{"format": "dossierkluis-destruction-ledger", "lines": [');
    expect(readLedger(w.dir, [w.key]).status).toBe('unreadable');
    expect(redestroyListed(w.sqlite, w.dir, [w.key], () => { called++; }).status).toBe('unreadable');
    expect(called).toBe(0);
  });

  it('R44 a listed dossier that is present again is destroyed again; one with the same id but another creation time is not', async () => {
    const w = await withParticipants(3);
    const [a, b, c] = w.made.map((m) => m.participantId) as [number, number, number];
    recordInLedger(w.dir, w.key, [w.line(a), { ...w.line(b), createdAt: '2020-01-01T00:00:00.000Z' }]);
    const seen: number[] = [];
    const result = redestroyListed(w.sqlite, w.dir, [w.key], (l) => { seen.push(l.participantId); });
    expect(result.status).toBe('ok');
    expect(seen).toEqual([a]);
    expect(result.destroyed.map((l) => l.participantId)).toEqual([a]);
    expect(seen).not.toContain(c);
  });

  it('R44 the participant id sequence moves past every listed id, so a new dossier never takes a destroyed one\'s id', async () => {
    const w = await withParticipants(1);
    const listed: LedgerLine = { participantId: 500, dossierNumber: 'DK-2026-000500', createdAt: '2026-01-01T00:00:00.000Z', destroyedAt: '2026-12-03T10:00:00.000Z' };
    recordInLedger(w.dir, w.key, [listed]);
    redestroyListed(w.sqlite, w.dir, [w.key], () => { throw new Error('nothing listed is present'); });
    const next = await w.consultant.call('dossiers.create', aParticipant({ lastName: 'Na het terugzetten' }));
    expect(next.participantId).toBeGreaterThan(500);
  });

  it('R44 after a rekey the ledger verifies under the new key; under the previous key it is accepted once and re-MACed', async () => {
    const w = await withParticipants(1);
    recordInLedger(w.dir, w.key, [w.line(w.made[0]!.participantId)]);
    const next = randomBytes(32);
    rekeyLedger(w.dir, w.key, next);
    expect(readLedger(w.dir, [next]).status).toBe('ok');
    expect(readLedger(w.dir, [w.key]).status).toBe('badMac');
    // An interrupted rekey: the database is on `third`, the ledger still on `next`.
    const third = randomBytes(32);
    expect(redestroyListed(w.sqlite, w.dir, [third, next], () => {}).status).toBe('ok');
    expect(readLedger(w.dir, [third]).status).toBe('ok');
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
