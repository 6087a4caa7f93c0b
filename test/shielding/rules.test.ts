// R26, R22, R01, R04: the rules around shields — search and counts, history, break-the-glass,
// role grants, lifting, the afscherming request, bad input — on a real vault.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { CANARY, shieldFor, shieldWorld, TODAY, type ShieldWorld } from './support.ts';

let w: ShieldWorld | undefined;
afterEach(() => { if (w) removeVault(w.vault); w = undefined; });

const userId = (c: { state: { session: { userId: number } | null } }) => c.state.session!.userId;
const tableHash = (w: ShieldWorld) => {
  const sqlite = w.vault.admin.state.handle!.sqlite;
  const h = createHash('sha256');
  for (const t of ['shields', 'shield_audiences', 'participants', 'entries']) h.update(JSON.stringify(sqlite.prepare(`SELECT * FROM ${t}`).all()));
  return h.digest('hex');
};

describe('shielding', () => {
  it('R26 a dossier shielded as a whole is not found by the named colleague by name, prefix, dossier number or birth date, and counts leave it out', async () => {
    w = await shieldWorld('dossier');
    const list = (query?: string) => w!.colleague.call('dossiers.list', { ...(query === undefined ? {} : { query }), scope: 'caseload', offset: 0, limit: 50 });
    expect((await list()).total).toBe(1);
    expect((await list(CANARY.slice(0, 3))).total).toBe(1);
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.colleague) }]));
    for (const q of [undefined, CANARY, CANARY.slice(0, 1), CANARY.slice(0, 3), 'Fenna', w.dossierNumber, '12-04-1990', '1990-04-12']) {
      const r = await list(q);
      expect(r.total, String(q)).toBe(0);
      expect(r.rows).toEqual([]);
    }
    // Outside the caseload too: an exact dossier number does not even say "needs a reason".
    const outsider = await w.outsider.call('dossiers.list', { query: w.dossierNumber, scope: 'caseload', offset: 0, limit: 50 });
    expect(outsider.total).toBe(1);
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.outsider) }]));
    expect((await w.outsider.call('dossiers.list', { query: w.dossierNumber, scope: 'caseload', offset: 0, limit: 50 })).total).toBe(0);
    // The owner still finds it.
    expect((await w.owner.call('dossiers.list', { query: CANARY.slice(0, 3), scope: 'caseload', offset: 0, limit: 50 })).total).toBe(1);
    // The administration, named in a shield, does not find it in "all" either: a named-person shield beats the role grant.
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.administration) }]));
    expect((await w.administration.call('dossiers.list', { query: CANARY.slice(0, 3), scope: 'all', offset: 0, limit: 50 })).total).toBe(0);
    expect((await w.administration.call('requests.list', { offset: 0, limit: 50 })).rows.some((r) => r.participantId === w!.participantId)).toBe(false);
    await expect(w.administration.call('requests.get', { requestId: w.requestId })).rejects.toMatchObject({ code: 'request.notFound' });
  });

  it('R26 the change history does not reveal earlier values of a shielded field', async () => {
    w = await shieldWorld('field');
    const before = await w.colleague.call('dossiers.history', { participantId: w.participantId });
    expect(before.some((h) => h.field === 'familySituation' && h.oldValue?.includes(CANARY))).toBe(true);
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.colleague) }]));
    const after = await w.colleague.call('dossiers.history', { participantId: w.participantId });
    expect(JSON.stringify(after)).not.toContain(CANARY);
    expect(JSON.stringify(await w.owner.call('dossiers.history', { participantId: w.participantId }))).toContain(`${CANARY}-oud`);
    // Nor can the colleague overwrite the field they cannot see.
    await expect(w.colleague.call('dossiers.update', { participantId: w.participantId, changes: { familySituation: 'Nieuw' }, reason: null })).rejects.toMatchObject({ code: 'target.notInDossier' });
  });

  it('R26 break-the-glass does not lift a shield: only lifting the shield does', async () => {
    w = await shieldWorld('entry');
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.outsider) }]));
    await w.outsider.call('access.breakGlass', { participantId: w.participantId, reason: 'Deelnemer belt, eigen consulent afwezig' });
    const view = await w.outsider.call('dossiers.get', { participantId: w.participantId });
    expect(view.access).toBe('breakGlass');
    expect(view.shieldNotice).toBe(true);
    expect(JSON.stringify(view)).not.toContain(CANARY);
    await expect(w.outsider.call('dossiers.updateEntry', { entryId: w.ids.entryId!, title: 'x', body: 'y' })).rejects.toMatchObject({ code: 'dossier.entryNotFound' });
  });

  it('R26 lifting needs a reason, is audited, and cannot be done by the person the shield is aimed at', async () => {
    w = await shieldWorld('entry');
    const shield = await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: userId(w.colleague) }]));
    expect(shield).toMatchObject({ status: 'active', requestedBy: 'participant', placedBy: 'Eva Eigenaar', audiences: [{ kind: 'user', name: 'Cor Collega' }] });
    // Those who may see the entry see it marked as shielded from others; the colleague does not get it at all.
    expect((await w.owner.call('dossiers.get', { participantId: w.participantId })).entries.find((e) => e.id === w!.ids.entryId)?.shielded).toBe(true);
    expect((await w.owner.call('dossiers.get', { participantId: w.participantId })).entries.find((e) => e.id === w!.ids.plainEntryId)?.shielded).toBeUndefined();
    // The colleague sees no shield aimed at them, and cannot lift it.
    expect(await w.colleague.call('shielding.list', { participantId: w.participantId })).toEqual([]);
    await expect(w.colleague.call('shielding.lift', { shieldId: shield.id, reason: 'Ik wil het toch kunnen zien' })).rejects.toMatchObject({ code: 'shield.notFound' });
    const hash = tableHash(w);
    await expect(w.owner.call('shielding.lift', { shieldId: shield.id, reason: 'kort' })).rejects.toMatchObject({ code: 'input.invalid' });
    expect(tableHash(w)).toBe(hash);
    expect(JSON.stringify(await w.colleague.call('dossiers.get', { participantId: w.participantId }))).not.toContain(CANARY);
    const lifted = await w.owner.call('shielding.lift', { shieldId: shield.id, reason: 'De deelnemer trok het verzoek in, telefonisch op 23-04' });
    expect(lifted).toMatchObject({ status: 'lifted', liftedBy: 'Eva Eigenaar', liftReason: 'De deelnemer trok het verzoek in, telefonisch op 23-04' });
    expect(JSON.stringify(await w.colleague.call('dossiers.get', { participantId: w.participantId }))).toContain(CANARY);
    await expect(w.owner.call('shielding.lift', { shieldId: shield.id, reason: 'Nog een keer opheffen' })).rejects.toMatchObject({ code: 'shield.notActive' });
    const audit = await w.privacyOfficer.call('audit.list', { participantId: w.participantId, offset: 0, limit: 200 });
    const place = audit.lines.find((l) => l.action === 'shielding.place')!;
    const lift = audit.lines.find((l) => l.action === 'shielding.lift')!;
    expect(place).toMatchObject({ outcome: 'ok', username: 'consulent.eigen', reason: 'De deelnemer vroeg dit in het gesprek van vandaag' });
    expect(JSON.parse(place.objects)).toMatchObject({ shieldId: shield.id, target: { kind: 'entry', entryId: w.ids.entryId } });
    expect(lift).toMatchObject({ outcome: 'ok', reason: 'De deelnemer trok het verzoek in, telefonisch op 23-04' });
    // The shield register keeps the lifted shield: it is the participant's own information.
    expect((await w.owner.call('shielding.list', { participantId: w.participantId }))[0]).toMatchObject({ id: shield.id, status: 'lifted' });
  });

  it('R26 a shield decided on an afscherming request is proposed until the decision, and the decision places it', async () => {
    w = await shieldWorld('document');
    const { request } = await w.administration.call('requests.intake', {
      participantId: w.participantId, type: 'afscherming', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Rapport niet zichtbaar voor consulent Cor', changes: [],
    });
    const place = { ...shieldFor(w, [{ kind: 'user' as const, userId: userId(w.colleague) }]), requestId: request.id };
    await expect(w.administration.call('shielding.place', place)).rejects.toMatchObject({ code: 'shield.requestInvalid' }); // identity first (R20, R33)
    await w.administration.call('requests.verifyIdentity', { requestId: request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
    await expect(w.administration.call('requests.decide', { requestId: request.id, outcome: 'granted', reasons: null, exception: false, changeDecisions: [] })).rejects.toMatchObject({ code: 'shield.noneProposed' });
    const proposed = await w.administration.call('shielding.place', place);
    expect(proposed).toMatchObject({ status: 'proposed', requestId: request.id, activatedAt: null });
    expect(JSON.stringify(await w.colleague.call('dossiers.get', { participantId: w.participantId }))).toContain(CANARY); // not yet in force
    await w.administration.call('requests.decide', { requestId: request.id, outcome: 'granted', reasons: null, exception: false, changeDecisions: [] });
    const list = await w.administration.call('shielding.list', { participantId: w.participantId });
    expect(list.find((s) => s.id === proposed.id)).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    expect(JSON.stringify(await w.colleague.call('dossiers.get', { participantId: w.participantId }))).not.toContain(CANARY);
  });

  it('R26 a refused afscherming request places nothing', async () => {
    w = await shieldWorld('entry');
    const { request } = await w.administration.call('requests.intake', {
      participantId: w.participantId, type: 'afscherming', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Verslag afschermen', changes: [],
    });
    await w.administration.call('requests.verifyIdentity', { requestId: request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
    const proposed = await w.administration.call('shielding.place', { ...shieldFor(w, [{ kind: 'user', userId: userId(w.colleague) }]), requestId: request.id });
    await w.administration.call('requests.decide', { requestId: request.id, outcome: 'refused', reasons: 'Het verslag is nodig voor de wettelijke taak van de consulent', exception: false, changeDecisions: [] });
    expect((await w.administration.call('shielding.list', { participantId: w.participantId })).find((s) => s.id === proposed.id)).toMatchObject({ status: 'refused' });
    expect(JSON.stringify(await w.colleague.call('dossiers.get', { participantId: w.participantId }))).toContain(CANARY);
  });

  it('R26 bad input to shielding changes nothing and gets a clear error', async () => {
    w = await shieldWorld('entry');
    const other = await w.owner.call('dossiers.create', { ...(await import('../support/vault.ts')).aParticipant({ lastName: 'Anders' }) });
    const otherEntry = await w.owner.call('dossiers.addEntry', { participantId: other.participantId, trajectoryId: null, kind: 'note', entryDate: TODAY, title: 'Ander', body: 'Ander dossier' });
    const hash = tableHash(w);
    const base = shieldFor(w, [{ kind: 'user', userId: userId(w.colleague) }]);
    const refusals: [unknown, string][] = [
      [{ ...base, target: { kind: 'entry', entryId: otherEntry.id } }, 'target.notInDossier'],
      [{ ...base, target: { kind: 'document', documentId: 999 } }, 'target.notInDossier'],
      [{ ...base, audiences: [{ kind: 'user', userId: 999 }] }, 'shield.audienceInvalid'],
      [{ ...base, audiences: [{ kind: 'recipient', recipientId: 999 }] }, 'shield.audienceInvalid'],
      [{ ...base, audiences: [{ kind: 'user', userId: userId(w.owner) }] }, 'shield.audienceSelf'],
      [{ ...base, audiences: [] }, 'input.invalid'],
      [{ ...base, reason: 'te kort' }, 'input.invalid'],
      [{ ...base, requestedBy: 'representative' }, 'shield.representativeRequired'],
      [{ ...base, target: { kind: 'field', field: 'bestaatNiet' } }, 'input.invalid'],
      [{ ...base, requestId: w.requestId }, 'shield.requestInvalid'], // an inzage request, not afscherming
    ];
    for (const [input, code] of refusals) {
      const r = await w.owner.raw('shielding.place', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
    }
    // Break-the-glass gives no right to manage shields; the board has none at all.
    await w.outsider.call('access.breakGlass', { participantId: w.participantId, reason: 'Deelnemer belt, eigen consulent afwezig' });
    expect(await w.outsider.raw('shielding.place', base)).toMatchObject({ ok: false, error: { code: 'shield.needsBasis' } });
    expect(await w.board.raw('shielding.list', { participantId: w.participantId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(tableHash(w)).toBe(hash);
  });
});

describe('special categories and caseload changes', () => {
  it('R01 medical data and disability are shown only to the caseload, and to a handler within a verified inzage request', async () => {
    w = await shieldWorld('entry');
    const MEDICAL = 'Hernia3Xq';
    await w.owner.call('dossiers.update', { participantId: w.participantId, changes: { medicalNotes: `Rugklachten ${MEDICAL}`, disability: 'Slechthorend' }, reason: null });
    expect((await w.owner.call('dossiers.get', { participantId: w.participantId })).participant.medicalNotes).toContain(MEDICAL);
    const admin = await w.administration.call('dossiers.get', { participantId: w.participantId });
    expect(admin.participant.medicalNotes).toBeNull();
    expect(admin.participant.disability).toBeNull();
    expect(admin.specialHidden).toBe(true);
    expect(JSON.stringify(await w.administration.call('dossiers.history', { participantId: w.participantId }))).not.toContain(MEDICAL);
    await w.outsider.call('access.breakGlass', { participantId: w.participantId, reason: 'Deelnemer belt, eigen consulent afwezig' });
    expect((await w.outsider.call('dossiers.get', { participantId: w.participantId })).participant.medicalNotes).toBeNull();
    // Within the verified inzage request, the copy holds the participant's own medical data.
    expect((await w.administration.call('requests.content', { requestId: w.requestId })).dossier.participant.medicalNotes).toContain(MEDICAL);
    // The administration cannot overwrite what it cannot see.
    await expect(w.administration.call('dossiers.update', { participantId: w.participantId, changes: { medicalNotes: 'Weg' }, reason: null })).rejects.toMatchObject({ code: 'target.notInDossier' });
  });

  it('R04 R06 break-the-glass gives no right to change the caseload, and caseload changes outside the administration are in the access review', async () => {
    w = await shieldWorld('entry');
    await w.outsider.call('access.breakGlass', { participantId: w.participantId, reason: 'Deelnemer belt, eigen consulent afwezig' });
    await expect(w.outsider.call('dossiers.assign', { participantId: w.participantId, userId: userId(w.outsider) })).rejects.toMatchObject({ code: 'access.caseloadNeedsBasis' });
    await expect(w.outsider.call('dossiers.unassign', { participantId: w.participantId, userId: userId(w.owner) })).rejects.toMatchObject({ code: 'access.caseloadNeedsBasis' });
    const review = await w.privacyOfficer.call('audit.accessReview', { month: TODAY.slice(0, 7) });
    // The owner's assignment of the colleague (in the set-up) is flagged; the administration's would not be.
    expect(review.some((l) => l.action === 'dossiers.assign' && l.username === 'consulent.eigen' && l.flagged)).toBe(true);
    await w.administration.call('dossiers.assign', { participantId: w.participantId, userId: userId(w.outsider) });
    const again = await w.privacyOfficer.call('audit.accessReview', { month: TODAY.slice(0, 7) });
    expect(again.some((l) => l.action === 'dossiers.assign' && l.username === 'administration')).toBe(false);
  });

  it('R04 the board reads no dossier content through request letters or request details', async () => {
    w = await shieldWorld('entry');
    const { request } = await w.administration.call('requests.intake', {
      participantId: w.participantId, type: 'correctie', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Telefoonnummer klopt niet',
      changes: [{ target: 'field', field: 'phone', proposedValue: '0687654321', ground: 'incorrect' }],
    });
    await w.administration.call('requests.verifyIdentity', { requestId: request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
    await expect(w.board.call('requests.letter', { requestId: request.id, kind: 'acknowledgement' })).rejects.toMatchObject({ code: 'access.denied' });
    const detail = await w.board.call('requests.get', { requestId: request.id });
    expect(JSON.stringify(detail)).not.toContain('0687654321');
    expect(JSON.stringify(detail)).not.toContain('Proefstraat');
    expect((await w.administration.call('requests.get', { requestId: request.id })).changes[0]).toMatchObject({ proposedValue: '06 87654321'.replace(' ', ''), current: '0612345678' });
  });

  it('R04 ids confirm nothing: a dossier outside the caseload and one that does not exist get the same answer, and so does another participant\'s mandate', async () => {
    w = await shieldWorld('entry');
    const words = (r: Awaited<ReturnType<ShieldWorld['outsider']['raw']>>) => (r.ok ? null : { code: r.error.code, message: r.error.message });
    const existing = await w.outsider.raw('dossiers.get', { participantId: w.participantId });
    const missing = await w.outsider.raw('dossiers.get', { participantId: 987_654 });
    expect(words(existing)).toEqual(words(missing));
    expect(words(missing)?.code).toBe('access.denied');
    // The board, which may not break the glass, hears the same for both too.
    expect(words(await w.board.raw('dossiers.history', { participantId: w.participantId }))).toEqual(words(await w.board.raw('dossiers.history', { participantId: 987_654 })));
    // A mandate of another participant is named as one that does not exist.
    const own = await w.outsider.call('dossiers.create', (await import('../support/vault.ts')).aParticipant({ lastName: 'Eigen' }));
    const recipient = w.other.id;
    const foreign = await w.owner.call('mandates.record', {
      participantId: w.participantId, direction: 'shareWith', recipientId: recipient, purpose: 'reintegration', categories: ['work'],
      validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: w.ids.documentId! },
    });
    const check = (mandateId: number) => w!.outsider.call('disclosures.check', {
      participantId: own.participantId, recipientId: recipient, disclosedOn: TODAY, purpose: 'reintegration', channel: 'secureEmail',
      items: { fields: ['workHistory'] }, basis: { kind: 'mandate', mandateId },
    });
    const a = await check(foreign.id);
    const b = await check(987_654);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ allowed: false, code: 'mandate.notFound' });
  });
});
