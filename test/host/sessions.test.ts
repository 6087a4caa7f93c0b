// Issue 12, finding 7 (R09) on a real vault behind the browser-mode server: a closed tab does not
// leave the vault open (the host locks itself after the policy's idle time), the policy's idle
// setting is what both locks use, and a second browser session must sign in itself.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAppHost, createHostState } from '../../core/host/app-host.ts';
import { startServer, type RunningServer } from '../../core/host/server.ts';
import type { AppHost } from '../../core/host/types.ts';
import { signIn, signOut } from '../../core/auth/signin.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { PASSWORD, tempDir } from '../support/vault.ts';
import { api, browserSession } from './browser.ts';

const clock = { now: new Date('2026-03-02T09:00:00Z') };
const later = (minutes: number) => { clock.now = new Date(clock.now.getTime() + minutes * 60_000); };
let root: string;
let host: AppHost;
let server: RunningServer;

async function openVault(idleCheckMs = 60_000) {
  clock.now = new Date('2026-03-02T09:00:00Z');
  root = tempDir('dk-sessions-');
  const staticDir = join(root, 'static');
  mkdirSync(staticDir);
  host = createAppHost({ vaultDir: join(root, 'vault'), workstation: 'browser-test', now: () => clock.now, kdfCost: TEST_KDF });
  server = await startServer({ host, staticDir, idleCheckMs });
  const first = await browserSession(server);
  const made = await api(server, first, 'vault.create', { organisation: 'Testbureau', preset: 'factor-twee', admin: { username: 'beheerder', displayName: 'Beheerder', password: PASSWORD } });
  expect(made.ok).toBe(true);
  return first;
}

const me = async (s: Awaited<ReturnType<typeof browserSession>>) => ((await api(server, s, 'vault.status')).value as { me: { username: string } | null; idleLockMinutes: number });

/** The audit actions of the vault, read with a fresh unlock after the host let go of it. */
async function auditActions(): Promise<string[]> {
  host.close();
  const state = createHostState({ vaultDir: join(root, 'vault'), workstation: 'controle', kdfCost: TEST_KDF });
  await signIn(state, 'beheerder', PASSWORD);
  const actions = (state.handle!.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
  signOut(state);
  return actions;
}

afterEach(async () => {
  await server?.close();
  host?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('issue 12 finding 7: browser sessions and the idle lock (R09)', () => {
  it('R09 finding 7: a second browser session is signed out, cannot sign the first out, and signing in replaces the first', async () => {
    const first = await openVault();
    expect((await me(first)).me).toMatchObject({ username: 'beheerder' });
    // A new tab with a fresh address: its own cookie, not the signed-in session.
    const second = await browserSession(server);
    expect((await me(second)).me).toBeNull();
    expect(await api(server, second, 'users.list')).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await api(server, second, 'auth.signOut')).toMatchObject({ ok: true });
    expect((await me(first)).me).toMatchObject({ username: 'beheerder' });
    expect(await api(server, first, 'users.list')).toMatchObject({ ok: true });
    // A wrong password in the second does not hand it the session.
    expect(await api(server, second, 'auth.signIn', { username: 'beheerder', password: 'niet-het-wachtwoord' })).toMatchObject({ ok: false, error: { code: 'auth.wrongPassword' } });
    expect(await api(server, second, 'users.list')).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    // Signing in with the password: one signed-in session at a time, the newest.
    expect(await api(server, second, 'auth.signIn', { username: 'beheerder', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await api(server, second, 'users.list')).toMatchObject({ ok: true });
    expect((await me(first)).me).toBeNull();
    expect(await api(server, first, 'users.list')).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('R09 finding 7: the server locks the vault itself after the idle time, with nobody left to call it', async () => {
    const first = await openVault(20);
    expect(await api(server, first, 'users.list')).toMatchObject({ ok: true });
    later(9);
    expect(await host.lockIfIdle()).toBe(false);
    later(2); // 11 minutes without a call: the tab was closed
    await new Promise((r) => setTimeout(r, 200)); // the server's own timer, every 20 ms here
    expect((await me(first)).me).toBeNull();
    expect(await api(server, first, 'users.list')).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    const actions = await auditActions();
    expect(actions.slice(-2)).toEqual(['auth.idleLock', 'auth.signIn']); // the lock, then this check's own unlock
  });

  it('R09 finding 7: policy.update of the idle time to 2 minutes is what vault.status reports and what the server locks after', async () => {
    const first = await openVault();
    expect((await me(first)).idleLockMinutes).toBe(10);
    expect(await api(server, first, 'policy.setIdleLock', { idleLockMinutes: 2 })).toMatchObject({ ok: true });
    expect((await me(first)).idleLockMinutes).toBe(2);
    later(1.5);
    expect(await host.lockIfIdle()).toBe(false);
    expect(await api(server, first, 'users.list')).toMatchObject({ ok: true }); // activity: the clock starts again
    later(1.5);
    expect(await host.lockIfIdle()).toBe(false);
    later(1);
    expect(await host.lockIfIdle()).toBe(true);
    expect((await me(first)).me).toBeNull();
  });

  it('R09 finding 7: the privacy officer\'s policy.update to 2 minutes is what vault.status reports and what the server locks after', async () => {
    const admin = await openVault();
    expect(await api(server, admin, 'users.create', { username: 'pia', displayName: 'Pia Privacy', role: 'privacyOfficer', password: 'tijdelijk-wachtwoord-pia' })).toMatchObject({ ok: true });
    const pia = await browserSession(server);
    expect(await api(server, pia, 'auth.signIn', { username: 'pia', password: 'tijdelijk-wachtwoord-pia' })).toMatchObject({ ok: true });
    expect(await api(server, pia, 'auth.changePassword', { currentPassword: 'tijdelijk-wachtwoord-pia', newPassword: PASSWORD })).toMatchObject({ ok: true });
    const { profile } = (await api(server, pia, 'policy.get')).value as { profile: Record<string, unknown> };
    expect(await api(server, pia, 'policy.update', { profile: { ...profile, idleLockMinutes: 2 } })).toMatchObject({ ok: true });
    expect((await me(pia)).idleLockMinutes).toBe(2); // it said 10 before the fix, whatever the policy
    later(2);
    expect(await host.lockIfIdle()).toBe(true);
    expect((await me(pia)).me).toBeNull();
  });

  it('R09 finding 7: calls of another browser session do not keep the signed-in one unlocked', async () => {
    const first = await openVault();
    const second = await browserSession(server);
    for (let i = 0; i < 11; i++) {
      later(1);
      await me(second);
    }
    await host.lockIfIdle();
    expect((await me(first)).me).toBeNull();
  });
});
