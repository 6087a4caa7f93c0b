import { afterEach, describe, expect, it } from 'vitest';
import { aParticipant, removeVault } from '../support/vault.ts';
import { mandate, snapshot, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('recipient register and mandates (R10, R11, R15, R17)', () => {
  it('R15 recipients are kept in a register with the written agreement; only administration and the privacy officer keep it', async () => {
    w = await world();
    const r = await w.administration.call('recipients.create', {
      name: 'Zorggroep Noord', kind: 'careProvider', contactPerson: 'M. de Vries', email: 'Privacy@Zorggroep.example', agreementReference: 'VWO-2025-17', agreementDate: '2025-06-01', agreementNote: 'Verwerkersovereenkomst',
    });
    expect(r).toMatchObject({ kind: 'careProvider', email: 'privacy@zorggroep.example', agreement: { reference: 'VWO-2025-17', date: '2025-06-01', note: 'Verwerkersovereenkomst' }, active: true });
    await expect(w.administration.call('recipients.create', { name: 'Half', kind: 'other', agreementReference: 'X-1' })).rejects.toMatchObject({ code: 'recipient.agreementIncomplete' });
    await expect(w.consultant.call('recipients.create', { name: 'Eigen lijstje', kind: 'other' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    const updated = await w.privacyOfficer.call('recipients.update', { recipientId: r.id, contactPerson: 'J. Bakker', active: false });
    expect(updated).toMatchObject({ contactPerson: 'J. Bakker', agreement: { reference: 'VWO-2025-17' }, active: false });
    const names = (await w.consultant.call('recipients.list', {})).map((x) => x.name);
    expect(names).toEqual(['Bakkerij De Korenschoof', 'Gemeente Utrecht', 'UWV Utrecht']);
    expect((await w.consultant.call('recipients.list', { includeInactive: true })).map((x) => x.name)).toContain('Zorggroep Noord');
    await expect(w.consultant.call('mandates.record', mandate(w, { recipientId: r.id }))).rejects.toMatchObject({ code: 'recipient.inactive' });
  });

  it('R10 a mandate given on a signed form names a document of this dossier', async () => {
    w = await world();
    const other = await w.consultant.call('dossiers.create', aParticipant({ firstName: 'Ander' }));
    const foreign = await w.consultant.call('dossiers.uploadDocument', { participantId: other.participantId, kind: 'other', fileName: 'x.pdf', mimeType: 'application/pdf', contentBase64: 'JVBERg==' });
    await expect(w.consultant.call('mandates.record', mandate(w, { given: { how: 'signedForm', documentId: foreign.id } }))).rejects.toMatchObject({ code: 'mandate.documentRequired' });
    const m = await w.consultant.call('mandates.record', mandate(w, { purposeNote: 'Rapportage voortgang' }));
    expect(m).toMatchObject({ documentId: w.formId, recordedBy: 'consultant', state: 'active', daysLeft: 252, categories: ['work', 'trajectory'] });
    expect(await w.consultant.call('mandates.list', { participantId: w.participantId })).toEqual([m]);
  });

  it('R10 oral consent is refused unless the policy profile allows it, and then needs a note of how it was given', async () => {
    w = await world();
    const before = snapshot(w.vault);
    await expect(w.consultant.call('mandates.record', mandate(w, { given: { how: 'oral', note: 'Mondeling akkoord in gesprek van 20 april' } })))
      .rejects.toMatchObject({ code: 'mandate.oralNotAllowed', error: { message: expect.stringContaining('ondertekende machtiging') } });
    expect(snapshot(w.vault)).toBe(before);
    const { profile } = await w.privacyOfficer.call('policy.get', {});
    await w.privacyOfficer.call('policy.update', { profile: { ...profile, consent: { ...profile.consent, oralConsentAllowed: true } } });
    await expect(w.consultant.call('mandates.record', mandate(w, { given: { how: 'oral', note: 'ja' } }))).rejects.toMatchObject({ code: 'mandate.oralNoteRequired' });
    const m = await w.consultant.call('mandates.record', mandate(w, { given: { how: 'oral', note: 'Mondeling akkoord in gesprek van 20 april' } }));
    expect(m).toMatchObject({ givenHow: 'oral', documentId: null, oralNote: 'Mondeling akkoord in gesprek van 20 april' });
  });

  it('R10 a mandate ending before it starts is refused', async () => {
    w = await world();
    await expect(w.consultant.call('mandates.record', mandate(w, { validFrom: '2026-05-01', validUntil: '2026-04-30' }))).rejects.toMatchObject({ code: 'mandate.periodInvalid' });
  });

  it('R17 the overview lists active, expiring within 30 days and withdrawn mandates organisation-wide', async () => {
    w = await world();
    const long = await w.consultant.call('mandates.record', mandate(w));
    const soon = await w.consultant.call('mandates.record', mandate(w, { recipientId: w.employer, validUntil: '2026-05-20' }));
    const gone = await w.consultant.call('mandates.record', mandate(w, { recipientId: w.municipality, validUntil: null }));
    await w.consultant.call('mandates.withdraw', { mandateId: gone.id, withdrawnOn: '2026-04-22', how: 'letter', note: null });
    await expect(w.consultant.call('mandates.withdraw', { mandateId: long.id, withdrawnOn: '2026-04-24', how: 'letter' })).rejects.toMatchObject({ code: 'date.inFuture' });
    const o = await w.privacyOfficer.call('mandates.overview', {});
    expect(o.active.map((m) => m.id)).toEqual([soon.id, long.id]);
    expect(o.expiring.map((m) => [m.id, m.daysLeft])).toEqual([[soon.id, 27]]);
    expect(o.withdrawn.map((m) => [m.id, m.withdrawnOn, m.participantName])).toEqual([[gone.id, '2026-04-22', 'Fenna van der Testenburg']]);
    await expect(w.consultant.call('mandates.overview', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});
