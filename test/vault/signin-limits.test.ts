// Issue 12, finding 6: the sign-in rate limit could be bypassed (R09). Each test reproduces one
// way around it on a real vault folder and proves it is closed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostState } from '../../core/host/app-host.ts';
import { MAX_PENDING_UNKNOWN, MAX_UNKNOWN_NAMES, signIn, signOut } from '../../core/auth/signin.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import type { HostState } from '../../core/router/context.ts';
import { PASSWORD, caller, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

/** A fresh workstation on the same vault folder, as another process would be. */
function workstation(v: TestVault, name = 'tweede-werkplek'): HostState {
  return createHostState({ vaultDir: v.dir, workstation: name, now: () => v.clock.now, kdfCost: TEST_KDF });
}

const WRONG = 'fout-wachtwoord-123';

async function failTimes(state: HostState, username: string, n: number) {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await caller(state).raw('auth.signIn', { username, password: WRONG });
    codes.push(r.ok ? 'ok' : r.error.code);
  }
  return codes;
}

function auditLines(state: HostState, where = '1 = 1') {
  return state.handle!.sqlite.prepare(`SELECT action, outcome, username, flagged, objects FROM audit_log WHERE ${where} ORDER BY seq`).all() as { action: string; outcome: string; username: string | null; flagged: number; objects: string }[];
}

describe('issue 12 finding 6: the sign-in rate limit holds', () => {
  it('R09 finding 6: 201 failed attempts with invented user names do not evict a real user\'s counter', async () => {
    vault = await testVault();
    vault.close();
    const state = workstation(vault);
    expect(await failTimes(state, 'beheerder', 3)).toEqual(['auth.wrongPassword', 'auth.wrongPassword', 'auth.wrongPassword']);
    for (let i = 0; i <= MAX_UNKNOWN_NAMES; i++) await failTimes(state, `verzonnen${i}`, 1);
    // Before the fix the victim's counter was the oldest of 200 names and was dropped here: three free guesses again.
    expect(await caller(state).raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    const record = JSON.parse(readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8'));
    expect(record.failures.beheerder.count).toBe(3);
    expect(Object.keys(record.unknownFailures)).toHaveLength(MAX_UNKNOWN_NAMES);
  });

  it('R09 R05 finding 6: a flood of invented-name attempts while locked cannot keep a real user\'s attempts out of the audit trail; the overflow is counted', async () => {
    vault = await testVault();
    vault.close();
    const state = workstation(vault);
    const flood = MAX_PENDING_UNKNOWN + 5;
    for (let i = 0; i < flood; i++) await failTimes(state, `verzonnen${i}`, 1);
    expect(await failTimes(state, 'beheerder', 2)).toEqual(['auth.wrongPassword', 'auth.wrongPassword']);
    await signIn(state, 'beheerder', PASSWORD);
    const victim = auditLines(state, "username = 'beheerder' AND action = 'auth.signIn'").map((l) => l.outcome);
    expect(victim).toEqual(['failed', 'failed', 'ok']);
    const dropped = auditLines(state, "action = 'auth.signInAttemptsDropped'");
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ outcome: 'failed', flagged: 1 });
    expect(JSON.parse(dropped[0]!.objects).count).toBe(flood - MAX_PENDING_UNKNOWN);
    expect(auditLines(state, "action = 'auth.signIn' AND username LIKE 'verzonnen%'")).toHaveLength(MAX_PENDING_UNKNOWN);
    signOut(state);
  }, 120_000);

  it('R09 finding 6: parallel sign-in attempts get no more guesses than sequential ones (check and record are one step)', async () => {
    vault = await testVault();
    vault.close();
    // Ten workstations at once, each its own host state, as ten processes would be.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => caller(workstation(vault, `werkplek-${i}`)).raw('auth.signIn', { username: 'beheerder', password: `${WRONG}-${i}` })));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    // Before the fix all ten were checked against the same empty counter: ten guesses.
    expect(codes.filter((c) => c === 'auth.wrongPassword')).toHaveLength(3);
    expect(codes.filter((c) => c === 'auth.rateLimited')).toHaveLength(7);
    const record = JSON.parse(readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8'));
    expect(record.failures.beheerder.count).toBe(3);
    // Every guess and every refusal is on its way to the audit trail.
    const pending = record.pendingAudit as { outcome: string; count?: number }[];
    expect(pending.filter((p) => p.outcome === 'failed')).toHaveLength(3);
    expect(pending.filter((p) => p.outcome === 'denied').reduce((n, p) => n + (p.count ?? 1), 0)).toBe(7);
  });

  it('R09 finding 6: a wrong current password in auth.changePassword is limited and audited like a sign-in', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    for (let i = 0; i < 3; i++) {
      expect(await anna.raw('auth.changePassword', { currentPassword: `${WRONG}-${i}`, newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    }
    // Before the fix: unlimited guesses, no audit line.
    expect(await anna.raw('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited', params: { seconds: 2 } } });
    const lines = auditLines(anna.state, "action = 'auth.changePassword'").map((l) => `${l.username}:${l.outcome}`);
    // The first line is anna replacing the temporary password the administrator set (finding 5).
    expect(lines).toEqual(['anna:ok', 'anna:failed', 'anna:failed', 'anna:failed', 'anna:denied']);
    // The same counter as signing in: a sign-in as anna now waits as well.
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'anna', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    vault.clock.now = new Date(vault.clock.now.getTime() + 3000);
    expect(await anna.raw('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: true });
  });

  it('R09 finding 6: wrong recovery codes are limited, audited and flagged', async () => {
    vault = await testVault();
    await vault.addUser('anna', 'consultant');
    vault.close();
    const state = workstation(vault);
    const c = caller(state);
    for (let i = 0; i < 3; i++) {
      expect(await c.raw('auth.recover', { recoveryCode: `AAAA-BBBB-CCCC-DDDD-EEEE-FFF${i + 2}`, username: 'anna', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.wrongRecoveryCode' } });
    }
    // Before the fix the fourth guess (and the millionth) was checked at once.
    expect(await c.raw('auth.recover', { recoveryCode: vault.recoveryCode, username: 'anna', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    // Guessing with other user names counts against the same recovery-slot counter.
    expect(await c.raw('auth.recover', { recoveryCode: vault.recoveryCode, username: 'beheerder', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    vault.clock.now = new Date(vault.clock.now.getTime() + 3000);
    expect(await c.raw('auth.recover', { recoveryCode: vault.recoveryCode, username: 'anna', newPassword: 'nieuw-wachtwoord-2026' })).toMatchObject({ ok: true });
    await signIn(state, 'anna', 'nieuw-wachtwoord-2026');
    const lines = auditLines(state, "action = 'auth.recover' AND outcome != 'ok'");
    expect(lines.map((l) => `${l.username}:${l.outcome}:${l.flagged}`)).toEqual(['anna:failed:1', 'anna:failed:1', 'anna:failed:1', 'anna:denied:1', 'beheerder:denied:1']);
    signOut(state);
  });

  it('R09 finding 6: a lock left by a dead process is taken over; one held by a live process makes the attempt wait and then refuse, counting nothing', async () => {
    vault = await testVault();
    vault.close();
    const lock = join(vault.dir, 'signin-attempts.lock');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, String(dead));
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'beheerder', password: WRONG })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, String(process.ppid)); // alive: the process that started this test run
    const before = readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8');
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'beheerder', password: WRONG })).toMatchObject({ ok: false, error: { code: 'vault.inUse' } });
    expect(readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8')).toBe(before);
  }, 20_000);

  it('R09 finding 6: an attempts file from before the fix keeps the real user\'s delay, and its invented names become evictable', async () => {
    vault = await testVault();
    vault.close();
    const last = vault.clock.now.toISOString();
    writeFileSync(join(vault.dir, 'signin-attempts.json'), JSON.stringify({ failures: { beheerder: { count: 3, last }, verzonnen: { count: 1, last } }, pendingAudit: [] }));
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'auth.rateLimited' } });
    const record = JSON.parse(readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8'));
    expect(Object.keys(record.failures)).toEqual(['beheerder']);
    expect(record.unknownFailures).toEqual({ verzonnen: { count: 1, last } });
  });

  it('R09 finding 6: a link planted as the attempts lock is refused, not followed or waited on', async () => {
    vault = await testVault();
    vault.close();
    writeFileSync(join(vault.dir, '..', 'elders'), String(process.ppid));
    symlinkSync(join(vault.dir, '..', 'elders'), join(vault.dir, 'signin-attempts.lock'));
    expect(await caller(workstation(vault)).raw('auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'vault.unsafeFile' } });
  });
});
