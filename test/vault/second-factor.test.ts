// Issue 12, finding 8: a second factor (R08). TOTP codes are made here as an authenticator app
// makes them, from the secret the enrolment showed, at the vault's test clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../core/contract.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { signOut } from '../../core/auth/signin.ts';
import { totpCode } from '../../core/auth/totp.ts';
import { openDatabase } from '../../db/connection.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import type { HostState } from '../../core/router/context.ts';
import { PASSWORD, caller, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';
import { runCli } from '../fault/support.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

function workstation(v: TestVault, name = 'tweede-werkplek'): HostState {
  return createHostState({ vaultDir: v.dir, workstation: name, now: () => v.clock.now, kdfCost: TEST_KDF });
}
const later = (v: TestVault, seconds: number) => { v.clock.now = new Date(v.clock.now.getTime() + seconds * 1000); };
const code = (v: TestVault, secret: string) => totpCode(secret, v.clock.now.getTime());

/** The privacy officer's setting (finding 5: privacy settings are not the administrator's). */
async function requireTotp(v: TestVault) {
  const privacy = await v.as('privacyOfficer');
  const { profile } = await privacy.call('policy.get', {});
  await privacy.call('policy.update', { profile: { ...profile, requireTotp: true } });
}

/** Enrols a signed-in user from their own menu (password again); returns the secret and recovery codes. */
async function enrolFromMenu(v: TestVault, c: Caller) {
  const { secret } = await c.call('auth.totp.begin', {});
  const { recoveryCodes } = await c.call('auth.totp.confirm', { code: code(v, secret), password: PASSWORD });
  return { secret, recoveryCodes };
}

/** Signs in on a fresh workstation up to the second factor. */
async function passwordStep(v: TestVault, username: string) {
  const c = caller(workstation(v));
  const step = await c.call('auth.signIn', { username, password: PASSWORD });
  return { c, step };
}

function auditLines(state: HostState, where: string) {
  return state.handle!.sqlite.prepare(`SELECT action, outcome, username, flagged, objects FROM audit_log WHERE ${where} ORDER BY seq`).all() as { action: string; outcome: string; username: string | null; flagged: number; objects: string }[];
}

describe('issue 12 finding 8: second factor', () => {
  it('R08 finding 8: enrolment shows a QR code and the secret, takes a code from the app, gives eight recovery codes once, and stores the secret sealed', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    expect(await anna.call('auth.totp.status', {})).toMatchObject({ enrolled: false, required: false });
    const begun = await anna.call('auth.totp.begin', {});
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/.*anna\?.*secret=/);
    expect(begun.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(begun.qrDataUrl.split(',')[1]!, 'base64').toString()).toContain('<svg');
    // A wrong code and a missing password change nothing.
    expect(await anna.raw('auth.totp.confirm', { code: '000000', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.wrongTotp' } });
    expect(await anna.raw('auth.totp.confirm', { code: code(vault, begun.secret) })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect((await anna.call('auth.totp.status', {})).enrolled).toBe(false);
    later(vault, 30);
    const { recoveryCodes } = await anna.call('auth.totp.confirm', { code: code(vault, begun.secret), password: PASSWORD });
    expect(recoveryCodes).toHaveLength(8);
    expect(new Set(recoveryCodes).size).toBe(8);
    expect(await anna.call('auth.totp.status', {})).toMatchObject({ enrolled: true, recoveryCodesLeft: 8 });
    // Not even the database key shows the secret or a recovery code: they are sealed to anna's slot.
    const { sqlite } = openDatabase(join(vault.dir, 'vault.db'), vault.admin.state.handle!.key.toString('hex'));
    const everything = JSON.stringify(sqlite.prepare('SELECT * FROM settings').all()) + JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all());
    sqlite.close();
    expect(everything).toContain('totp:');
    expect(everything).not.toContain(begun.secret);
    for (const r of recoveryCodes) expect(everything).not.toContain(r);
    expect(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')).not.toContain(begun.secret);
    expect(auditLines(anna.state, "action = 'auth.totpEnrol'").map((l) => `${l.username}:${l.outcome}`)).toEqual(['anna:failed', 'anna:ok']);
  });

  it('R08 finding 8: under a requiring policy a user without a second factor enrols right after the password, and from then on signs in with a code', async () => {
    vault = await testVault();
    await vault.addUser('anna', 'consultant');
    await requireTotp(vault);
    vault.close();
    const { c, step } = await passwordStep(vault, 'anna');
    expect(step).toEqual({ secondFactor: 'enrol', username: 'anna', displayName: 'anna' });
    expect(await c.call('vault.status', {})).toMatchObject({ me: null, secondFactor: 'enrol' });
    const { secret } = await c.call('auth.totp.begin', {});
    const done = await c.call('auth.totp.confirm', { code: code(vault, secret) });
    expect(done.me).toMatchObject({ username: 'anna', role: 'consultant' });
    expect(done.recoveryCodes).toHaveLength(8);
    expect(await c.call('dossiers.list', {})).toBeDefined();
    signOut(c.state);
    later(vault, 30);
    const again = await passwordStep(vault, 'anna');
    expect(again.step).toMatchObject({ secondFactor: 'totp' });
    expect(await again.c.raw('dossiers.list', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await again.c.call('auth.secondFactor', { code: code(vault, secret) })).toMatchObject({ username: 'anna' });
    expect(await again.c.call('vault.status', {})).toMatchObject({ me: { username: 'anna' }, secondFactor: null });
    const signIns = auditLines(again.c.state, "action = 'auth.signIn' AND username = 'anna' AND outcome = 'ok'").map((l) => JSON.parse(l.objects).secondFactor ?? null);
    expect(signIns.slice(-2)).toEqual(['enrolled', 'totp']);
    signOut(again.c.state);
  });

  it('R08 R09 finding 8: wrong codes are limited and audited like wrong passwords, and signing in again with the password does not reset the count', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { secret } = await enrolFromMenu(vault, anna);
    vault.close();
    later(vault, 30);
    const { c } = await passwordStep(vault, 'anna');
    for (const wrong of ['111111', '222222', '333333']) {
      expect(await c.raw('auth.secondFactor', { code: wrong })).toMatchObject({ ok: false, error: { code: 'auth.wrongTotp' } });
    }
    expect(await c.raw('auth.secondFactor', { code: code(vault, secret) })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited', params: { seconds: 2 } } });
    // The password step counts against the same counter: no fresh guesses by starting over.
    expect(await c.raw('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    later(vault, 3);
    expect(await c.call('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ secondFactor: 'totp' });
    expect(await c.raw('auth.secondFactor', { code: '444444' })).toMatchObject({ ok: false, error: { code: 'auth.wrongTotp' } });
    later(vault, 30);
    expect(await c.call('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ secondFactor: 'totp' });
    expect(await c.call('auth.secondFactor', { code: code(vault, secret) })).toMatchObject({ username: 'anna' });
    const lines = auditLines(c.state, "action = 'auth.secondFactor' AND username = 'anna'").map((l) => l.outcome);
    expect(lines).toEqual(['failed', 'failed', 'failed', 'denied', 'failed']);
    signOut(c.state);
  });

  it('R08 finding 8: a recovery code signs in once, flagged in the audit trail; the second use is refused', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { recoveryCodes } = await enrolFromMenu(vault, anna);
    vault.close();
    const first = await passwordStep(vault, 'anna');
    expect(await first.c.call('auth.secondFactor', { code: recoveryCodes[3]!.toLowerCase() })).toMatchObject({ username: 'anna' });
    expect(await first.c.call('auth.totp.status', {})).toMatchObject({ recoveryCodesLeft: 7 });
    const used = auditLines(first.c.state, "action = 'auth.signIn' AND outcome = 'ok' AND username = 'anna'").at(-1)!;
    expect(used).toMatchObject({ flagged: 1 });
    expect(JSON.parse(used.objects)).toEqual({ secondFactor: 'recoveryCode' });
    signOut(first.c.state);
    const second = await passwordStep(vault, 'anna');
    expect(await second.c.raw('auth.secondFactor', { code: recoveryCodes[3]! })).toMatchObject({ ok: false, error: { code: 'auth.wrongTotp' } });
    expect(await second.c.call('auth.secondFactor', { code: recoveryCodes[4]! })).toMatchObject({ username: 'anna' });
    signOut(second.c.state);
  });

  it('R08 finding 8: a code that was already used is refused within its window, also the enrolment code; one step of clock drift is accepted', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { secret } = await enrolFromMenu(vault, anna);
    vault.close();
    const enrolCode = code(vault, secret);
    const a = await passwordStep(vault, 'anna');
    expect(await a.c.raw('auth.secondFactor', { code: enrolCode })).toMatchObject({ ok: false, error: { code: 'auth.totpReused' } });
    later(vault, 30);
    const next = code(vault, secret);
    expect(await a.c.call('auth.secondFactor', { code: next })).toMatchObject({ username: 'anna' });
    signOut(a.c.state);
    const b = await passwordStep(vault, 'anna');
    expect(await b.c.raw('auth.secondFactor', { code: next })).toMatchObject({ ok: false, error: { code: 'auth.totpReused' } });
    // A phone 30 seconds behind: the previous step's code is still accepted once (it is newer than the last used).
    later(vault, 60);
    const behind = totpCode(secret, vault.clock.now.getTime() - 30_000);
    expect(await b.c.call('auth.secondFactor', { code: behind })).toMatchObject({ username: 'anna' });
    signOut(b.c.state);
  });

  it('R08 finding 8: before the second factor is done, no operation but the second-factor ones works', async () => {
    vault = await testVault();
    await vault.addUser('anna', 'administrator');
    await requireTotp(vault);
    vault.close();
    const { c } = await passwordStep(vault, 'anna');
    const open = new Set(['vault.status', 'vault.create', 'auth.signIn', 'auth.signOut', 'auth.recover', 'auth.secondFactor', 'auth.totp.begin', 'auth.totp.confirm']);
    let checked = 0;
    for (const op of Object.values(apiContract)) {
      if (open.has(op.name)) continue;
      const r = await c.raw(op.name, {});
      expect(r, op.name).toMatchObject({ ok: false, error: { code: 'auth.required' } });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // Only the public operations stay: each is harmless without a session or checks the pending step.
    expect(Object.values(apiContract).filter((op) => op.permission === 'public').map((op) => op.name).sort()).toEqual([...open].sort());
    expect(await c.raw('auth.secondFactor', { code: '123456' })).toMatchObject({ ok: false, error: { code: 'auth.required' } }); // enrolment is due, not a code
    signOut(c.state);
  });

  it('R08 finding 8: the command line asks an enrolled user for the code too; without it, or with a wrong one, it stops with exit 3', async () => {
    vault = await testVault();
    const { secret } = await enrolFromMenu(vault, vault.admin);
    vault.close();
    const without = await runCli(['verify', '--vault', vault.dir, '--user', 'beheerder'], { env: { DOSSIERKLUIS_CODE: '' } });
    expect(without.code, without.stderr).toBe(3);
    const wrong = await runCli(['verify', '--vault', vault.dir, '--user', 'beheerder'], { env: { DOSSIERKLUIS_CODE: '000000' } });
    expect(wrong.stderr).toMatch(/De code is onjuist of verlopen/);
    expect(wrong.code).toBe(3);
    // The command line runs on the real clock, the enrolment above on the test clock (earlier).
    const right = await runCli(['verify', '--vault', vault.dir, '--user', 'beheerder'], { env: { DOSSIERKLUIS_CODE: totpCode(secret, Date.now()) } });
    expect(right.code, right.stderr).toBe(0);
  }, 60_000);

  it('R08 finding 8: while a code is due, enrolling a new second factor is refused too (it would replace the one that is asked for)', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    await enrolFromMenu(vault, anna);
    vault.close();
    const { c, step } = await passwordStep(vault, 'anna');
    expect(step).toMatchObject({ secondFactor: 'totp' });
    expect(await c.raw('auth.totp.begin', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await c.raw('auth.totp.confirm', { code: '123456', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await c.raw('auth.totp.status', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    signOut(c.state);
  });

  it('R08 finding 8: the administrator can clear a user\'s second factor after a lost phone; it is flagged, and the user enrols again', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    await enrolFromMenu(vault, anna);
    expect(await anna.raw('users.resetSecondFactor', { userId: anna.state.session!.userId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await vault.admin.call('users.resetSecondFactor', { userId: anna.state.session!.userId });
    expect((await anna.call('auth.totp.status', {})).enrolled).toBe(false);
    const line = auditLines(vault.admin.state, "action = 'users.resetSecondFactor' AND outcome = 'ok'");
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ flagged: 1, username: 'beheerder' });
    vault.close();
    const { c, step } = await passwordStep(vault, 'anna');
    expect('secondFactor' in step).toBe(false); // policy does not require it: password only again
    signOut(c.state);
  });
});
