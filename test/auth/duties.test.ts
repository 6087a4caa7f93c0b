// Issue 12, finding 5: separation of duties for the administrator. A password someone else set
// is temporary and opens nothing but the password change; its owner sees who set it and when;
// account creation, resets and recoveries are flagged and reach the monthly review; privacy
// settings of the policy are the privacy officer's, not the technical administrator's.
import { afterEach, describe, expect, it } from 'vitest';
import { createHostState } from '../../core/host/app-host.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { signOut } from '../../core/auth/signin.ts';
import { caller, PASSWORD, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';

let vault: TestVault | undefined;
afterEach(() => {
  if (vault) removeVault(vault);
  vault = undefined;
});

const TEMP = 'door-beheer-gekozen-2026';
const OWN = 'mijn-eigen-wachtwoord-2026';

/** A second workstation session on the open database, not yet signed in. */
function session(v: TestVault): Caller {
  const state = createHostState({ vaultDir: v.dir, workstation: 'werkplek-2', now: () => v.clock.now, kdfCost: TEST_KDF });
  state.handle = v.admin.state.handle;
  return caller(state);
}

async function reviewLines(v: TestVault) {
  const privacy = await v.as('privacyOfficer');
  return privacy.call('audit.accessReview', { month: '2026-03' });
}

describe('issue 12 finding 5: separation of duties for the administrator', () => {
  it('R04 finding 5: a password the administrator set at account creation opens nothing but the password change', async () => {
    vault = await testVault();
    await vault.admin.call('users.create', { username: 'anna', displayName: 'Anna Consulent', role: 'consultant', password: TEMP });
    const anna = session(vault);
    const me = await anna.call('auth.signIn', { username: 'anna', password: TEMP });
    expect(me).toMatchObject({ mustChangePassword: true, passwordNotice: { how: 'created', by: 'Beheerder', at: '2026-03-02T09:00:00.000Z' } });
    // Enforced in the router, not only in the UI: every operation but the change is refused.
    for (const [name, input] of [['dossiers.list', {}], ['dossiers.create', {}], ['audit.participantLog', { participantId: 1 }], ['auth.changePassword', { currentPassword: TEMP, newPassword: TEMP }]] as const) {
      const r = await anna.raw(name, input);
      expect(r, name).toMatchObject({ ok: false });
      if (name !== 'auth.changePassword') expect(r, name).toMatchObject({ error: { code: 'auth.passwordChangeRequired' } });
      else expect(r).toMatchObject({ error: { code: 'auth.samePassword' } });
    }
    expect(await anna.raw('auth.changePassword', { currentPassword: 'niet-het-goede-wachtwoord', newPassword: OWN })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    await anna.call('auth.changePassword', { currentPassword: TEMP, newPassword: OWN });
    expect((await anna.call('vault.status', {})).me).toMatchObject({ mustChangePassword: false, passwordNotice: null });
    expect(await anna.call('dossiers.list', {})).toBeDefined();
    // The temporary password is gone; the user's own one opens the vault.
    const again = session(vault);
    expect(await again.raw('auth.signIn', { username: 'anna', password: TEMP })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    expect(await again.call('auth.signIn', { username: 'anna', password: OWN })).toMatchObject({ mustChangePassword: false });
  });

  it('R06 finding 5: a password reset is temporary, names who reset it and when, and is flagged in the monthly access review', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant', 'Anna Consulent');
    const annaId = anna.state.session!.userId;
    vault.clock.now = new Date('2026-03-10T14:30:00Z');
    await vault.admin.call('users.resetPassword', { userId: annaId, newPassword: TEMP });
    const s = session(vault);
    expect(await s.raw('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    const me = await s.call('auth.signIn', { username: 'anna', password: TEMP });
    expect(me).toMatchObject({ mustChangePassword: true, passwordNotice: { how: 'reset', by: 'Beheerder', at: '2026-03-10T14:30:00.000Z' } });
    expect(await s.raw('dossiers.list', {})).toMatchObject({ ok: false, error: { code: 'auth.passwordChangeRequired' } });
    const review = await reviewLines(vault);
    const reset = review.find((l) => l.action === 'users.resetPassword');
    expect(reset).toMatchObject({ flagged: true, username: 'beheerder', participantId: null });
    expect(JSON.parse(reset!.objects)).toMatchObject({ userId: annaId, role: 'consultant', temporaryPassword: true });
    const created = review.filter((l) => l.action === 'users.create').map((l) => JSON.parse(l.objects) as { userId: number });
    expect(created.map((o) => o.userId)).toContain(annaId);
    expect(review.filter((l) => l.action === 'users.create').every((l) => l.flagged)).toBe(true);
  });

  it('R06 finding 5: a recovery is recorded as the recovery slot acting, flagged, in the review, and shown to the user whose password it reset', async () => {
    vault = await testVault();
    const adm = await vault.addUser('bram', 'administration', 'Bram Administratie');
    const bramId = adm.state.session!.userId;
    vault.close();
    const state = createHostState({ vaultDir: vault.dir, workstation: 'herstel', now: () => vault!.clock.now, kdfCost: TEST_KDF });
    const c = caller(state);
    await c.call('auth.recover', { recoveryCode: vault.recoveryCode, username: 'bram', newPassword: TEMP });
    const me = await c.call('auth.signIn', { username: 'bram', password: TEMP });
    expect(me).toMatchObject({ mustChangePassword: true, passwordNotice: { how: 'recovery', by: null, at: '2026-03-02T09:00:00.000Z' } });
    await c.call('auth.changePassword', { currentPassword: TEMP, newPassword: OWN });
    const line = state.handle!.sqlite.prepare("SELECT user_id AS userId, username, objects, flagged FROM audit_log WHERE action = 'auth.recover'").get() as { userId: number | null; username: string | null; objects: string; flagged: number };
    expect(line).toMatchObject({ userId: null, username: null, flagged: 1 });
    expect(JSON.parse(line.objects)).toEqual({ keySlot: 'recovery', userId: bramId, username: 'bram' });
    // Nobody signed in or out during the recovery: no line names bram as the actor of it.
    expect(state.handle!.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE username = 'bram' AND action = 'auth.signOut'").get()).toEqual({ n: 0 });
    signOut(state);
    // The privacy officer sees it in the monthly review.
    const reopened = createHostState({ vaultDir: vault.dir, workstation: 'herstel', now: () => vault!.clock.now, kdfCost: TEST_KDF });
    const p = caller(reopened);
    await p.call('auth.signIn', { username: 'beheerder', password: PASSWORD });
    await p.call('users.create', { username: 'pia', displayName: 'Pia Privacy', role: 'privacyOfficer', password: TEMP });
    await p.call('auth.signIn', { username: 'pia', password: TEMP });
    await p.call('auth.changePassword', { currentPassword: TEMP, newPassword: OWN });
    const review = await p.call('audit.accessReview', { month: '2026-03' });
    expect(review.find((l) => l.action === 'auth.recover')).toMatchObject({ flagged: true, userId: null });
    signOut(reopened);
  });

  it('R04 finding 5: once there is a privacy officer, a new account with dossier access cannot sign in before the privacy officer approves it', async () => {
    vault = await testVault();
    const privacy = await vault.as('privacyOfficer');
    const made = await vault.admin.call('users.create', { username: 'anna', displayName: 'Anna Consulent', role: 'consultant', password: TEMP });
    expect(made.approval).toBe('pending');
    const anna = session(vault);
    expect(await anna.raw('auth.signIn', { username: 'anna', password: TEMP })).toMatchObject({ ok: false, error: { code: 'auth.pendingApproval' } });
    expect(anna.state.session).toBeNull();
    // The administrator cannot approve their own creation; the privacy officer sees who made it.
    expect(await vault.admin.raw('users.decide', { userId: made.id, approve: true })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await vault.admin.raw('users.pendingApproval', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await privacy.call('users.pendingApproval', {})).toEqual([{ id: made.id, username: 'anna', displayName: 'Anna Consulent', role: 'consultant', createdAt: '2026-03-02T09:00:00.000Z', createdBy: 'Beheerder' }]);
    await privacy.call('users.decide', { userId: made.id, approve: true });
    expect(await privacy.call('users.pendingApproval', {})).toEqual([]);
    expect(await privacy.raw('users.decide', { userId: made.id, approve: true })).toMatchObject({ ok: false, error: { code: 'auth.notPending' } });
    expect(await anna.call('auth.signIn', { username: 'anna', password: TEMP })).toMatchObject({ mustChangePassword: true });
    // An administrator account has no dossier access: it does not wait (but is flagged).
    expect((await vault.admin.call('users.create', { username: 'beheer2', displayName: 'Tweede Beheerder', role: 'administrator', password: TEMP })).approval).toBe('approved');
  });

  it('R04 finding 5: a refused account is deactivated and its slot is gone', async () => {
    vault = await testVault();
    const privacy = await vault.as('privacyOfficer');
    const made = await vault.admin.call('users.create', { username: 'bob', displayName: 'Bob Bestuur', role: 'board', password: TEMP });
    await privacy.call('users.decide', { userId: made.id, approve: false });
    expect((await vault.admin.call('users.list', {})).find((u) => u.id === made.id)).toMatchObject({ active: false, approval: 'pending' });
    expect(await session(vault).raw('auth.signIn', { username: 'bob', password: TEMP })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    const line = (await privacy.call('audit.list', { limit: 5 })).lines.find((l) => l.action === 'users.decide');
    expect(line).toMatchObject({ username: 'privacyofficer' });
    expect(JSON.parse(line!.objects)).toMatchObject({ userId: made.id, approved: false });
  });

  it('R50 finding 5: privacy settings are the privacy officer\'s; the administrator may only tighten the idle lock', async () => {
    vault = await testVault();
    const admin = vault.admin;
    const privacy = await vault.as('privacyOfficer');
    const { profile } = await privacy.call('policy.get', {});
    // The administrator cannot weaken privacy: no statistics threshold, oral consent or terms.
    expect(await admin.raw('policy.update', { profile: { ...profile, consent: { ...profile.consent, statisticsThreshold: 2 } } })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await admin.raw('policy.update', { preset: 'mee' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await admin.raw('policy.get', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    // A shorter idle lock is technical and tightens protection: the administrator may set it.
    expect(await admin.call('policy.setIdleLock', { idleLockMinutes: 2 })).toEqual({ idleLockMinutes: 2 });
    expect((await admin.call('vault.status', {})).idleLockMinutes).toBe(2);
    // A longer one lowers protection: refused, and nothing changed.
    expect(await admin.raw('policy.setIdleLock', { idleLockMinutes: 30 })).toMatchObject({ ok: false, error: { code: 'policy.privacyOfficerOnly' } });
    expect((await privacy.call('policy.get', {})).profile.idleLockMinutes).toBe(2);
    // The privacy officer changes the privacy settings and may lengthen the idle lock.
    const saved = await privacy.call('policy.update', { profile: { ...profile, idleLockMinutes: 15, consent: { ...profile.consent, statisticsThreshold: 3, oralConsentAllowed: true } } });
    expect(saved.profile).toMatchObject({ idleLockMinutes: 15, consent: { statisticsThreshold: 3, oralConsentAllowed: true } });
    // The privacy officer has no technical shortcut around policy.update, and no other role either.
    expect(await privacy.raw('policy.setIdleLock', { idleLockMinutes: 1 })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await (await vault.as('consultant')).raw('policy.setIdleLock', { idleLockMinutes: 1 })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
