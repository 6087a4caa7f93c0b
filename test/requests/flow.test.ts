import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { inzage, snapshot, verify, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('request flow (R20–R22, R32, R33, R35)', () => {
  it('R20 R33 no dossier content is reachable in the request flow before identity is verified', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', {
      ...inzage(w.participantId), type: 'correctie',
      changes: [{ target: 'entry', entryId: w.entryId, proposedValue: 'Werkgever vertelt over de planning.', proposedTitle: null, ground: 'incorrect' }],
    });
    const id = request.id;
    await expect(w.admin.call('requests.content', { requestId: id })).rejects.toMatchObject({ code: 'request.identityNotVerified' });
    await expect(w.admin.call('requests.recipientsToNotify', { requestId: id })).rejects.toMatchObject({ code: 'request.identityNotVerified' });
    await expect(w.admin.call('requests.decide', { requestId: id, outcome: 'granted', changeDecisions: [] })).rejects.toMatchObject({ code: 'request.identityNotVerified' });
    const before = await w.admin.call('requests.get', { requestId: id });
    expect(before.changes[0]?.current).toBeNull();
    const letter = await w.admin.call('requests.letter', { requestId: id, kind: 'acknowledgement' });
    expect(letter.body).not.toContain('Proefstraat');
    expect(JSON.stringify(before)).not.toContain('verzuim');

    await w.admin.call('requests.verifyIdentity', verify(id));
    const after = await w.admin.call('requests.get', { requestId: id });
    expect(after.changes[0]?.current).toContain('verzuim');
    expect((await w.admin.call('requests.content', { requestId: id })).dossier.entries.map((e) => e.id)).toEqual([w.entryId]);
  });

  it('R20 R33 an inzage on behalf of a representative records name, relation and how identity was verified', async () => {
    w = await world();
    const bad = await w.admin.raw('requests.intake', { ...inzage(w.participantId), requester: { kind: 'representative', name: 'Mr. K. Curator' } });
    expect(bad.ok ? null : bad.error.code).toBe('input.invalid');
    const { request } = await w.admin.call('requests.intake', { ...inzage(w.participantId), channel: 'oral', requester: { kind: 'representative', name: 'K. Curator', relation: 'curator' } });
    const d = await w.admin.call('requests.verifyIdentity', { ...verify(request.id), method: 'idDocumentCopy', checkedAgainst: 'Kopie ID curator en beschikking kantonrechter' });
    expect(d.request).toMatchObject({ representativeName: 'K. Curator', representativeRelation: 'curator', channel: 'oral', status: 'identityVerified', identityMethod: 'idDocumentCopy', identityVerifiedBy: 'administration', identityVerifiedOn: '2026-04-23' });
    expect(d.request.identityCheckedAgainst).toContain('kantonrechter');
  });

  it('R23 a refusal without reasons is rejected and changes nothing', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const before = snapshot(w.vault);
    await expect(w.admin.call('requests.decide', { requestId: request.id, outcome: 'refused' })).rejects.toMatchObject({ code: 'request.reasonsRequired' });
    await expect(w.admin.call('requests.decide', { requestId: request.id, outcome: 'partlyGranted', reasons: 'nee' })).rejects.toMatchObject({ code: 'request.reasonsRequired' });
    expect(snapshot(w.vault)).toBe(before);
  });

  it('R32 an exception without a board decision is rejected; with the board\'s decision on an FT 4.4f ground it is recorded', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const refusal = { requestId: request.id, outcome: 'refused' as const, reasons: 'Lopend strafrechtelijk onderzoek naar de werkgever', exception: true };
    await expect(w.admin.call('requests.decide', refusal)).rejects.toMatchObject({ code: 'request.boardDecisionRequired' });
    // Only the board records the decision, and only on a listed ground.
    await expect(w.admin.call('requests.boardDecision', { requestId: request.id, ground: 'crimePrevention', decision: 'Uitzondering op inzage gedurende het onderzoek', decidedOn: '2026-04-23' }))
      .rejects.toMatchObject({ code: 'auth.forbidden' });
    const board = await w.vault.as('board');
    const wrong = await board.raw('requests.boardDecision', { requestId: request.id, ground: 'omdat het zo uitkomt', decision: 'Uitzondering op inzage gedurende het onderzoek', decidedOn: '2026-04-23' });
    expect(wrong.ok ? null : wrong.error.code).toBe('input.invalid');
    await board.call('requests.boardDecision', { requestId: request.id, ground: 'crimePrevention', decision: 'Uitzondering op inzage gedurende het onderzoek', decidedOn: '2026-04-23' });
    const d = await w.admin.call('requests.decide', refusal);
    expect(d.request).toMatchObject({ status: 'decided', outcome: 'refused', exception: true });
    expect(d.boardDecisions).toEqual([expect.objectContaining({ ground: 'crimePrevention', decidedBy: 'board' })]);
    const letter = await w.admin.call('requests.letter', { requestId: request.id, kind: 'decision' });
    expect(letter.body).toContain('strafbare feiten');
    expect(letter.body).toContain('Autoriteit Persoonsgegevens');
  });

  it('R20 invalid transitions are refused: nothing is carried out or closed before a decision', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await expect(w.admin.call('requests.carryOut', { requestId: request.id })).rejects.toMatchObject({ code: 'request.invalidTransition' });
    await expect(w.admin.call('requests.close', { requestId: request.id })).rejects.toMatchObject({ code: 'request.invalidTransition' });
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    await expect(w.admin.call('requests.verifyIdentity', verify(request.id))).rejects.toMatchObject({ code: 'request.invalidTransition' });
    await w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted' });
    await expect(w.admin.call('requests.extend', { requestId: request.id, reason: 'Meer tijd nodig voor het afschrift', noticeOn: '2026-04-23', extendedTo: '2026-05-20' }))
      .rejects.toMatchObject({ code: 'request.invalidTransition' });
    await w.admin.call('requests.carryOut', { requestId: request.id, note: 'Dossier ingezien aan de balie' });
    const closed = await w.admin.call('requests.close', { requestId: request.id });
    expect(closed.request.status).toBe('closed');
    expect(closed.actions).toEqual([]);
  });

  it('R22 a third party is asked first; an objection shields those parts from the copy, and a pending answer blocks the decision', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', { ...inzage(w.participantId), type: 'afschrift' });
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    const asked = await w.admin.call('requests.consult', { requestId: request.id, thirdParty: 'J. Jansen (werkgever)', targets: [{ kind: 'entry', entryId: w.entryId }], askedOn: '2026-04-23' });
    expect(asked.request.status).toBe('thirdPartiesConsulted');
    await expect(w.admin.call('requests.decide', { requestId: request.id, outcome: 'granted' })).rejects.toMatchObject({ code: 'request.consultationPending' });
    await w.admin.call('requests.answerConsultation', { consultationId: asked.consultations[0]!.id, answer: 'objected', answeredOn: '2026-04-23', withhold: true, note: 'Wil niet dat zijn verklaring wordt gedeeld' });
    const copy = await w.admin.call('requests.content', { requestId: request.id });
    expect(copy.dossier.entries).toEqual([]);
    expect(copy.withheld).toEqual([{ kind: 'entry', entryId: w.entryId }]);
    const d = await w.admin.call('requests.decide', { requestId: request.id, outcome: 'partlyGranted', reasons: 'Een gespreksverslag met gegevens van een derde is afgeschermd' });
    expect(d.request.outcome).toBe('partlyGranted');
  });

  it('R22 only inzage and afschrift consult third parties', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', { ...inzage(w.participantId), type: 'verwijdering' });
    await w.admin.call('requests.verifyIdentity', verify(request.id));
    await expect(w.admin.call('requests.consult', { requestId: request.id, thirdParty: 'J. Jansen', targets: [{ kind: 'dossier' }], askedOn: '2026-04-23' }))
      .rejects.toMatchObject({ code: 'request.consultationNotApplicable' });
  });

  it('R35 a complaint is registered and its acknowledgement points to the Autoriteit Persoonsgegevens', async () => {
    w = await world();
    const { request } = await w.admin.call('requests.intake', { ...inzage(w.participantId), type: 'klacht', channel: 'inPerson', description: 'Klacht over de behandeling van mijn inzageverzoek' });
    const letter = await w.admin.call('requests.letter', { requestId: request.id, kind: 'acknowledgement' });
    expect(letter.subject).toContain('klacht');
    expect(letter.body).toContain('Autoriteit Persoonsgegevens');
    expect(letter.body).toContain('Postbus 93374');
    expect(letter.body).toContain('interne klachtenprocedure');
  });

  it('R23 a correction request is made in writing and names what must change', async () => {
    w = await world();
    const base = { ...inzage(w.participantId), type: 'correctie' as const };
    await expect(w.admin.call('requests.intake', base)).rejects.toMatchObject({ code: 'request.changesRequired' });
    await expect(w.admin.call('requests.intake', { ...base, channel: 'oral', changes: [{ target: 'field', field: 'city', proposedValue: 'Zeist', ground: 'incorrect' }] }))
      .rejects.toMatchObject({ code: 'request.correctionInWriting' });
    await expect(w.admin.call('requests.intake', { ...base, changes: [{ target: 'field', field: 'postcode', proposedValue: 'geen postcode', ground: 'incorrect' }] }))
      .rejects.toMatchObject({ code: 'request.invalidValue' });
  });

  it('R50 the policy profile is read and changed only by the privacy officer (issue 12: not the technical administrator)', async () => {
    w = await world();
    await expect(w.admin.call('policy.get', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(w.vault.admin.call('policy.get', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
    const privacy = await w.vault.as('privacyOfficer');
    const current = await privacy.call('policy.get', {});
    expect(current).toMatchObject({ preset: 'factor-twee', customised: false });
    const profile = { ...current.profile, terms: { ...current.profile.terms, inzage: { unit: 'workingDays' as const, amount: 3 } } };
    const saved = await privacy.call('policy.update', { profile });
    expect(saved.customised).toBe(true);
    const d = await w.admin.call('requests.intake', inzage(w.participantId));
    expect(d.request.dueOn).toBe('2026-04-29'); // Fri 24, Tue 28, Wed 29 (King's Day skipped)
  });
});

describe('request handlers (R35)', () => {
  it('R35 a request can be handed to any active user whose role handles requests, and to no one else', async () => {
    w = await world();
    const officer = await w.vault.as('privacyOfficer');
    await w.vault.as('board');
    const handlers = await w.admin.call('requests.handlers', {});
    expect(handlers.map((h) => h.displayName).sort()).toEqual(['administration', 'privacyofficer']);
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    const officerId = handlers.find((h) => h.displayName === 'privacyofficer')!.userId;
    const moved = await officer.call('requests.assign', { requestId: request.id, handlerId: officerId });
    expect(moved.request).toMatchObject({ handlerId: officerId, handlerName: 'privacyofficer' });
    const consultantId = (await w.vault.admin.call('users.list', {})).find((u) => u.role === 'consultant')!.id;
    await expect(w.admin.call('requests.assign', { requestId: request.id, handlerId: consultantId })).rejects.toMatchObject({ code: 'request.handlerInvalid' });
    await expect(w.consultant.call('requests.handlers', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});
