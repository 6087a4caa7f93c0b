// R26, R22: a shield holds on every way out. For each kind of target and each kind of audience, a
// canary placed in the shielded part reaches the shielded viewer through no operation of the
// contract (iterated, so operations added later are covered), while other viewers still see it.
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { CANARY, callEverything, expectNoCanary, shieldFor, shieldWorld, targetKinds, TODAY, type ShieldWorld } from './support.ts';

let w: ShieldWorld | undefined;
afterEach(() => { if (w) removeVault(w.vault); w = undefined; });

const seesCanary = async (w: ShieldWorld, who: 'owner' | 'colleague') => JSON.stringify(await w[who].raw('dossiers.get', { participantId: w.participantId })).includes(CANARY);

describe.each(targetKinds)('a shielded %s', (kind) => {
  it(`R26 a shielded ${kind} reaches the named colleague through no operation of the contract, and the others still see it`, async () => {
    w = await shieldWorld(kind);
    expect(await seesCanary(w, 'colleague')).toBe(true); // before: the colleague in the caseload sees it
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'user', userId: w.colleague.state.session!.userId }]));
    // The others still see it; the colleague sees the rest of the dossier with one notice.
    expect(await seesCanary(w, 'owner')).toBe(true);
    expect(JSON.stringify(await w.administration.call('dossiers.get', { participantId: w.participantId }))).toContain(CANARY);
    if (kind === 'dossier') {
      // The same answer as for a dossier that does not exist; break-the-glass does not lift it either.
      const missing = await w.colleague.raw('dossiers.get', { participantId: 999_999 });
      expect(missing).toMatchObject({ ok: false, error: { code: 'access.denied' } });
      const shieldedAnswer = await w.colleague.raw('dossiers.get', { participantId: w.participantId });
      const words = (r: typeof missing) => (r.ok ? null : { code: r.error.code, message: r.error.message, messageEn: r.error.messageEn });
      expect(words(shieldedAnswer)).toEqual(words(missing));
      expect(await w.colleague.raw('access.breakGlass', { participantId: w.participantId, reason: 'Spoedeisende vraag van de deelnemer' })).toMatchObject({ ok: false, error: { code: 'dossier.notFound' } });
    } else {
      const view = await w.colleague.call('dossiers.get', { participantId: w.participantId });
      expect(view.shieldNotice).toBe(true);
      expect(view.entries.some((e) => e.id === w!.ids.plainEntryId)).toBe(true);
    }
    // Every operation of the contract (auth.signOut last: it closes this test's shared database).
    const { responses, ok } = await callEverything(w.colleague, w, [CANARY.slice(0, 4), CANARY, w.dossierNumber, '12-04-1990', '']);
    expectNoCanary(responses, kind === 'document' || kind === 'dossier' ? [CANARY, w.canaryBase64] : [CANARY]);
    // The iteration reached the read paths, not only refusals.
    for (const name of ['dossiers.list', 'dossiers.recent', 'recipients.list']) expect(ok.has(name), name).toBe(true);
    const reads = ['dossiers.get', 'dossiers.history', 'audit.participantLog', 'statements.list', 'disclosures.package'];
    for (const name of reads) expect(ok.has(name), name).toBe(kind !== 'dossier');
  });

  it(`R26 a ${kind} shielded from a recipient is never disclosed to them; another recipient can still receive it`, async () => {
    w = await shieldWorld(kind);
    await w.owner.call('shielding.place', shieldFor(w, [{ kind: 'recipient', recipientId: w.shielded.id }]));
    const disclosure = (recipientId: number) => ({
      participantId: w!.participantId, recipientId, disclosedOn: TODAY, purpose: 'reintegration' as const, channel: 'secureEmail' as const,
      items: { fields: [], entryIds: [], documentIds: [], ...w!.items }, basis: { kind: 'legalDuty' as const, duty: 'Art. 30c Wet SUWI' },
    });
    const check = await w.owner.call('disclosures.check', disclosure(w.shielded.id));
    expect(check).toMatchObject({ allowed: false, code: 'disclosure.shielded' });
    expect(check.message).toMatch(/afgeschermd/);
    await expect(w.owner.call('disclosures.record', disclosure(w.shielded.id))).rejects.toMatchObject({ code: 'disclosure.shielded' });
    expect(await w.owner.call('disclosures.check', disclosure(w.other.id))).toMatchObject({ allowed: true });
    // What the shielded recipient received earlier, read now, shows no shielded part either.
    const pkg = await w.owner.call('disclosures.package', { disclosureId: w.ids.disclosureId! });
    expect(JSON.stringify(pkg)).not.toContain(CANARY);
    expect(pkg.shieldNotice).toBe(true);
  });

  it(`R22 a ${kind} shielded from the participant's copy is not in what the copy will contain`, async () => {
    w = await shieldWorld(kind);
    const before = await w.administration.call('requests.content', { requestId: w.requestId });
    expect(JSON.stringify(before)).toContain(CANARY);
    await w.administration.call('shielding.place', { ...shieldFor(w, [{ kind: 'participantCopy' }]), requestedBy: 'staff', reason: 'Gegevens over een derde die bezwaar maakte (R22)' });
    const after = await w.administration.call('requests.content', { requestId: w.requestId });
    expect(JSON.stringify(after)).not.toContain(CANARY);
    expect(after.dossier.shieldNotice).toBe(true);
    // The staff member's own view is unchanged: the shield is aimed at the copy only.
    expect(JSON.stringify(await w.administration.call('dossiers.get', { participantId: w.participantId }))).toContain(CANARY);
  });
});
