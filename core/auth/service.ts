// Vault creation, sign-in, passwords, recovery and user management. Operations that derive keys
// are host-level (asynchronous); each writes its own audit line through the router.
import { randomBytes } from 'node:crypto';
import { domainError } from '../api/errors.ts';
import { rolePermissions, type Role } from '../api/permissions.ts';
import { appendAudit } from '../audit/chain.ts';
import { ensureDir, readSlotFile, vaultExists, vaultPaths, writeSlotFile } from '../vault/files.ts';
import { createSlot, newRecoveryCode, normaliseRecoveryCode, openSlotPrivateKey, rewrapSlot } from '../vault/keyslots.ts';
import { openVaultHandle, rekeyVault } from '../vault/vault.ts';
import type { AuditNote, Ctx, HostState, Session } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { authContract } from './contract.ts';
import { beginSignIn, checkLimited, clearAttempts, findUserSlot, pendingSignIn, RECOVERY_COUNTER, sessionFor, signOut, unlockSlot } from './signin.ts';
import { secondFactorHandlers } from './second-factor.ts';
import { existsSync, readdirSync, rmSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 12;

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw domainError('auth.weakPassword');
}

function me(s: Session) {
  return { userId: s.userId, username: s.username, displayName: s.displayName, role: s.role, permissions: [...rolePermissions[s.role]] };
}

function requireOpen(state: HostState) {
  if (!state.handle || !state.session) throw domainError('auth.required');
  return { handle: state.handle, session: state.session };
}


export interface CreateVaultInput {
  organisation: string;
  preset: 'factor-twee' | 'mee';
  admin: { username: string; displayName: string; password: string };
}

/** First run: a random database key, the first administrator's slot and the recovery slot. */
export async function createVault(state: HostState, input: CreateVaultInput): Promise<{ recoveryCode: string; session: Session }> {
  if (vaultExists(state.dir)) throw domainError('vault.exists', { path: state.dir });
  const p = vaultPaths(state.dir);
  if (existsSync(p.database)) throw domainError('vault.exists', { path: state.dir });
  checkPassword(input.admin.password);
  ensureDir(state.dir);
  const vaultId = randomBytes(16).toString('hex');
  const dbKey = randomBytes(32);
  const recoveryCode = newRecoveryCode();
  const now = state.now().toISOString();
  const handle = openVaultHandle(state.dir, dbKey, { create: true });
  try {
    const adminId = handle.sqlite.transaction(() => {
      const ins = handle.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      ins.run('organisation', input.organisation);
      ins.run('policyPreset', input.preset);
      ins.run('createdAt', now);
      const id = Number(handle.sqlite.prepare("INSERT INTO users (username, display_name, role, active, created_at) VALUES (?, ?, 'administrator', 1, ?)")
        .run(input.admin.username, input.admin.displayName, now).lastInsertRowid);
      appendAudit(handle.sqlite, { action: 'vault.create', outcome: 'ok', at: now, userId: id, username: input.admin.username, workstation: state.workstation, objects: { preset: input.preset } });
      return id;
    })();
    const adminSlot = await createSlot(vaultId, { kind: 'user', userId: adminId, username: input.admin.username, secret: input.admin.password, dbKey, cost: state.kdfCost });
    const recoverySlot = await createSlot(vaultId, { kind: 'recovery', userId: null, username: null, secret: recoveryCode, dbKey, cost: state.kdfCost });
    writeSlotFile(state.dir, { format: 'dossierkluis-keyslots', version: 1, vaultId, organisation: input.organisation, createdAt: now, slots: [adminSlot, recoverySlot] });
    const session = sessionFor(handle, adminId, state.workstation);
    state.handle = handle;
    state.session = session;
    return { recoveryCode, session };
  } catch (e) {
    handle.close();
    // Nothing half-made stays behind: a first run either completes or leaves an empty folder.
    for (const f of [p.database, `${p.database}-wal`, `${p.database}-shm`, p.slots, p.anchor]) if (existsSync(f)) rmSync(f, { force: true });
    throw e;
  } finally {
    dbKey.fill(0);
  }
}

/** Replaces one user's slot (new key pair) while the vault is unlocked. */
async function replaceUserSlot(state: HostState, userId: number, username: string, password: string): Promise<void> {
  const { handle } = requireOpen(state);
  const file = readSlotFile(state.dir);
  const slot = await createSlot(file.vaultId, { kind: 'user', userId, username, secret: password, dbKey: handle.key, cost: state.kdfCost });
  writeSlotFile(state.dir, { ...file, slots: [...file.slots.filter((s) => !(s.kind === 'user' && s.userId === userId)), slot] });
}

export const authHandlers: Handlers<typeof authContract> = {
  ...secondFactorHandlers((_state, s) => me(s)),
  'vault.status': (state: HostState) => {
    const initialised = vaultExists(state.dir);
    let organisation: string | null = null;
    if (initialised) {
      try { organisation = readSlotFile(state.dir).organisation; } catch { organisation = null; }
    }
    const idle = state.handle ? state.handle.sqlite.prepare("SELECT value FROM settings WHERE key = 'idleLockMinutes'").get() as { value: string } | undefined : undefined;
    return { initialised, organisation, me: state.session ? me(state.session) : null, idleLockMinutes: idle ? Number(idle.value) : 10, secondFactor: pendingSignIn(state)?.mode ?? null };
  },

  'vault.create': async (state: HostState, input) => {
    if (existsSync(state.dir) && readdirSync(state.dir).some((f) => f === 'keyslots.json' || f === 'vault.db')) throw domainError('vault.exists', { path: state.dir });
    const { recoveryCode } = await createVault(state, input);
    return { recoveryCode };
  },

  'auth.signIn': async (state: HostState, input) => {
    if (state.session) signOut(state); // one user at a time on a workstation
    const step = await beginSignIn(state, input.username, input.password);
    return step.session ? me(step.session) : { secondFactor: step.secondFactor, username: step.username, displayName: step.displayName };
  },

  'auth.signOut': (state: HostState) => {
    signOut(state);
    return { ok: true as const };
  },

  'auth.changePassword': async (state: HostState, input, note: AuditNote) => {
    const { session } = requireOpen(state);
    checkPassword(input.newPassword);
    const file = readSlotFile(state.dir);
    const slot = findUserSlot(file.slots, session.username);
    if (!slot) throw domainError('auth.userNotFound');
    // R09: limited and audited like a sign-in.
    const privateKey = await checkLimited(state, { counter: session.username, username: session.username, action: 'auth.changePassword' }, () => openSlotPrivateKey(file.vaultId, slot, input.currentPassword));
    clearAttempts(state, session.username);
    const next = await rewrapSlot(file.vaultId, slot, privateKey, input.newPassword, state.kdfCost);
    writeSlotFile(state.dir, { ...readSlotFile(state.dir), slots: readSlotFile(state.dir).slots.map((s) => (s.id === slot.id ? next : s)) });
    note.objects = { userId: session.userId };
    return { ok: true as const };
  },

  'auth.recover': async (state: HostState, input) => {
    // The recovery code opens the vault; then the named user gets a new password.
    checkPassword(input.newPassword);
    const file = readSlotFile(state.dir);
    const recovery = file.slots.find((s) => s.kind === 'recovery');
    if (!recovery) throw domainError('auth.wrongRecoveryCode');
    if (state.session) signOut(state);
    // R09: one counter for the recovery slot, never evicted; every wrong code audited and flagged.
    const handle = await checkLimited(state, { counter: RECOVERY_COUNTER, username: input.username, action: 'auth.recover', flagged: true }, () => unlockSlot(state, recovery, normaliseRecoveryCode(input.recoveryCode)), 'auth.wrongRecoveryCode');
    clearAttempts(state, RECOVERY_COUNTER);
    const user = handle.sqlite.prepare('SELECT id FROM users WHERE username = ? AND active = 1').get(input.username) as { id: number } | undefined;
    if (!user) {
      if (!state.handle) handle.close();
      throw domainError('auth.userNotFound');
    }
    state.handle = handle;
    state.session = sessionFor(handle, user.id, state.workstation);
    await replaceUserSlot(state, user.id, input.username, input.newPassword);
    handle.sqlite.transaction(() => appendAudit(handle.sqlite, { action: 'auth.recover', outcome: 'ok', at: state.now().toISOString(), userId: user.id, username: input.username, workstation: state.workstation }))();
    signOut(state);
    return { ok: true as const };
  },

  'users.list': (ctx: Ctx) => (ctx.sqlite.prepare('SELECT id, username, display_name AS displayName, role, active, created_at AS createdAt FROM users ORDER BY display_name').all() as { id: number; username: string; displayName: string; role: Role; active: number; createdAt: string }[])
    .map((u) => ({ ...u, active: u.active === 1 })),

  'users.create': async (state: HostState, input, note: AuditNote) => {
    const { handle } = requireOpen(state);
    checkPassword(input.password);
    if (handle.sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) throw domainError('auth.usernameTaken', { username: input.username });
    const file = readSlotFile(state.dir);
    const slot = await createSlot(file.vaultId, { kind: 'user', userId: null, username: input.username, secret: input.password, dbKey: handle.key, cost: state.kdfCost });
    const now = state.now().toISOString();
    // The user row and the slot land together: if the slot file cannot be written, the row rolls back.
    const id = handle.sqlite.transaction(() => {
      const newId = Number(handle.sqlite.prepare('INSERT INTO users (username, display_name, role, active, created_at) VALUES (?, ?, ?, 1, ?)').run(input.username, input.displayName, input.role, now).lastInsertRowid);
      writeSlotFile(state.dir, { ...readSlotFile(state.dir), slots: [...readSlotFile(state.dir).slots, { ...slot, userId: newId }] });
      return newId;
    })();
    note.objects = { userId: id, role: input.role };
    return { id, username: input.username, displayName: input.displayName, role: input.role, active: true, createdAt: now };
  },

  'users.resetPassword': async (state: HostState, input, note: AuditNote) => {
    const { handle } = requireOpen(state);
    checkPassword(input.newPassword);
    const u = handle.sqlite.prepare('SELECT id, username FROM users WHERE id = ? AND active = 1').get(input.userId) as { id: number; username: string } | undefined;
    if (!u) throw domainError('auth.userNotFound');
    await replaceUserSlot(state, u.id, u.username, input.newPassword);
    note.objects = { userId: u.id };
    return { ok: true as const };
  },

  'users.deactivate': (state: HostState, input, note: AuditNote) => {
    // The slot goes and the database gets a new key, so a copy of the old slot opens nothing
    // new; everything the user wrote stays (rows keep pointing at the deactivated user).
    const { handle, session } = requireOpen(state);
    const u = handle.sqlite.prepare('SELECT id, role FROM users WHERE id = ? AND active = 1').get(input.userId) as { id: number; role: Role } | undefined;
    if (!u) throw domainError('auth.userNotFound');
    if (u.role === 'administrator') {
      const admins = (handle.sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'administrator' AND active = 1").get() as { n: number }).n;
      if (admins <= 1 || u.id === session.userId) throw domainError('auth.lastAdministrator');
    }
    handle.sqlite.transaction(() => {
      handle.sqlite.prepare('UPDATE users SET active = 0, deactivated_at = ? WHERE id = ?').run(state.now().toISOString(), u.id);
      handle.sqlite.prepare('DELETE FROM caseload WHERE user_id = ?').run(u.id);
    })();
    const remaining = readSlotFile(state.dir).slots.filter((s) => !(s.kind === 'user' && s.userId === u.id));
    rekeyVault(handle, remaining);
    note.objects = { userId: u.id };
    return { ok: true as const };
  },
};
