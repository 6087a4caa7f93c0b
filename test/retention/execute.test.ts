// Carrying out an approved batch (R44, R45, R07): only after the waiting period; hold and term
// checked again; each destroyed dossier leaves one register line and one audit line, is listed in
// the ledger, and is gone from every table and the search index; a held one is skipped; the batch
// closes; the chain verifies; bad input and early calls change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { readLedger } from '../../core/retention/ledger.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { removeVault, type CallError } from '../support/vault.ts';
import { makeDossier, retentionCounts, retentionWorld, type RetentionWorld } from './support.ts';

let w: RetentionWorld;
beforeEach(async () => { w = await retentionWorld(); });
afterEach(() => removeVault(w.vault));

const REASON = 'Bewaartermijn verstreken volgens het beleid';
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: CallError) => e.code);
const due = (lastName: string) => makeDossier(w, { lastName, trajectories: [{ type: 'uwv', start: '2010-01-04', end: '2017-12-29' }] });

describe('carrying out a destruction batch (R44, R45)', () => {
  it('R44 R45 R07 after the waiting period the due dossiers are destroyed, a hold placed after approval skips one, and every trace but the register line is gone', async () => {
    const a = await due('Qzvernietigaaa');
    const b = await due('Qzvastgehoudenbbb');
    const batch = await w.officer.call('retention.propose', { participantIds: [a.participantId, b.participantId], reason: REASON });
    await w.board.call('retention.approve', { batchId: batch.id });
    // During the waiting period: refused, nothing changes.
    const before = retentionCounts(w.vault);
    const early = await w.officer.raw('retention.execute', { batchId: batch.id });
    expect(early).toMatchObject({ ok: false, error: { code: 'retention.waiting' } });
    expect(early.ok ? '' : early.error.message).toMatch(/\d{2}-\d{2}-\d{4}/);
    expect(retentionCounts(w.vault)).toEqual(before);
    // A hold placed after approval.
    await w.officer.call('retention.placeHold', { participantId: b.participantId, reason: 'Klacht bij de ombudsman loopt', untilDate: null });
    w.vault.clock.now = new Date(w.vault.clock.now.getTime() + 8 * 86_400_000);

    const result = await w.board.call('retention.execute', { batchId: batch.id });
    expect(result).toEqual({ batchId: batch.id, destroyed: 1, skipped: 1, checkpointClean: true });
    const sqlite = w.vault.admin.state.handle!.sqlite;
    const count = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).get(...p) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM participants WHERE id = ?', a.participantId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM participants WHERE id = ?', b.participantId)).toBe(1);
    // The register: one line, no name; the batch: executed, items marked.
    const register = await w.officer.call('retention.register', {});
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({ dossierNumber: a.dossierNumber, basis: 'term', batchId: batch.id });
    expect(JSON.stringify(register)).not.toMatch(/Qzvernietig/i);
    const after = (await w.officer.call('retention.batches', {})).find((x) => x.id === batch.id)!;
    expect(after.status).toBe('executed');
    expect(after.items.map((i) => [i.participantId, i.outcome])).toEqual([[a.participantId, 'destroyed'], [b.participantId, 'skipped']]);
    // The ledger lists it; the search index and the files hold nothing of it; the chain verifies.
    expect(readLedger(w.vault.dir, [w.vault.admin.state.handle!.key]).lines.map((l) => l.dossierNumber)).toEqual([a.dossierNumber]);
    expect((await w.officer.call('dossiers.list', { query: 'qzvernietig', scope: 'all', offset: 0, limit: 10 })).total).toBe(0);
    expect((await w.officer.call('dossiers.list', { query: 'qzvastgehouden', scope: 'all', offset: 0, limit: 10 })).total).toBe(1);
    expect(findInVaultBytes(w.vault.dir, w.vault.admin.state.handle!.key.toString('hex'), ['Qzvernietigaaa'])).toEqual([]);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
    const lines = sqlite.prepare("SELECT action, objects, participant_id AS p FROM audit_log WHERE action IN ('retention.destroyed', 'retention.execute')").all() as { action: string; objects: string; p: number | null }[];
    expect(lines.map((l) => l.action)).toEqual(['retention.destroyed', 'retention.execute']);
    expect(lines[0]!.p).toBeNull();
    expect(JSON.parse(lines[1]!.objects)).toMatchObject({ batchId: batch.id, destroyed: 1, skipped: 1, checkpointClean: true });
    // Once executed, never again.
    expect(await codeOf(w.board.call('retention.execute', { batchId: batch.id }))).toBe('retention.notExecutable');
  });

  it('R45 a proposed (not approved), cancelled or unknown batch is not carried out; the consultant may not; bad input changes nothing', async () => {
    const a = await due('Voorgesteld');
    const batch = await w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON });
    const before = retentionCounts(w.vault);
    expect(await codeOf(w.board.call('retention.execute', { batchId: batch.id }))).toBe('retention.notExecutable');
    expect(await codeOf(w.board.call('retention.execute', { batchId: 999_999 }))).toBe('retention.batchNotFound');
    expect(await codeOf(w.consultant.call('retention.execute', { batchId: batch.id }))).toBe('auth.forbidden');
    for (const input of [{}, { batchId: -1 }, { batchId: '1' }, { batchId: 1, extra: true }, null, []]) {
      expect((await w.board.raw('retention.execute', input)).ok).toBe(false);
    }
    await w.board.call('retention.cancel', { batchId: batch.id, reason: 'Dossier blijkt nog nodig' });
    w.vault.clock.now = new Date(w.vault.clock.now.getTime() + 30 * 86_400_000);
    expect(await codeOf(w.board.call('retention.execute', { batchId: batch.id }))).toBe('retention.notExecutable');
    expect(retentionCounts(w.vault)).toMatchObject({ participants: before.participants, destruction_register: 0 });
  });
});
