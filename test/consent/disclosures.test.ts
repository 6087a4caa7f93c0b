import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { disclosure, mandate, snapshot, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('disclosures (R10, R12, R14, R17)', () => {
  it('R10 a disclosure without a valid mandate is refused, with the reason in Dutch, and nothing is registered', async () => {
    w = await world();
    const before = snapshot(w.vault);
    await expect(w.consultant.call('disclosures.record', disclosure(w))).rejects.toMatchObject({
      code: 'disclosure.noBasis', error: { message: expect.stringContaining('geen geldige machtiging') },
    });
    expect(snapshot(w.vault)).toBe(before);
  });

  it('R10 R14 a disclosure covered by a mandate is registered with recipient, date, items, categories and basis', async () => {
    w = await world();
    const m = await w.consultant.call('mandates.record', mandate(w));
    const d = await w.consultant.call('disclosures.record', disclosure(w));
    expect(d).toMatchObject({
      recipientId: w.uwv, recipientName: 'UWV Utrecht', disclosedOn: '2026-04-23', basis: 'mandate', mandateId: m.id, flagged: false,
      categories: ['trajectory', 'work'], items: { fields: ['workHistory'], entryIds: [w.entryId], documentIds: [] },
    });
    expect(await w.consultant.call('disclosures.list', { participantId: w.participantId })).toEqual([d]);
    const register = await w.privacyOfficer.call('disclosures.register', {});
    expect(register.rows.map((r) => [r.id, r.dossierNumber.length > 0])).toEqual([[d.id, true]]);
  });

  it('R10 an expired mandate does not cover', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w, { validFrom: '2025-01-01', validUntil: '2026-03-31' }));
    await expect(w.consultant.call('disclosures.record', disclosure(w))).rejects.toMatchObject({ code: 'disclosure.mandateExpired', error: { message: expect.stringContaining('31-03-2026') } });
    // The same mandate covered a disclosure made while it was valid.
    await expect(w.consultant.call('disclosures.record', disclosure(w, { disclosedOn: '2026-03-15' }))).resolves.toMatchObject({ basis: 'mandate' });
  });

  it('R17 a withdrawn mandate blocks further disclosures at once', async () => {
    w = await world();
    const m = await w.consultant.call('mandates.record', mandate(w));
    await w.consultant.call('disclosures.record', disclosure(w));
    const withdrawn = await w.consultant.call('mandates.withdraw', { mandateId: m.id, withdrawnOn: '2026-04-23', how: 'oral', note: 'Telefonisch ingetrokken' });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawnOn: '2026-04-23', withdrawnHow: 'oral' });
    await expect(w.consultant.call('disclosures.record', disclosure(w))).rejects.toMatchObject({
      code: 'disclosure.mandateWithdrawn', error: { message: 'Verstrekking geweigerd: de machtiging is ingetrokken op 23-04-2026.' },
    });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'mandate', mandateId: m.id } }))).rejects.toMatchObject({ code: 'disclosure.mandateWithdrawn' });
    await expect(w.consultant.call('mandates.withdraw', { mandateId: m.id, withdrawnOn: '2026-04-23', how: 'letter' })).rejects.toMatchObject({ code: 'mandate.alreadyWithdrawn' });
  });

  it('R10 a mandate covers only its recipient, purpose and categories', async () => {
    w = await world();
    const m = await w.consultant.call('mandates.record', mandate(w));
    const byId = { kind: 'mandate' as const, mandateId: m.id };
    await expect(w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer, basis: byId })))
      .rejects.toMatchObject({ code: 'disclosure.mandateOtherRecipient', error: { message: expect.stringContaining('UWV Utrecht') } });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer })))
      .rejects.toMatchObject({ code: 'disclosure.noBasis', error: { message: expect.stringContaining('Bakkerij De Korenschoof') } });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { purpose: 'indication' })))
      .rejects.toMatchObject({ code: 'disclosure.mandateOtherPurpose' });
    // A medical field is outside the mandate's categories (work, trajectory): refused, naming the category.
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['workHistory', 'medicalNotes'] } })))
      .rejects.toMatchObject({ code: 'disclosure.mandateCategory', error: { message: expect.stringContaining('Medische gegevens') } });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { items: { fields: ['city'] } })))
      .rejects.toMatchObject({ code: 'disclosure.mandateCategory', error: { message: expect.stringContaining('Contactgegevens') } });
    expect(await w.consultant.call('disclosures.list', { participantId: w.participantId })).toEqual([]);
  });

  it('R11 a mandate to obtain data from an agency is recorded the same way and never covers a disclosure', async () => {
    w = await world();
    const m = await w.consultant.call('mandates.record', mandate(w, { direction: 'obtainFrom' }));
    expect(m).toMatchObject({ direction: 'obtainFrom', givenHow: 'signedForm', documentName: 'machtiging-uwv.pdf', state: 'active' });
    await expect(w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'mandate', mandateId: m.id } })))
      .rejects.toMatchObject({ code: 'disclosure.mandateObtainOnly' });
    await expect(w.consultant.call('disclosures.record', disclosure(w))).rejects.toMatchObject({ code: 'disclosure.noBasis' });
  });

  it('R12 an exception without arguments is refused', async () => {
    w = await world();
    const before = snapshot(w.vault);
    for (const args of ['', 'Zorgen om kind']) {
      await expect(w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'exception', arguments: args } })))
        .rejects.toMatchObject({ code: 'disclosure.argumentsRequired', error: { message: expect.stringContaining('argumenten') } });
    }
    expect(snapshot(w.vault)).toBe(before);
  });

  it('R12 an exception with arguments is registered, flagged on the audit trail and for the privacy officer, who reviews it', async () => {
    w = await world();
    const veiligThuis = (await w.administration.call('recipients.create', { name: 'Veilig Thuis Utrecht', kind: 'veiligThuis' })).id;
    const args = 'Vermoeden van huiselijk geweld: kind vertelde over slaan; gesprek met ouders niet veilig mogelijk (meldcode stap 5).';
    const d = await w.consultant.call('disclosures.record', disclosure(w, { recipientId: veiligThuis, purpose: 'other', channel: 'phone', basis: { kind: 'exception', arguments: args } }));
    expect(d).toMatchObject({ basis: 'exception', exceptionArguments: args, flagged: true, reviewedAt: null, mandateId: null });
    const audit = w.vault.admin.state.handle!.sqlite.prepare("SELECT flagged, participant_id AS p FROM audit_log WHERE action = 'disclosures.record' AND outcome = 'ok'").all();
    expect(audit).toEqual([{ flagged: 1, p: w.participantId }]);
    const open = await w.privacyOfficer.call('disclosures.register', { flaggedOnly: true });
    expect(open.rows.map((r) => r.id)).toEqual([d.id]);
    const reviewed = await w.privacyOfficer.call('disclosures.reviewException', { disclosureId: d.id, note: 'Terecht gemeld volgens de meldcode.' });
    expect(reviewed).toMatchObject({ reviewedBy: 'privacyofficer', reviewNote: 'Terecht gemeld volgens de meldcode.' });
    expect((await w.privacyOfficer.call('disclosures.register', { flaggedOnly: true })).rows).toEqual([]);
    await expect(w.consultant.call('disclosures.reviewException', { disclosureId: d.id, note: 'Ik keur mezelf goed.' })).rejects.toMatchObject({ code: 'auth.forbidden' });
  });

  it('R10 a named legal duty is a basis; an unnamed one is refused', async () => {
    w = await world();
    await expect(w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'legalDuty', duty: '' } }))).rejects.toMatchObject({ code: 'disclosure.legalDutyRequired' });
    const d = await w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'legalDuty', duty: 'Art. 30c Wet SUWI (inlichtingenplicht aan UWV)' } }));
    expect(d).toMatchObject({ basis: 'legalDuty', legalDuty: 'Art. 30c Wet SUWI (inlichtingenplicht aan UWV)', flagged: false });
  });

  it('R14 the organisation-wide register is for the privacy officer only; a consultant sees only dossiers they may access', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    await w.consultant.call('disclosures.record', disclosure(w));
    await expect(w.consultant.call('disclosures.register', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
    const other = await w.vault.addUser('tweede', 'consultant');
    await expect(other.call('disclosures.list', { participantId: w.participantId })).rejects.toMatchObject({ code: 'access.denied' });
    await expect(other.call('disclosures.record', disclosure(w, { basis: { kind: 'legalDuty', duty: 'Art. 30c Wet SUWI' } }))).rejects.toMatchObject({ code: 'access.denied' });
    const register = await w.privacyOfficer.call('disclosures.register', { recipientId: w.uwv, from: '2026-01-01', to: '2026-12-31' });
    expect(register.total).toBe(1);
  });

  it('R10 disclosures.check answers whether a disclosure would be allowed, without registering anything', async () => {
    w = await world();
    const before = snapshot(w.vault);
    expect(await w.consultant.call('disclosures.check', disclosure(w))).toMatchObject({ allowed: false, code: 'disclosure.noBasis', message: expect.stringContaining('machtiging'), messageEn: expect.stringContaining('mandate') });
    expect(snapshot(w.vault)).toBe(before);
    const m = await w.consultant.call('mandates.record', mandate(w));
    expect(await w.consultant.call('disclosures.check', disclosure(w))).toEqual({ allowed: true, code: null, message: null, messageEn: null, mandateId: m.id });
  });
});

describe('the disclosure register is kept (R14)', () => {
  it('R14 a registered disclosure and its items cannot be edited or deleted; only the review is filled in', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    const d = await w.consultant.call('disclosures.record', disclosure(w));
    const sqlite = w.vault.admin.state.handle!.sqlite;
    expect(() => sqlite.prepare("UPDATE disclosures SET disclosed_on = '2020-01-01' WHERE id = ?").run(d.id)).toThrow(/cannot be edited/);
    expect(() => sqlite.prepare('DELETE FROM disclosures WHERE id = ?').run(d.id)).toThrow(/cannot be deleted/);
    expect(() => sqlite.prepare("UPDATE disclosure_items SET field = 'city' WHERE disclosure_id = ?").run(d.id)).toThrow(/cannot be edited/);
    expect(() => sqlite.prepare('DELETE FROM disclosure_items WHERE disclosure_id = ?').run(d.id)).toThrow(/cannot be deleted/);
    expect(() => sqlite.prepare('DELETE FROM mandates').run()).toThrow(/cannot be deleted/);
    sqlite.prepare("UPDATE disclosures SET review_note = 'gezien' WHERE id = ?").run(d.id);
    expect(await w.consultant.call('disclosures.list', { participantId: w.participantId })).toEqual([{ ...d, reviewNote: 'gezien' }]);
  });
});
