// Signing in = unlocking your key slot (R09: rate-limited with a persisted, growing delay).
// Attempts made while the database is closed cannot be written to the encrypted audit trail
// yet; they wait in the attempts file and move into the trail at the next unlock (R05).
import { domainError, isDomainError } from '../api/errors.ts';
import type { Role } from '../api/permissions.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { appendAudit } from '../audit/chain.ts';
import { readSignIns, readSlotFile, writeSignIns } from '../vault/files.ts';
import { SlotOpenError, deriveKek, openSlotPrivateKey, type Slot } from '../vault/keyslots.ts';
import { keyCandidates, openWithCandidates, sameKey, type VaultHandle } from '../vault/vault.ts';
import type { HostState, Session } from '../router/context.ts';

/** Free attempts before the delay starts; then 2, 4, 8 … seconds, at most 15 minutes. */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 15 * 60;

export function delaySeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_S);
}

function checkRateLimit(state: HostState, username: string): void {
  const f = readSignIns(state.dir).failures[username];
  if (!f) return;
  const waitUntil = Date.parse(f.last) + delaySeconds(f.count) * 1000;
  const now = state.now().getTime();
  if (now < waitUntil) {
    recordAttempt(state, username, 'denied');
    throw domainError('auth.rateLimited', { seconds: Math.ceil((waitUntil - now) / 1000) });
  }
}

/** Writes an attempt to the audit trail when it is open, otherwise to the attempts file. */
function recordAttempt(state: HostState, username: string, outcome: 'failed' | 'denied'): void {
  const at = state.now().toISOString();
  const record = readSignIns(state.dir);
  if (outcome === 'failed') {
    const prev = record.failures[username];
    record.failures[username] = { count: (prev?.count ?? 0) + 1, last: at };
    // Bounded: a flood of invented usernames cannot grow the file without limit.
    const names = Object.keys(record.failures);
    if (names.length > 200) delete record.failures[names[0]!];
  }
  if (state.handle) {
    const sqlite = state.handle.sqlite;
    sqlite.transaction(() => appendAudit(sqlite, { action: 'auth.signIn', outcome, at, userId: null, username, workstation: state.workstation }))();
    flushAnchor(sqlite);
  } else if (record.pendingAudit.length < 1000) {
    record.pendingAudit.push({ at, username, workstation: state.workstation, outcome, action: 'auth.signIn' });
  }
  writeSignIns(state.dir, record);
}

function flushPendingAttempts(state: HostState, handle: VaultHandle, username: string): void {
  const record = readSignIns(state.dir);
  const sqlite = handle.sqlite;
  sqlite.transaction(() => {
    for (const p of record.pendingAudit) appendAudit(sqlite, { action: p.action, outcome: p.outcome, at: p.at, userId: null, username: p.username, workstation: p.workstation });
  })();
  delete record.failures[username];
  writeSignIns(state.dir, { failures: record.failures, pendingAudit: [] });
}

export function findUserSlot(slots: Slot[], username: string): Slot | undefined {
  return slots.find((s) => s.kind === 'user' && s.username === username);
}

/** Unlocks with a slot's secret and returns the open vault (the current one if already open). */
export async function unlockSlot(state: HostState, slot: Slot, secret: string): Promise<VaultHandle> {
  const file = readSlotFile(state.dir);
  const privateKey = await openSlotPrivateKey(file.vaultId, slot, secret);
  const keys = keyCandidates(file, slot, privateKey);
  if (state.handle) {
    if (!keys.some((k) => sameKey(k, state.handle!.key))) throw domainError('vault.damaged', { detail: 'sleutel past niet' });
    return state.handle;
  }
  return openWithCandidates(state.dir, keys);
}

export function sessionFor(handle: VaultHandle, userId: number, workstation: string): Session {
  const u = handle.sqlite.prepare('SELECT id, username, display_name AS displayName, role, active, approval FROM users WHERE id = ?').get(userId) as { id: number; username: string; displayName: string; role: Role; active: number; approval: string } | undefined;
  if (!u || u.active !== 1) throw domainError('auth.userInactive');
  if (u.approval === 'pending') throw domainError('auth.pendingApproval'); // issue 12, finding 5
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, workstation, onBehalfOf: null };
}

export async function signIn(state: HostState, username: string, password: string): Promise<Session> {
  const file = readSlotFile(state.dir);
  checkRateLimit(state, username);
  const slot = findUserSlot(file.slots, username);
  let handle: VaultHandle;
  try {
    if (!slot) {
      // Same work as a real attempt, so timing does not tell which usernames exist.
      await deriveKek(password, { ...file.slots[0]!.kdf });
      throw new SlotOpenError();
    }
    handle = await unlockSlot(state, slot, password);
  } catch (e) {
    if (e instanceof SlotOpenError) {
      recordAttempt(state, username, 'failed');
      throw domainError('auth.wrongPassword');
    }
    throw e;
  }
  const opened = !state.handle;
  try {
    const session = sessionFor(handle, slot!.userId!, state.workstation);
    flushPendingAttempts(state, handle, username);
    const sqlite = handle.sqlite;
    sqlite.transaction(() => appendAudit(sqlite, { action: 'auth.signIn', outcome: 'ok', at: state.now().toISOString(), userId: session.userId, username, workstation: state.workstation }))();
    flushAnchor(sqlite);
    state.handle = handle;
    state.session = session;
    return session;
  } catch (e) {
    if (opened) handle.close();
    if (isDomainError(e)) throw e;
    throw e;
  }
}

/** Locking drops the session and, with it, the key from memory. */
export function signOut(state: HostState): void {
  if (state.handle && state.session) {
    const sqlite = state.handle.sqlite;
    const s = state.session;
    sqlite.transaction(() => appendAudit(sqlite, { action: 'auth.signOut', outcome: 'ok', at: state.now().toISOString(), userId: s.userId, username: s.username, workstation: state.workstation }))();
  }
  state.session = null;
  state.handle?.close();
  state.handle = null;
}
