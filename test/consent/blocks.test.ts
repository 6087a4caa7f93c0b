import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { disclosure, mandate, snapshot, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('what a disclosure may never include (R03, R27, R30)', () => {
  it('R03 secret contact fields never appear in a disclosure', async () => {
    w = await world('2026-04-23', { phoneSecret: true });
    await w.consultant.call('mandates.record', mandate(w, { categories: ['contact', 'work', 'trajectory'] }));
    const before = snapshot(w.vault);
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['workHistory', 'phone'] } }))).rejects.toMatchObject({
      code: 'disclosure.secretField', error: { message: expect.stringContaining('telefoonnummer geheim') },
    });
    // Even as a legal duty or an exception the secret field does not go out.
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['phone'] }, basis: { kind: 'legalDuty', duty: 'Art. 30c Wet SUWI' } })))
      .rejects.toMatchObject({ code: 'disclosure.secretField' });
    expect(snapshot(w.vault)).toBe(before);
    // The e-mail address is not secret and may go; a field marked secret later is left out of what the recipient gets.
    const d = await w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['email', 'workHistory'] } }));
    await w.consultant.call('dossiers.update', { participantId: w.participantId, changes: { emailSecret: true }, reason: 'Deelnemer wil e-mail geheim houden' });
    const pkg = await w.consultant.call('disclosures.package', { disclosureId: d.id });
    expect(pkg.fields).toEqual([{ field: 'workHistory', category: 'work', value: 'Magazijnmedewerker 2010-2020' }]);
    expect(pkg.withheld).toEqual([{ kind: 'field', ref: 'email', reason: 'secret' }]);
    expect(JSON.stringify(pkg)).not.toContain('fenna@example.nl');
    expect(JSON.stringify(pkg)).not.toContain('0612345678');
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['email'] } }))).rejects.toMatchObject({ code: 'disclosure.secretField' });
  });

  it('R27 an objection is due in 10 working days; once upheld the objected recipient is blocked, others are not', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    await w.consultant.call('mandates.record', mandate(w, { recipientId: w.employer }));
    const o = await w.administration.call('objections.record', {
      participantId: w.participantId, recipientIds: [w.employer], receivedOn: '2026-04-23',
      circumstances: 'Mijn werkgever is familie; gegevens over mijn traject geven spanningen thuis.',
    });
    // Thursday 23 April 2026 + 10 working days, skipping Koningsdag (27 April) and the weekends: 8 May (Bevrijdingsdag is no holiday in 2026 under this profile).
    expect(o).toMatchObject({ status: 'pending', dueOn: '2026-05-08', policyName: 'Factor Twee', recipients: [{ recipientId: w.employer, name: 'Bakkerij De Korenschoof' }] });
    // While the objection is pending the mandate still counts.
    await w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer }));
    await expect(w.administration.call('objections.decide', { objectionId: o.id, outcome: 'upheld', reasons: 'kort', decidedOn: '2026-04-23' })).rejects.toMatchObject({ code: 'objection.reasonsRequired' });
    const decided = await w.administration.call('objections.decide', { objectionId: o.id, outcome: 'upheld', reasons: 'Bijzondere persoonlijke omstandigheden aannemelijk gemaakt.', decidedOn: '2026-04-23' });
    expect(decided).toMatchObject({ status: 'upheld', decidedBy: 'administration', overdue: false });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer }))).rejects.toMatchObject({
      code: 'disclosure.recipientObjected', error: { message: expect.stringContaining('verzet aangetekend tegen verstrekking aan Bakkerij De Korenschoof') },
    });
    // A legal duty or an exception does not lift the participant's upheld objection in this register either.
    await expect(w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer, basis: { kind: 'legalDuty', duty: 'Wet SUWI art. 30c' } })))
      .rejects.toMatchObject({ code: 'disclosure.recipientObjected' });
    await expect(w.consultant.call('disclosures.record', disclosure(w))).resolves.toMatchObject({ recipientId: w.uwv });
    await expect(w.administration.call('objections.decide', { objectionId: o.id, outcome: 'rejected', reasons: 'Toch maar niet gehonoreerd.', decidedOn: '2026-04-23' }))
      .rejects.toMatchObject({ code: 'objection.alreadyDecided' });
    expect((await w.consultant.call('objections.list', { participantId: w.participantId })).map((x) => x.status)).toEqual(['upheld']);
  });

  it('R27 a rejected objection does not block, and a pending one past its due date is overdue', async () => {
    w = await world();
    const o = await w.administration.call('objections.record', { participantId: w.participantId, recipientIds: [w.uwv], receivedOn: '2026-04-01', circumstances: 'Ik wil niet dat UWV mijn gesprekken leest.' });
    expect(o).toMatchObject({ dueOn: '2026-04-16', overdue: true });
    await w.administration.call('objections.decide', { objectionId: o.id, outcome: 'rejected', reasons: 'Geen bijzondere omstandigheden; opdrachtgever heeft recht op voortgang.', decidedOn: '2026-04-15' });
    await w.consultant.call('mandates.record', mandate(w));
    await expect(w.consultant.call('disclosures.record', disclosure(w))).resolves.toMatchObject({ basis: 'mandate' });
  });

  it('R30 items under an active restriction are not disclosed', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    const r = await w.administration.call('restriction.place', { participantId: w.participantId, targets: [{ kind: 'entry', entryId: w.entryId }], reason: 'Deelnemer betwist de juistheid van dit verslag' });
    await expect(w.consultant.call('disclosures.record', disclosure(w))).rejects.toMatchObject({ code: 'disclosure.restricted', error: { message: expect.stringContaining('beperkt') } });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['workHistory'] } }))).resolves.toMatchObject({ items: { entryIds: [] } });
    await w.administration.call('restriction.lift', { restrictionId: r.id, reason: 'Verslag gecorrigeerd en besproken' });
    await expect(w.consultant.call('disclosures.record', disclosure(w))).resolves.toMatchObject({ items: { entryIds: [w.entryId] } });
  });

  it('R10 items of another dossier cannot be named in a disclosure', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { entryIds: [w.entryId + 1000] } }))).rejects.toMatchObject({ code: 'target.notInDossier' });
  });
});
