import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { correctie, verify, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('correction (R23, R24)', () => {
  it('R23 a granted correction changes the field through the dossier service, with its history kept', async () => {
    w = await world();
    const { request, changes } = await w.admin.call('requests.intake', correctie(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    await w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted', changeDecisions: [{ changeId: changes[0]!.id, accepted: true }] });
    const done = await w.admin.call('requests.carryOut', { requestId: request.id });
    expect(done.changes[0]).toMatchObject({ accepted: true, appliedAt: expect.any(String), current: 'Magazijnmedewerker 2012-2020' });
    const dossier = await w.consultant.call('dossiers.get', { participantId: w.participantId });
    expect(dossier.participant.workHistory).toBe('Magazijnmedewerker 2012-2020');
    const history = await w.consultant.call('dossiers.history', { participantId: w.participantId });
    expect(history.filter((h) => h.what === 'field')).toEqual([expect.objectContaining({ field: 'workHistory', oldValue: 'Magazijnmedewerker 2010-2020', newValue: 'Magazijnmedewerker 2012-2020', reason: expect.stringContaining(`Verzoek ${request.id}`) })]);
  });

  it('R23 a corrected entry keeps its earlier text in the entry history', async () => {
    w = await world();
    const { request, changes } = await w.admin.call('requests.intake', {
      ...correctie(w.participantId), changes: [{ target: 'entry', entryId: w.entryId, proposedTitle: null, proposedValue: 'Werkgever J. Jansen vertelt over de planning.', ground: 'incorrect' }],
    });
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    await w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted', changeDecisions: [{ changeId: changes[0]!.id, accepted: true }] });
    await w.admin.call('requests.carryOut', { requestId: request.id });
    const dossier = await w.consultant.call('dossiers.get', { participantId: w.participantId });
    expect(dossier.entries[0]).toMatchObject({ body: 'Werkgever J. Jansen vertelt over de planning.', edited: true });
    const history = await w.consultant.call('dossiers.history', { participantId: w.participantId });
    expect(history.filter((h) => h.what === 'entry')).toEqual([expect.objectContaining({ what: 'entry', entryId: w.entryId, oldValue: 'Werkgever J. Jansen vertelt over verzuim.' })]);
  });

  it('R23 the outcome must match the decision per change, and every change needs a decision', async () => {
    w = await world();
    const { request, changes } = await w.admin.call('requests.intake', {
      ...correctie(w.participantId),
      changes: [...correctie(w.participantId).changes, { target: 'field', field: 'city', proposedValue: 'Zeist', ground: 'incorrect' }],
    });
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const [a, b] = changes.map((c) => c.id);
    await expect(w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted', changeDecisions: [{ changeId: a!, accepted: true }] }))
      .rejects.toMatchObject({ code: 'request.changeDecisionsIncomplete' });
    await expect(w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted', changeDecisions: [{ changeId: a!, accepted: true }, { changeId: b!, accepted: false }] }))
      .rejects.toMatchObject({ code: 'request.outcomeMismatch' });
    const d = await w.admin.call('requests.decide', { requestId: request.id, outcome: 'partlyGranted', reasons: 'De woonplaats klopt volgens de BRP-gegevens', changeDecisions: [{ changeId: a!, accepted: true }, { changeId: b!, accepted: false }] });
    expect(d.changes.map((c) => c.accepted)).toEqual([true, false]);
    const letter = await w.admin.call('requests.letter', { requestId: request.id, kind: 'decision' });
    expect(letter.body).toContain('werkervaring: Magazijnmedewerker 2012-2020');
    expect(letter.body).toContain('eigen verklaring');
  });
});
