// Legal holds and four-eyes destruction batches (R45, R44): a hold stops destruction, also one
// placed after approval; the proposer cannot approve (service and database); a batch can be
// cancelled during its waiting period; bad input changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destructionLine, dueForExecution, finishBatch, registerDestruction } from '../../core/retention/index.ts';
import { removeVault, type CallError } from '../support/vault.ts';
import { makeDossier, retentionCounts, retentionWorld, type RetentionWorld } from './support.ts';

let w: RetentionWorld;
beforeEach(async () => { w = await retentionWorld(); });
afterEach(() => removeVault(w.vault));

const sqlite = () => w.vault.admin.state.handle!.sqlite;
const REASON = 'Bewaartermijn verstreken volgens het beleid';
const due = () => makeDossier(w, { trajectories: [{ type: 'uwv', start: '2010-01-04', end: '2017-12-29' }] });
/** A due dossier shielded as a whole from the first privacy officer (R26). */
async function dueAndShieldedFromOfficer() {
  const hidden = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2010-01-04', end: '2017-12-29' }], close: false });
  await w.consultant.call('shielding.place', {
    participantId: hidden.participantId, target: { kind: 'dossier' }, audiences: [{ kind: 'user', userId: w.officer.state.session!.userId }],
    requestedBy: 'participant', reason: 'Op verzoek van de deelnemer: familielid werkt hier',
  });
  await w.consultant.call('dossiers.close', { participantId: hidden.participantId, takeHome: 'Het plan van aanpak op papier' });
  return hidden;
}
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: CallError) => e.code);

describe('legal hold and four-eyes destruction (R45)', () => {
  it('R45 a hold stops a dossier from being proposed; lifting it (with a reason) lets it be proposed again; a hold with an end date ends by itself', async () => {
    const a = await due();
    const hold = await w.officer.call('retention.placeHold', { participantId: a.participantId, reason: 'Lopende rechtszaak over de uitkering', untilDate: null });
    expect(hold).toMatchObject({ active: true, placedBy: 'privacyofficer', untilDate: null });
    expect((await w.officer.call('retention.list', {})).rows[0]).toMatchObject({ participantId: a.participantId, due: false, hold: { id: hold.id } });
    expect(await codeOf(w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON }))).toBe('retention.held');
    const lifted = await w.board.call('retention.liftHold', { holdId: hold.id, reason: 'De rechtszaak is afgerond' });
    expect(lifted).toMatchObject({ active: false, liftedBy: 'board', liftReason: 'De rechtszaak is afgerond' });
    expect(await codeOf(w.board.call('retention.liftHold', { holdId: hold.id, reason: 'Nogmaals opheffen kan niet' }))).toBe('retention.holdLifted');

    const timed = await w.officer.call('retention.placeHold', { participantId: a.participantId, reason: 'Onderzoek van de inspectie tot eind maart', untilDate: '2026-03-31' });
    w.vault.clock.now = new Date('2026-03-31T12:00:00Z');
    expect((await w.officer.call('retention.term', { participantId: a.participantId })).due).toBe(false);
    w.vault.clock.now = new Date('2026-04-01T08:00:00Z');
    const term = await w.officer.call('retention.term', { participantId: a.participantId });
    expect(term.due).toBe(true);
    expect(term.holds.map((h) => [h.id, h.active])).toEqual([[hold.id, false], [timed.id, false]]);
    expect((await w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON })).status).toBe('proposed');
  });

  it('R45 the proposer cannot approve their own batch, neither through the service nor in the database; another privacy officer or the board can', async () => {
    const a = await due();
    const batch = await w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON });
    expect(batch.items).toEqual([{ participantId: a.participantId, dossierNumber: a.dossierNumber, basis: 'term', termEndsOn: '2024-12-29', outcome: null }]);
    expect(await codeOf(w.officer.call('retention.approve', { batchId: batch.id }))).toBe('retention.ownProposal');
    // The screen learns it by user id, never by display name.
    expect(batch.ownProposal).toBe(true);
    expect((await w.officer2.call('retention.batches', {})).find((b) => b.id === batch.id)?.ownProposal).toBe(false);
    const officerId = w.officer.state.session!.userId;
    expect(() => sqlite().prepare("UPDATE retention_batches SET status = 'approved', approved_by = ?, approved_at = ?, executable_on = '2026-03-09' WHERE id = ?").run(officerId, '2026-03-02T09:00:00Z', batch.id))
      .toThrow(/cannot be its proposer/);
    expect(() => sqlite().prepare("INSERT INTO destruction_register (dossier_number, category, opened_on, term_ends_on, basis, proposed_by, approved_by, executed_at) VALUES ('DK-1', 'uwv', '2020-01-01', '2026-01-01', 'term', ?, ?, '2026-03-02T09:00:00Z')").run(officerId, officerId))
      .toThrow(/cannot be its proposer/);
    // The board never proposes; it approves.
    expect(await codeOf(w.board.call('retention.propose', { participantIds: [a.participantId], reason: REASON }))).toBe('auth.forbidden');
    const approved = await w.board.call('retention.approve', { batchId: batch.id });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'board', executableOn: '2026-03-09', cancellable: true });
    expect(await codeOf(w.officer2.call('retention.approve', { batchId: batch.id }))).toBe('retention.notProposed');
    // The database refuses a second approval and a step back too.
    expect(() => sqlite().prepare('UPDATE retention_batches SET approved_by = ? WHERE id = ?').run(w.officer2.state.session!.userId, batch.id)).toThrow(/approved once/);
    expect(() => sqlite().prepare("UPDATE retention_batches SET status = 'proposed' WHERE id = ?").run(batch.id)).toThrow(/only moves forward/);
    expect(() => sqlite().prepare('DELETE FROM retention_batches WHERE id = ?').run(batch.id)).toThrow(/cannot be deleted/);
  });

  it('R45 after approval the waiting period (7 days) passes before execution; a hold placed after approval stops that dossier at execution', async () => {
    const a = await due();
    const b = await due();
    const batch = await w.officer.call('retention.propose', { participantIds: [a.participantId, b.participantId], reason: REASON });
    expect(dueForExecution(sqlite(), batch.id, '2026-03-20T09:00:00Z')).toEqual([]); // not approved
    await w.officer2.call('retention.approve', { batchId: batch.id });
    expect(dueForExecution(sqlite(), batch.id, '2026-03-08T22:59:00Z')).toEqual([]); // 8 March 23:59 in Amsterdam: still waiting
    expect(dueForExecution(sqlite(), batch.id, '2026-03-08T23:00:00Z')).toEqual([a.participantId, b.participantId]); // 9 March
    const hold = await w.board.call('retention.placeHold', { participantId: b.participantId, reason: 'Verzoek van de advocaat van de deelnemer', untilDate: null });
    expect(dueForExecution(sqlite(), batch.id, '2026-03-10T09:00:00Z')).toEqual([a.participantId]);
    // An active hold cannot be removed, not even while destroying, so a held dossier's rows stay.
    sqlite().prepare("INSERT INTO settings (key, value) VALUES (?, '1')").run(`destroying:${b.participantId}`);
    expect(() => sqlite().prepare('DELETE FROM retention_holds WHERE id = ?').run(hold.id)).toThrow(/active one stops destruction/);
    sqlite().prepare('DELETE FROM settings WHERE key = ?').run(`destroying:${b.participantId}`);

    // What the execution step does with the answer: a register line per destroyed dossier, the rest skipped.
    const line = destructionLine(sqlite(), batch.id, a.participantId, '2026-03-10T09:00:00Z');
    expect(line).toEqual({
      dossierNumber: a.dossierNumber, category: 'uwv', openedOn: '2026-03-02', closedOn: '2026-03-02', termEndsOn: '2024-12-29', basis: 'term',
      batchId: batch.id, proposedBy: w.officer.state.session!.userId, approvedBy: w.officer2.state.session!.userId, executedAt: '2026-03-10T09:00:00Z',
    });
    sqlite().transaction(() => { registerDestruction(sqlite(), line, a.participantId); finishBatch(sqlite(), batch.id, '2026-03-10T09:00:00Z'); })();
    const [after] = await w.officer.call('retention.batches', {});
    expect(after).toMatchObject({ status: 'executed', cancellable: false });
    expect(after!.items.map((i) => i.outcome)).toEqual(['destroyed', 'skipped']);
    expect(dueForExecution(sqlite(), batch.id, '2026-03-11T09:00:00Z')).toEqual([]);
    const register = await w.board.call('retention.register', {});
    expect(register).toEqual([expect.objectContaining({ dossierNumber: a.dossierNumber, basis: 'term', proposedBy: 'privacyofficer', approvedBy: 'Tweede Privacyfunctionaris' })]);
    expect(JSON.stringify(register)).not.toMatch(/Bewaar|Fenna|Proefstraat|1990/); // no name, address or birth date
    expect(() => sqlite().prepare('UPDATE destruction_register SET dossier_number = ?').run('X')).toThrow(/cannot be edited/);
    expect(() => sqlite().prepare('DELETE FROM destruction_register').run()).toThrow(/cannot be edited/);
    expect(() => registerDestruction(sqlite(), { ...line, dossierNumber: 'Fenna van der Testenburg' })).toThrow();
  });

  it('R45 a batch can be cancelled, with a reason, until its waiting period has passed; its dossiers can then be proposed again', async () => {
    const a = await due();
    const first = await w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON });
    expect(await codeOf(w.officer2.call('retention.propose', { participantIds: [a.participantId], reason: REASON }))).toBe('retention.alreadyInBatch');
    await w.board.call('retention.approve', { batchId: first.id });
    w.vault.clock.now = new Date('2026-03-08T12:00:00Z');
    const cancelled = await w.officer.call('retention.cancel', { batchId: first.id, reason: 'Deelnemer meldt zich opnieuw aan' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'privacyofficer', cancelReason: 'Deelnemer meldt zich opnieuw aan', cancellable: false });
    expect(dueForExecution(sqlite(), first.id, '2026-03-20T09:00:00Z')).toEqual([]);
    const second = await w.officer.call('retention.propose', { participantIds: [a.participantId], reason: REASON });
    await w.officer2.call('retention.approve', { batchId: second.id });
    w.vault.clock.now = new Date('2026-03-15T09:00:00Z'); // the waiting period is over
    expect(await codeOf(w.officer.call('retention.cancel', { batchId: second.id, reason: 'Te laat om te annuleren' }))).toBe('retention.notCancellable');
    expect(await codeOf(w.officer.call('retention.cancel', { batchId: first.id, reason: 'Al geannuleerd eerder' }))).toBe('retention.notCancellable');
  });

  it('R45 R40 bad input changes nothing: a dossier not due, unknown or twice, a short reason, someone else\'s role, an unknown batch', async () => {
    const a = await due();
    const notDue = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2024-01-01', end: '2025-12-31' }] });
    const open = await makeDossier(w, { close: false });
    const before = retentionCounts(w.vault);
    const refused: [string, unknown, string][] = [
      ['retention.propose', { participantIds: [a.participantId, notDue.participantId], reason: REASON }, 'retention.notDue'],
      ['retention.propose', { participantIds: [open.participantId], reason: REASON }, 'retention.notDue'],
      ['retention.propose', { participantIds: [a.participantId, 999_999], reason: REASON }, 'dossier.notFound'],
      ['retention.propose', { participantIds: [a.participantId, a.participantId], reason: REASON }, 'input.invalid'],
      ['retention.propose', { participantIds: [], reason: REASON }, 'input.invalid'],
      ['retention.propose', { participantIds: [a.participantId], reason: 'kort' }, 'input.invalid'],
      ['retention.propose', { participantIds: [a.participantId], reason: REASON, extra: 1 }, 'input.invalid'],
      ['retention.approve', { batchId: 424242 }, 'retention.batchNotFound'],
      ['retention.cancel', { batchId: 424242, reason: REASON }, 'retention.batchNotFound'],
      ['retention.placeHold', { participantId: 999_999, reason: 'Een reden van voldoende lengte', untilDate: null }, 'dossier.notFound'],
      ['retention.placeHold', { participantId: a.participantId, reason: 'Een reden van voldoende lengte', untilDate: '2026-03-01' }, 'retention.holdUntilPast'],
      ['retention.placeHold', { participantId: a.participantId, reason: 'Een reden van voldoende lengte', untilDate: '2026-02-30' }, 'input.invalid'],
      ['retention.liftHold', { holdId: 424242, reason: 'Een reden van voldoende lengte' }, 'retention.holdNotFound'],
      ['retention.list', { withinWeeks: -1 }, 'input.invalid'],
      ['retention.list', { withinWeeks: 'veel' }, 'input.invalid'],
      ['retention.term', { participantId: 999_999 }, 'dossier.notFound'],
    ];
    for (const [name, input, code] of refused) {
      const r = await w.officer.raw(name, input);
      expect(r.ok ? 'ok' : r.error.code, `${name} ${JSON.stringify(input)}`).toBe(code);
    }
    for (const name of ['retention.list', 'retention.propose', 'retention.placeHold', 'retention.approve']) {
      const r = await w.consultant.raw(name, { participantIds: [a.participantId], participantId: a.participantId, reason: REASON, batchId: 1, untilDate: null });
      expect(r.ok ? 'ok' : r.error.code, name).toBe('auth.forbidden');
    }
    expect(await codeOf(w.consultant.call('retention.list', {}))).toBe('auth.forbidden');
    expect(await codeOf(w.vault.admin.call('retention.list', {}))).toBe('auth.forbidden');
    expect(retentionCounts(w.vault)).toEqual(before);
  });

  it('R45 R26 a dossier shielded as a whole from the privacy officer is not in their list, term, holds or batches, and cannot be proposed by them', async () => {
    const a = await due();
    const hidden = await dueAndShieldedFromOfficer();
    await w.board.call('retention.placeHold', { participantId: hidden.participantId, reason: 'Bewaren voor een lopende klacht', untilDate: null });
    const batch = await w.officer2.call('retention.propose', { participantIds: [a.participantId], reason: REASON });
    expect((await w.officer.call('retention.list', {})).rows.map((r) => r.participantId)).toEqual([a.participantId]);
    expect((await w.officer2.call('retention.list', {})).rows.map((r) => r.participantId)).toEqual([a.participantId, hidden.participantId]);
    expect(await codeOf(w.officer.call('retention.term', { participantId: hidden.participantId }))).toBe('dossier.notFound');
    expect(await codeOf(w.officer.call('retention.placeHold', { participantId: hidden.participantId, reason: 'Een reden van voldoende lengte', untilDate: null }))).toBe('dossier.notFound');
    expect(await codeOf(w.officer.call('retention.propose', { participantIds: [hidden.participantId], reason: REASON }))).toBe('dossier.notFound');
    expect(await w.officer.call('retention.holds', {})).toEqual([]);
    // Its hold's id confirms nothing: the same answer as an id that does not exist.
    const [hiddenHold] = await w.officer2.call('retention.holds', { participantId: hidden.participantId });
    const answer = async (holdId: number) => { const r = await w.officer.raw('retention.liftHold', { holdId, reason: 'Een reden van voldoende lengte' }); return r.ok ? null : { code: r.error.code, message: r.error.message }; };
    expect(await answer(hiddenHold!.id)).toEqual(await answer(424_242));
    expect((await w.officer2.call('retention.holds', { participantId: hidden.participantId }))[0]!.active).toBe(true);
    expect((await w.officer.call('retention.batches', {})).map((b) => b.id)).toEqual([batch.id]);
    expect(JSON.stringify(await w.officer.call('retention.list', { withinWeeks: 520 }))).not.toContain(hidden.dossierNumber);
  });

  it('R45 R26 the approver must see every dossier of the batch: one shielded from them as a whole is for another approver', async () => {
    const a = await due();
    const hidden = await dueAndShieldedFromOfficer();
    const batch = await w.officer2.call('retention.propose', { participantIds: [a.participantId, hidden.participantId], reason: REASON });
    expect(await codeOf(w.officer.call('retention.approve', { batchId: batch.id }))).toBe('retention.batchNotVisible');
    expect((await w.officer2.call('retention.batches', {})).find((b) => b.id === batch.id)!.status).toBe('proposed');
    expect((await w.board.call('retention.approve', { batchId: batch.id })).status).toBe('approved');
  });
});
