import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('what the consent forms may know of the policy (R10, R12)', () => {
  it('R10 R12 a consultant reads whether oral consent is allowed and the minimum arguments, following the policy, without policy.manage', async () => {
    w = await world();
    await expect(w.consultant.call('policy.get', {})).rejects.toMatchObject({ code: 'auth.forbidden' });
    const { profile } = await w.privacyOfficer.call('policy.get', {});
    expect(await w.consultant.call('consent.settings', {}))
      .toEqual({ oralConsentAllowed: profile.consent.oralConsentAllowed, exceptionMinArguments: profile.consent.exceptionMinArguments });
    expect(profile.consent.oralConsentAllowed).toBe(false);
    await w.privacyOfficer.call('policy.update', { profile: { ...profile, consent: { ...profile.consent, oralConsentAllowed: true, exceptionMinArguments: 80 } } });
    expect(await w.administration.call('consent.settings', {})).toEqual({ oralConsentAllowed: true, exceptionMinArguments: 80 });
    await expect(w.consultant.raw('consent.settings', { extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: expect.not.stringMatching(/^operation\.failed$/) } });
  });

  it('R10 reading the consent settings is no dossier access and leaves no audit line', async () => {
    w = await world();
    const count = () => (w.vault.admin.state.handle!.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = count();
    await w.consultant.call('consent.settings', {});
    expect(count()).toBe(before);
  });
});
