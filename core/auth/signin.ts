// Signing in = unlocking your key slot (R09: rate-limited with a persisted, growing delay), and
// then, when the user enrolled or the policy requires it, a second factor (R08, totp.ts).
// Attempts made while the database is closed cannot be written to the encrypted audit trail
// yet; they wait in the attempts file and move into the trail at the next unlock (R05).
import type { KeyObject } from 'node:crypto';
import { domainError, type ErrorCode } from '../api/errors.ts';
import type { Role } from '../api/permissions.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { appendAudit } from '../audit/chain.ts';
import { readSignIns, readSlotFile, withSignInLock, writeSignIns, type PendingAttempt, type SignInRecord } from '../vault/files.ts';
import { SlotOpenError, deriveKek, openSlotPrivateKey, type Slot } from '../vault/keyslots.ts';
import { keyCandidates, openWithCandidates, sameKey, type VaultHandle } from '../vault/vault.ts';
import type { HostState, Session } from '../router/context.ts';
import { warmSearch } from '../dossiers/search.ts';
import { enrolledFor, isTotpRequired, openTotp, useSecondFactor, WrongSecretError } from './totp.ts';

/** Free attempts before the delay starts; then 2, 4, 8 … seconds, at most 15 minutes. */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 15 * 60;
/** Invented names whose delay is kept; real users' counters are never evicted by them (R09). */
export const MAX_UNKNOWN_NAMES = 200;
/** Pending audit lines kept for invented names while locked; beyond it only their number. */
export const MAX_PENDING_UNKNOWN = 1000;
/** Pending lines for real names: at the maximum delay about 100 days of guessing. */
const MAX_PENDING_KNOWN = 10_000;
/** The counter of the organisation's recovery slot: not a valid username, so no user shares it. */
export const RECOVERY_COUNTER = '#herstelcode';

export function delaySeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_S);
}

/** Whose secret is checked: the counter it counts against and the audit line a failure gets. */
export interface AttemptSubject {
  counter: string;
  username: string;
  action: string;
  flagged?: boolean;
}

/** A name with a key slot is a real user (the slot file says so without the key). */
function isKnown(dir: string, counter: string): boolean {
  if (counter === RECOVERY_COUNTER) return true;
  try {
    return readSlotFile(dir).slots.some((s) => s.kind === 'user' && s.username === counter);
  } catch {
    return false;
  }
}

/** The database this host has open, also halfway through a sign-in (second factor pending). */
function openHandle(state: HostState): VaultHandle | null {
  return state.handle ?? pendingSignIns.get(state)?.handle ?? null;
}

function addPending(record: SignInRecord, entry: PendingAttempt): void {
  // Refusals in a row for one name are one line with a count: they cost the caller nothing, so
  // they must not be able to fill the list.
  if (entry.outcome === 'denied') {
    for (let i = record.pendingAudit.length - 1; i >= 0; i--) {
      const p = record.pendingAudit[i]!;
      if (p.username !== entry.username || p.action !== entry.action) continue;
      if (p.outcome === 'denied') {
        p.count = (p.count ?? 1) + 1;
        p.at = entry.at;
        return;
      }
      break;
    }
  }
  const sameKind = record.pendingAudit.filter((p) => (p.known ?? false) === (entry.known ?? false)).length;
  if (sameKind >= (entry.known ? MAX_PENDING_KNOWN : MAX_PENDING_UNKNOWN)) {
    // Invented names have their own budget, so they can never push out a real user's line.
    record.dropped = { count: (record.dropped?.count ?? 0) + 1, first: record.dropped?.first ?? entry.at, last: entry.at };
    return;
  }
  record.pendingAudit.push(entry);
}

/** The attempt's audit line: into the trail when it is open, else pending in the attempts file. */
function auditAttempt(state: HostState, record: SignInRecord, subject: AttemptSubject, known: boolean, outcome: 'failed' | 'denied'): void {
  const at = state.now().toISOString();
  const handle = openHandle(state);
  if (handle) {
    const sqlite = handle.sqlite;
    sqlite.transaction(() => appendAudit(sqlite, { action: subject.action, outcome, at, userId: null, username: subject.username, workstation: state.workstation, flagged: subject.flagged ?? false }))();
    flushAnchor(sqlite);
    return;
  }
  addPending(record, { at, username: subject.username, workstation: state.workstation, outcome, action: subject.action, known, ...(subject.flagged ? { flagged: true } : {}) });
}

function table(record: SignInRecord, known: boolean) {
  return known ? record.failures : record.unknownFailures;
}

interface Reservation { known: boolean; before: { count: number; last: string } | undefined; wrote: { count: number; last: string } }

/**
 * One step under the attempts lock: refuse while the delay runs, or count this attempt as failed
 * *before* the secret is checked. Parallel attempts, in this process or another, each see the
 * ones before them, so N processes do not get N guesses per window (R09).
 */
function reserveAttempt(state: HostState, subject: AttemptSubject, known: boolean): Reservation {
  let reservation: Reservation | undefined;
  const wait = withSignInLock(state.dir, () => {
    const record = readSignIns(state.dir);
    const t = table(record, known);
    const f = t[subject.counter];
    const now = state.now().getTime();
    const waitUntil = f ? Date.parse(f.last) + delaySeconds(f.count) * 1000 : 0;
    if (now < waitUntil) {
      auditAttempt(state, record, subject, known, 'denied');
      writeSignIns(state.dir, record);
      return Math.ceil((waitUntil - now) / 1000);
    }
    const wrote = { count: (f?.count ?? 0) + 1, last: state.now().toISOString() };
    t[subject.counter] = wrote;
    reservation = { known, before: f ? { ...f } : undefined, wrote };
    if (!known) {
      const names = Object.entries(record.unknownFailures).sort((a, b) => a[1].last.localeCompare(b[1].last));
      for (const [name] of names.slice(0, Math.max(0, names.length - MAX_UNKNOWN_NAMES))) delete record.unknownFailures[name];
    }
    writeSignIns(state.dir, record);
    return 0;
  });
  if (wait > 0 || !reservation) throw domainError('auth.rateLimited', { seconds: wait });
  return reservation;
}

/** Takes a reservation back: the secret was right, or the check failed for another reason. */
function undoReservation(state: HostState, counter: string, r: Reservation): void {
  updateRecord(state, (record) => {
    const t = table(record, r.known);
    const now = t[counter];
    if (now && now.count === r.wrote.count && now.last === r.wrote.last) {
      // Nobody counted in between: back to exactly what it was (the file stays byte-identical).
      if (r.before) t[counter] = r.before;
      else delete t[counter];
    } else if (now) {
      now.count = Math.max(0, now.count - 1);
    }
  });
}

function updateRecord(state: HostState, change: (r: SignInRecord) => void): void {
  withSignInLock(state.dir, () => {
    const record = readSignIns(state.dir);
    const before = JSON.stringify(record);
    change(record);
    if (JSON.stringify(record) !== before) writeSignIns(state.dir, record); // a synced write saved
  });
}

/** A finished sign-in (or a right current password) clears the counter. */
export function clearAttempts(state: HostState, counter: string): void {
  const known = isKnown(state.dir, counter);
  updateRecord(state, (r) => { delete table(r, known)[counter]; });
}

/**
 * Every check of a password, a recovery code or a second-factor code goes through here (R09):
 * one counter per user (or the recovery slot), the delay before the check, and an audit line for
 * every failure and refusal. `check` throws SlotOpenError or WrongSecretError for a wrong secret.
 * A right secret takes back only its own count: the caller clears earlier failures when the
 * whole step is done (so a known password does not buy fresh guesses at the second factor).
 */
export async function checkLimited<T>(state: HostState, subject: AttemptSubject, check: () => Promise<T> | T, wrongCode: ErrorCode = 'auth.wrongPassword'): Promise<T> {
  const known = isKnown(state.dir, subject.counter);
  const reservation = reserveAttempt(state, subject, known);
  let value: T;
  try {
    value = await check();
  } catch (e) {
    if (e instanceof SlotOpenError || e instanceof WrongSecretError) {
      updateRecord(state, (r) => auditAttempt(state, r, subject, known, 'failed'));
      throw domainError(e instanceof WrongSecretError ? e.code : wrongCode);
    }
    // Not a wrong secret (the vault is in use, a file is damaged): this attempt guessed nothing.
    undoReservation(state, subject.counter, reservation);
    throw e;
  }
  // A right secret is no failed attempt; earlier failures stay until the whole step is done.
  undoReservation(state, subject.counter, reservation);
  return value;
}

function flushPendingAttempts(state: HostState, handle: VaultHandle): void {
  withSignInLock(state.dir, () => {
    const record = readSignIns(state.dir);
    if (record.pendingAudit.length === 0 && !record.dropped) return;
    const sqlite = handle.sqlite;
    sqlite.transaction(() => {
      for (const p of record.pendingAudit) {
        appendAudit(sqlite, { action: p.action, outcome: p.outcome, at: p.at, userId: null, username: p.username, workstation: p.workstation, flagged: p.flagged ?? false, objects: p.count ? { count: p.count } : {} });
      }
      if (record.dropped) {
        // The list was full: at least the number of attempts that did not fit reaches the trail.
        appendAudit(sqlite, { action: 'auth.signInAttemptsDropped', outcome: 'failed', at: state.now().toISOString(), userId: null, username: null, workstation: state.workstation, flagged: true, objects: { ...record.dropped } });
      }
    })();
    flushAnchor(sqlite);
    writeSignIns(state.dir, { ...record, pendingAudit: [], dropped: null });
  });
}

export function findUserSlot(slots: Slot[], username: string): Slot | undefined {
  return slots.find((s) => s.kind === 'user' && s.username === username);
}

/** Unlocks with a slot's secret: the open vault (the current one if already open) and the slot's private key. */
async function openSlot(state: HostState, slot: Slot, secret: string): Promise<{ handle: VaultHandle; privateKey: KeyObject }> {
  const file = readSlotFile(state.dir);
  const privateKey = await openSlotPrivateKey(file.vaultId, slot, secret);
  const keys = keyCandidates(file, slot, privateKey);
  const current = openHandle(state);
  if (current) {
    if (!keys.some((k) => sameKey(k, current.key))) throw domainError('vault.damaged', { detail: 'sleutel past niet' });
    return { handle: current, privateKey };
  }
  return { handle: openWithCandidates(state.dir, keys), privateKey };
}

/** Unlocks with a slot's secret and returns the open vault (the current one if already open). */
export async function unlockSlot(state: HostState, slot: Slot, secret: string): Promise<VaultHandle> {
  return (await openSlot(state, slot, secret)).handle;
}

export function sessionFor(handle: VaultHandle, userId: number, workstation: string): Session {
  const u = handle.sqlite.prepare('SELECT id, username, display_name AS displayName, role, active, approval FROM users WHERE id = ?').get(userId) as { id: number; username: string; displayName: string; role: Role; active: number; approval: string } | undefined;
  if (!u || u.active !== 1) throw domainError('auth.userInactive');
  if (u.approval === 'pending') throw domainError('auth.pendingApproval'); // issue 12, finding 5
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, workstation, onBehalfOf: null };
}

/**
 * A sign-in halfway: the password was right, the second factor is still to come. There is no
 * session yet, so every operation but the second-factor ones answers auth.required (R08).
 */
interface PendingSignIn {
  handle: VaultHandle;
  /** The database was opened by this sign-in (and is closed again if it is abandoned). */
  opened: boolean;
  session: Session;
  slot: Slot;
  privateKey: KeyObject;
  mode: 'totp' | 'enrol';
  timer: ReturnType<typeof setTimeout>;
}
const pendingSignIns = new WeakMap<HostState, PendingSignIn>();
/** How long the password step stays valid without the second factor. */
const PENDING_MS = 5 * 60_000;

export function pendingSignIn(state: HostState): Omit<PendingSignIn, 'timer'> | null {
  return pendingSignIns.get(state) ?? null;
}

export function discardPendingSignIn(state: HostState): void {
  const p = pendingSignIns.get(state);
  if (!p) return;
  pendingSignIns.delete(state);
  clearTimeout(p.timer);
  if (p.opened && state.handle !== p.handle) p.handle.close();
}

function completeSignIn(state: HostState, handle: VaultHandle, session: Session, secondFactor: 'totp' | 'recoveryCode' | 'enrolled' | null): Session {
  const p = pendingSignIns.get(state);
  if (p) { clearTimeout(p.timer); pendingSignIns.delete(state); }
  const sqlite = handle.sqlite;
  sqlite.transaction(() => appendAudit(sqlite, {
    action: 'auth.signIn', outcome: 'ok', at: state.now().toISOString(), userId: session.userId, username: session.username, workstation: state.workstation,
    objects: secondFactor ? { secondFactor } : {},
    flagged: secondFactor === 'recoveryCode', // a used recovery code is worth a look in the review
  }))();
  flushAnchor(sqlite);
  clearAttempts(state, session.username);
  warmSearch(sqlite);
  state.handle = handle;
  state.session = session;
  return session;
}

export type SignInStep = { session: Session } | { secondFactor: 'totp' | 'enrol'; session: null; username: string; displayName: string };

/** The password step. Ends signed in, or with the second factor pending (R08). */
export async function beginSignIn(state: HostState, username: string, password: string): Promise<SignInStep> {
  discardPendingSignIn(state);
  const file = readSlotFile(state.dir);
  const slot = findUserSlot(file.slots, username);
  const { handle, privateKey } = await checkLimited(state, { counter: username, username, action: 'auth.signIn' }, async () => {
    if (!slot) {
      // Same work as a real attempt, so timing does not tell which usernames exist.
      await deriveKek(password, { ...file.slots[0]!.kdf });
      throw new SlotOpenError();
    }
    return openSlot(state, slot, password);
  });
  const opened = handle !== openHandle(state);
  try {
    const session = sessionFor(handle, slot!.userId!, state.workstation);
    flushPendingAttempts(state, handle);
    const enrolled = enrolledFor(handle.sqlite, session.userId, slot!.id);
    const mode = enrolled ? 'totp' : isTotpRequired(handle.sqlite) ? 'enrol' : null;
    if (!mode) return { session: completeSignIn(state, handle, session, null) };
    const timer = setTimeout(() => discardPendingSignIn(state), PENDING_MS);
    timer.unref?.();
    pendingSignIns.set(state, { handle, opened, session, slot: slot!, privateKey, mode, timer });
    return { secondFactor: mode, session: null, username: session.username, displayName: session.displayName };
  } catch (e) {
    if (opened && !pendingSignIns.has(state)) handle.close();
    throw e;
  }
}

/** The second step: a TOTP code or one of the user's recovery codes, limited like the password. */
export async function verifySecondFactor(state: HostState, code: string): Promise<Session> {
  const p = pendingSignIns.get(state);
  if (!p || p.mode !== 'totp') throw domainError('auth.required');
  const vaultId = readSlotFile(state.dir).vaultId;
  const how = await checkLimited(state, { counter: p.session.username, username: p.session.username, action: 'auth.secondFactor' }, () => {
    const stored = enrolledFor(p.handle.sqlite, p.session.userId, p.slot.id);
    if (!stored) throw domainError('auth.required');
    let secrets;
    try { secrets = openTotp(vaultId, stored, p.privateKey); } catch { throw domainError('vault.damaged', { detail: 'tweede factor onleesbaar' }); }
    return useSecondFactor(p.handle.sqlite, p.session.userId, stored, secrets, code, state.now().getTime());
  }, 'auth.wrongTotp');
  return completeSignIn(state, p.handle, p.session, how);
}

/** Enrolment done as part of signing in (policy requires it, user had none): sign-in completes. */
export function completeEnrolmentSignIn(state: HostState): Session {
  const p = pendingSignIns.get(state);
  if (!p || p.mode !== 'enrol') throw domainError('auth.required');
  return completeSignIn(state, p.handle, p.session, 'enrolled');
}

/**
 * For the CLI and tests: the whole sign-in in one call. With a second factor pending it needs
 * `secondFactorCode`; without one it stops with auth.secondFactorRequired and keeps nothing open.
 */
export async function signIn(state: HostState, username: string, password: string, opts: { secondFactorCode?: string | (() => Promise<string>) } = {}): Promise<Session> {
  const step = await beginSignIn(state, username, password);
  if (step.session) return step.session;
  try {
    // Enrolment needs the QR code on a screen: the app does it, not the command line.
    if (step.secondFactor === 'totp' && opts.secondFactorCode) {
      return await verifySecondFactor(state, typeof opts.secondFactorCode === 'string' ? opts.secondFactorCode : await opts.secondFactorCode());
    }
    throw domainError('auth.secondFactorRequired');
  } finally {
    if (!state.session) discardPendingSignIn(state);
  }
}

/** Locking drops the session and, with it, the key from memory. */
export function signOut(state: HostState): void {
  discardPendingSignIn(state);
  if (state.handle && state.session) {
    const sqlite = state.handle.sqlite;
    const s = state.session;
    sqlite.transaction(() => appendAudit(sqlite, { action: 'auth.signOut', outcome: 'ok', at: state.now().toISOString(), userId: s.userId, username: s.username, workstation: state.workstation }))();
  }
  state.session = null;
  state.handle?.close();
  state.handle = null;
}
