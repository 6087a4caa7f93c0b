// Vault creation, sign-in, passwords, recovery and user management. Operations that derive keys
// are host-level (asynchronous); each writes its own audit line through the router.
import { randomBytes } from 'node:crypto';
import { domainError } from '../api/errors.ts';
import { roleHas, rolePermissions, type Role } from '../api/permissions.ts';
import { appendAudit } from '../audit/chain.ts';
import { ensureDir, readSlotFile, vaultExists, vaultPaths, writeSlotFile } from '../vault/files.ts';
import { createSlot, newRecoveryCode, normaliseRecoveryCode, openSlotPrivateKey, rewrapSlot } from '../vault/keyslots.ts';
import { openVaultHandle, rekeyVault, type VaultHandle } from '../vault/vault.ts';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { loadPolicy, savePolicy } from '../requests/policy.ts';
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

type PasswordHow = 'created' | 'reset' | 'recovery' | 'self';

function passwordState(sqlite: Sqlite, userId: number) {
  // Cached: the router asks this on every call.
  return prepared(sqlite, `SELECT u.password_temporary AS temporary, u.password_set_how AS how, u.password_set_at AS at, b.display_name AS byName
    FROM users u LEFT JOIN users b ON b.id = u.password_set_by WHERE u.id = ?`).get(userId) as { temporary: number; how: PasswordHow | null; at: string | null; byName: string | null } | undefined;
}

function me(sqlite: Sqlite, s: Session) {
  const p = passwordState(sqlite, s.userId);
  const temporary = p?.temporary === 1;
  // The owner sees who set the password and when, as long as it is not their own (finding 5).
  const passwordNotice = temporary && p?.how && p.how !== 'self' && p.at ? { how: p.how, by: p.how === 'recovery' ? null : p.byName, at: p.at } : null;
  return { userId: s.userId, username: s.username, displayName: s.displayName, role: s.role, permissions: [...rolePermissions[s.role]], mustChangePassword: temporary, passwordNotice };
}

/** True while the signed-in user's password is one someone else set (the router then allows only auth.changePassword). */
export function passwordChangeRequired(state: HostState): boolean {
  if (!state.handle || !state.session) return false;
  return passwordState(state.handle.sqlite, state.session.userId)?.temporary === 1;
}

/** Records who set a user's password; any password not set by its owner is temporary. */
function markPasswordSet(sqlite: Sqlite, userId: number, how: PasswordHow, by: number | null, at: string): void {
  sqlite.prepare('UPDATE users SET password_temporary = ?, password_set_how = ?, password_set_by = ?, password_set_at = ? WHERE id = ?')
    .run(how === 'self' ? 0 : 1, how, by, at, userId);
}

/** R09: the policy's idle time, for the renderer's lock and the host's own (issue 12, finding 7). */
export function idleLockMinutes(sqlite: Sqlite): number {
  return loadPolicy(sqlite).profile.idleLockMinutes;
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

/**
 * Replaces one user's slot (new key pair) and records who set the password, together: if the slot
 * file cannot be written, the row rolls back.
 */
async function replaceUserSlot(state: HostState, handle: VaultHandle, user: { id: number; username: string }, password: string, set: { how: PasswordHow; by: number | null }): Promise<void> {
  const file = readSlotFile(state.dir);
  const slot = await createSlot(file.vaultId, { kind: 'user', userId: user.id, username: user.username, secret: password, dbKey: handle.key, cost: state.kdfCost });
  handle.sqlite.transaction(() => {
    markPasswordSet(handle.sqlite, user.id, set.how, set.by, state.now().toISOString());
    const current = readSlotFile(state.dir);
    writeSlotFile(state.dir, { ...current, slots: [...current.slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot] });
  })();
}

/** An active privacy officer who can approve new accounts (their own account approved). */
function hasApprover(sqlite: Sqlite): boolean {
  return !!sqlite.prepare("SELECT 1 FROM users WHERE role = 'privacyOfficer' AND active = 1 AND approval = 'approved'").get();
}

/**
 * The slot goes and the database gets a new key, so a copy of the old slot opens nothing new;
 * everything the user wrote stays (rows keep pointing at the deactivated user).
 */
function deactivateUser(state: HostState, handle: VaultHandle, userId: number): void {
  handle.sqlite.transaction(() => {
    handle.sqlite.prepare('UPDATE users SET active = 0, deactivated_at = ? WHERE id = ?').run(state.now().toISOString(), userId);
    handle.sqlite.prepare('DELETE FROM caseload WHERE user_id = ?').run(userId);
  })();
  const remaining = readSlotFile(state.dir).slots.filter((s) => !(s.kind === 'user' && s.userId === userId));
  rekeyVault(handle, remaining);
}

export const authHandlers: Handlers<typeof authContract> = {
  ...secondFactorHandlers((state, s) => me(state.handle!.sqlite, s)),
  'vault.status': (state: HostState) => {
    const initialised = vaultExists(state.dir);
    let organisation: string | null = null;
    if (initialised) {
      try { organisation = readSlotFile(state.dir).organisation; } catch { organisation = null; }
    }
    // Locked, the policy cannot be read; the preset's default holds until someone signs in.
    const idle = state.handle ? idleLockMinutes(state.handle.sqlite) : 10;
    return { initialised, organisation, me: state.session && state.handle ? me(state.handle.sqlite, state.session) : null, idleLockMinutes: idle, secondFactor: pendingSignIn(state)?.mode ?? null };
  },

  'vault.create': async (state: HostState, input) => {
    if (existsSync(state.dir) && readdirSync(state.dir).some((f) => f === 'keyslots.json' || f === 'vault.db')) throw domainError('vault.exists', { path: state.dir });
    const { recoveryCode } = await createVault(state, input);
    return { recoveryCode };
  },

  'auth.signIn': async (state: HostState, input) => {
    if (state.session) signOut(state); // one user at a time on a workstation
    const step = await beginSignIn(state, input.username, input.password);
    return step.session ? me(state.handle!.sqlite, step.session) : { secondFactor: step.secondFactor, username: step.username, displayName: step.displayName };
  },

  'auth.signOut': (state: HostState) => {
    signOut(state);
    return { ok: true as const };
  },

  'auth.changePassword': async (state: HostState, input, note: AuditNote) => {
    const { handle, session } = requireOpen(state);
    checkPassword(input.newPassword);
    // A temporary password kept as it is would stay known to whoever set it (finding 5).
    if (input.newPassword === input.currentPassword) throw domainError('auth.samePassword');
    const file = readSlotFile(state.dir);
    const slot = findUserSlot(file.slots, session.username);
    if (!slot) throw domainError('auth.userNotFound');
    // R09: limited and audited like a sign-in.
    const privateKey = await checkLimited(state, { counter: session.username, username: session.username, action: 'auth.changePassword' }, () => openSlotPrivateKey(file.vaultId, slot, input.currentPassword));
    clearAttempts(state, session.username);
    const next = await rewrapSlot(file.vaultId, slot, privateKey, input.newPassword, state.kdfCost);
    handle.sqlite.transaction(() => {
      markPasswordSet(handle.sqlite, session.userId, 'self', session.userId, state.now().toISOString());
      const current = readSlotFile(state.dir);
      writeSlotFile(state.dir, { ...current, slots: current.slots.map((s) => (s.id === slot.id ? next : s)) });
    })();
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
    // Nobody signs in here: the line names the recovery slot as the actor and the user as the
    // object, flagged for the monthly review; the user sees it at their next sign-in (finding 5).
    await replaceUserSlot(state, handle, { id: user.id, username: input.username }, input.newPassword, { how: 'recovery', by: null });
    handle.sqlite.transaction(() => appendAudit(handle.sqlite, {
      action: 'auth.recover', outcome: 'ok', at: state.now().toISOString(), userId: null, username: null, workstation: state.workstation,
      objects: { keySlot: 'recovery', userId: user.id, username: input.username }, flagged: true,
    }))();
    signOut(state);
    return { ok: true as const };
  },

  'users.list': (ctx: Ctx) => (ctx.sqlite.prepare('SELECT id, username, display_name AS displayName, role, active, created_at AS createdAt, password_temporary AS passwordTemporary, approval FROM users ORDER BY display_name').all() as { id: number; username: string; displayName: string; role: Role; active: number; createdAt: string; passwordTemporary: number; approval: 'approved' | 'pending' }[])
    .map((u) => ({ ...u, active: u.active === 1, passwordTemporary: u.passwordTemporary === 1 })),

  'users.pendingApproval': (ctx: Ctx) => ctx.sqlite.prepare(`SELECT u.id, u.username, u.display_name AS displayName, u.role, u.created_at AS createdAt, c.display_name AS createdBy
    FROM users u LEFT JOIN users c ON c.id = u.created_by WHERE u.active = 1 AND u.approval = 'pending' ORDER BY u.created_at`).all() as { id: number; username: string; displayName: string; role: Role; createdAt: string; createdBy: string | null }[],

  'users.decide': (state: HostState, input, note: AuditNote) => {
    const { handle } = requireOpen(state);
    const u = handle.sqlite.prepare("SELECT id FROM users WHERE id = ? AND active = 1 AND approval = 'pending'").get(input.userId) as { id: number } | undefined;
    if (!u) throw domainError('auth.notPending');
    if (input.approve) handle.sqlite.prepare("UPDATE users SET approval = 'approved' WHERE id = ?").run(u.id);
    else deactivateUser(state, handle, u.id);
    note.objects = { userId: u.id, approved: input.approve };
    return { ok: true as const };
  },

  'policy.setIdleLock': (ctx: Ctx, input) => {
    const { profile } = loadPolicy(ctx.sqlite);
    if (input.idleLockMinutes > profile.idleLockMinutes) throw domainError('policy.privacyOfficerOnly');
    savePolicy(ctx.sqlite, undefined, { ...profile, idleLockMinutes: input.idleLockMinutes });
    ctx.note.objects = { idleLockMinutes: input.idleLockMinutes, previous: profile.idleLockMinutes };
    return { idleLockMinutes: input.idleLockMinutes };
  },

  'users.create': async (state: HostState, input, note: AuditNote) => {
    const { handle, session } = requireOpen(state);
    checkPassword(input.password);
    if (handle.sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) throw domainError('auth.usernameTaken', { username: input.username });
    const file = readSlotFile(state.dir);
    const slot = await createSlot(file.vaultId, { kind: 'user', userId: null, username: input.username, secret: input.password, dbKey: handle.key, cost: state.kdfCost });
    const now = state.now().toISOString();
    // A second person (finding 5): a new account with dossier access waits for a privacy officer's
    // approval, as soon as the organisation has one; before that, the flag in the review is all.
    const approval = roleHas(input.role, 'dossier.read') && hasApprover(handle.sqlite) ? 'pending' : 'approved';
    // The user row and the slot land together: if the slot file cannot be written, the row rolls back.
    const id = handle.sqlite.transaction(() => {
      const newId = Number(handle.sqlite.prepare('INSERT INTO users (username, display_name, role, active, created_at, approval, created_by) VALUES (?, ?, ?, 1, ?, ?, ?)').run(input.username, input.displayName, input.role, now, approval, session.userId).lastInsertRowid);
      markPasswordSet(handle.sqlite, newId, 'created', session.userId, now);
      writeSlotFile(state.dir, { ...readSlotFile(state.dir), slots: [...readSlotFile(state.dir).slots, { ...slot, userId: newId }] });
      return newId;
    })();
    // A new account is a way into dossiers (or into user management): always in the monthly review.
    note.objects = { userId: id, role: input.role, temporaryPassword: true, approval };
    note.flagged = true;
    return { id, username: input.username, displayName: input.displayName, role: input.role, active: true, createdAt: now, passwordTemporary: true, approval };
  },

  'users.resetPassword': async (state: HostState, input, note: AuditNote) => {
    const { handle, session } = requireOpen(state);
    checkPassword(input.newPassword);
    const u = handle.sqlite.prepare('SELECT id, username, role FROM users WHERE id = ? AND active = 1').get(input.userId) as { id: number; username: string; role: Role } | undefined;
    if (!u) throw domainError('auth.userNotFound');
    // The administrator knows this password: it is temporary, its owner is told who set it, and
    // the reset is flagged for the monthly review (finding 5).
    await replaceUserSlot(state, handle, u, input.newPassword, { how: 'reset', by: session.userId });
    note.objects = { userId: u.id, role: u.role, temporaryPassword: true };
    note.flagged = true;
    return { ok: true as const };
  },

  'users.deactivate': (state: HostState, input, note: AuditNote) => {
    const { handle, session } = requireOpen(state);
    const u = handle.sqlite.prepare('SELECT id, role FROM users WHERE id = ? AND active = 1').get(input.userId) as { id: number; role: Role } | undefined;
    if (!u) throw domainError('auth.userNotFound');
    if (u.role === 'administrator') {
      const admins = (handle.sqlite.prepare("SELECT count(*) AS n FROM users WHERE role = 'administrator' AND active = 1").get() as { n: number }).n;
      if (admins <= 1 || u.id === session.userId) throw domainError('auth.lastAdministrator');
    }
    deactivateUser(state, handle, u.id);
    note.objects = { userId: u.id };
    return { ok: true as const };
  },
};
