// The files of a vault folder: the encrypted database, the key-slot file, the sign-in attempts
// file, the audit anchor and the lock. Everything written here is written atomically (temp file, fsync, rename),
// so a crash leaves either the old or the new version, never half of one. Files are opened without
// following a symbolic link and refused unless they are regular files (issue 12, finding 9: a
// vault.lock linked to a FIFO hung the process), and made readable by their owner only.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, existsSync, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { domainError, isDomainError } from '../api/errors.ts';
import type { Envelope, Slot } from './keyslots.ts';

export function vaultPaths(dir: string) {
  return {
    dir,
    database: join(dir, 'vault.db'),
    slots: join(dir, 'keyslots.json'),
    signIns: join(dir, 'signin-attempts.json'),
    /** Held for milliseconds around every read-modify-write of the attempts file (R09). */
    signInLock: join(dir, 'signin-attempts.lock'),
    lock: join(dir, 'vault.lock'),
    /** The audit anchor outside the database (core/audit/anchor.ts, R05). */
    anchor: join(dir, 'audit-anchor.json'),
  };
}

const SealedSchema = z.object({ iv: z.string(), data: z.string(), tag: z.string() });
export const EnvelopeSchema = SealedSchema.extend({ ephemeralPublicKey: z.string() });
const SlotSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  kind: z.enum(['user', 'recovery']),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  kdf: z.object({ alg: z.literal('argon2id'), memoryCost: z.number().int().min(8), timeCost: z.number().int().min(1), parallelism: z.number().int().min(1), salt: z.string() }),
  publicKey: z.string(),
  wrappedPrivateKey: SealedSchema,
  envelope: EnvelopeSchema,
});
const SlotFileSchema = z.object({
  format: z.literal('dossierkluis-keyslots'),
  version: z.literal(1),
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  organisation: z.string(),
  createdAt: z.string(),
  slots: z.array(SlotSchema).min(1),
  /** Present only while a rekey is under way: envelopes of the next database key. */
  pending: z.record(z.string(), EnvelopeSchema).optional(),
});
export type SlotFile = z.infer<typeof SlotFileSchema> & { slots: Slot[]; pending?: Record<string, Envelope> };

const Counter = z.object({ count: z.number().int(), last: z.string() });
const PendingAttempt = z.object({
  at: z.string(), username: z.string(), workstation: z.string(), outcome: z.enum(['failed', 'denied']), action: z.string(),
  /** A name that has a key slot (or the recovery slot): never the one dropped. */
  known: z.boolean().optional(),
  flagged: z.boolean().optional(),
  /** Rate-limited attempts in a row are one line with a count, so they cannot flood the list. */
  count: z.number().int().optional(),
});
const SignInSchema = z.object({
  /** Names with a key slot, and the recovery slot: never evicted, however many invented names come (R09). */
  failures: z.record(z.string(), Counter),
  /** Invented names: bounded, oldest evicted first. */
  unknownFailures: z.record(z.string(), Counter).default({}),
  /** Failed attempts made while the database was closed; moved into the audit trail at the next unlock (R05). */
  pendingAudit: z.array(PendingAttempt),
  /** Attempts that did not fit in pendingAudit: their number reaches the audit trail instead (R05). */
  dropped: z.object({ count: z.number().int(), first: z.string(), last: z.string() }).nullable().default(null),
});
export type SignInRecord = z.infer<typeof SignInSchema>;
export type PendingAttempt = z.infer<typeof PendingAttempt>;

// Windows has neither flag (undefined there); links and FIFOs are a POSIX matter.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;
/** A new file of our own: fails if anything (a file, a link) already has the name. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

function unsafeFile(file: string): Error {
  return domainError('vault.unsafeFile', { file: basename(file) });
}

/**
 * Opens an existing file of the vault without following a link and without waiting on a FIFO
 * (O_NONBLOCK only affects the open), and refuses anything that is not a regular file.
 */
export function openRegularFile(file: string, flags: number = constants.O_RDONLY): number {
  let fd: number;
  try {
    fd = openSync(file, flags | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ELOOP (EMLINK on BSD): a symbolic link; ENXIO: a FIFO without reader opened for writing.
    if (code === 'ELOOP' || code === 'EMLINK' || code === 'ENXIO') throw unsafeFile(file);
    throw e;
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw unsafeFile(file);
  }
  return fd;
}

export function readRegularFile(file: string): string {
  const fd = openRegularFile(file);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `file`'s temp file (a fresh random name, O_EXCL|O_NOFOLLOW, mode 0600), hands its fd
 * to `write`, and renames it over `file`. On any failure the temp file is removed.
 */
export function replaceFile(file: string, write: (fd: number) => void): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  let fd: number | undefined = openSync(tmp, CREATE_NEW, FILE_MODE);
  try {
    write(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function writeFileAtomic(file: string, content: string): void {
  replaceFile(file, (fd) => {
    writeSync(fd, content);
    fsyncSync(fd);
  });
  syncFolder(dirname(file));
}

/**
 * The rename itself is durable only once the folder is fsynced: without it, after a power loss
 * the old file can come back (for the destruction ledger: listing less than was destroyed).
 * Windows cannot open a folder for fsync; there NTFS journals the rename.
 */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An empty file of our own, mode 0600 (SQLite then opens it; its -wal and -shm take its mode). */
export function createEmptyFile(file: string): void {
  closeSync(openSync(file, CREATE_NEW, FILE_MODE));
}

/**
 * Folder 0700 and every file of the vault 0600, also for a folder or files made earlier with
 * wider modes; a file of the vault that is a link, FIFO or folder is refused. A folder that is not
 * ours or is shared (sticky, like /tmp) is left as it is: the vault belongs in a folder of its own.
 */
export function secureVaultFiles(dir: string): void {
  if (process.platform === 'win32') return; // ACLs, not modes; the user-data folder is private there
  const info = statSync(dir);
  const ours = process.getuid === undefined || info.uid === process.getuid();
  if (ours && (info.mode & 0o1000) === 0 && (info.mode & 0o777) !== DIR_MODE) chmodSync(dir, DIR_MODE);
  const p = vaultPaths(dir);
  for (const file of [p.database, `${p.database}-wal`, `${p.database}-shm`, `${p.database}-journal`, p.slots, p.signIns, p.anchor, p.lock]) {
    let st;
    try {
      st = lstatSync(file);
    } catch {
      continue; // not there (yet)
    }
    if (!st.isFile()) throw unsafeFile(file);
    if ((st.mode & 0o777) !== FILE_MODE) chmodSync(file, FILE_MODE);
  }
}

export function vaultExists(dir: string): boolean {
  return existsSync(vaultPaths(dir).slots);
}

export function readSlotFile(dir: string): SlotFile {
  const p = vaultPaths(dir);
  if (!existsSync(p.slots)) throw domainError('vault.notFound', { path: dir });
  let raw: unknown;
  try {
    raw = JSON.parse(readRegularFile(p.slots));
  } catch (e) {
    if (isDomainError(e)) throw e; // a link or FIFO in place of the file
    throw domainError('vault.damaged', { detail: 'sleutelbestand onleesbaar' });
  }
  const parsed = SlotFileSchema.safeParse(raw);
  if (!parsed.success) throw domainError('vault.damaged', { detail: 'sleutelbestand ongeldig' });
  if (!existsSync(p.database)) throw domainError('vault.damaged', { detail: 'database ontbreekt' });
  return parsed.data as SlotFile;
}

export function writeSlotFile(dir: string, file: SlotFile): void {
  writeFileAtomic(vaultPaths(dir).slots, JSON.stringify(file, null, 1));
}

export function readSignIns(dir: string): SignInRecord {
  const p = vaultPaths(dir).signIns;
  if (!existsSync(p)) return { failures: {}, unknownFailures: {}, pendingAudit: [], dropped: null };
  const text = readRegularFile(p);
  try {
    const raw: unknown = JSON.parse(text);
    const parsed = SignInSchema.safeParse(raw);
    // A damaged attempts file must not lock everyone out: start afresh, but leave a trace
    // that goes into the audit trail at the next unlock.
    if (parsed.success) {
      if (!Object.hasOwn(raw as object, 'unknownFailures')) separateInventedNames(dir, parsed.data);
      return parsed.data;
    }
  } catch { /* fall through */ }
  return { failures: {}, unknownFailures: {}, dropped: null, pendingAudit: [{ at: new Date().toISOString(), username: '-', workstation: '-', outcome: 'failed', action: 'auth.attemptsFileDamaged', known: true, flagged: true }] };
}

/** A file from before issue 12 kept every name in one table: names without a key slot move out. */
function separateInventedNames(dir: string, record: SignInRecord): void {
  let users: Set<string | null>;
  try { users = new Set(readSlotFile(dir).slots.filter((s) => s.kind === 'user').map((s) => s.username)); } catch { return; }
  for (const [name, counter] of Object.entries(record.failures)) {
    if (users.has(name)) continue;
    record.unknownFailures[name] = counter;
    delete record.failures[name];
  }
}

export function writeSignIns(dir: string, record: SignInRecord): void {
  writeFileAtomic(vaultPaths(dir).signIns, JSON.stringify(record));
}

/**
 * Runs `fn` holding the attempts lock, so that checking the delay and recording the attempt is
 * one step across processes (R09: N processes must not get N guesses per window). The lock is
 * held only for a read and a write of a small file, so waiting is a short synchronous spin.
 */
export function withSignInLock<T>(dir: string, fn: () => T): T {
  const p = vaultPaths(dir).signInLock;
  const deadline = Date.now() + 5000;
  // The lock appears with its owner's pid already in it (written aside, then hard-linked, which
  // fails if the lock exists), so nobody ever sees an empty lock and takes it for a stale one.
  const mine = `${p}.${process.pid}-${randomBytes(6).toString('hex')}`;
  const fd = openSync(mine, CREATE_NEW, FILE_MODE);
  try { writeSync(fd, String(process.pid)); } finally { closeSync(fd); }
  try {
    for (;;) {
      try {
        linkSync(mine, p);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let seen = '';
        try { seen = readRegularFile(p); } catch (err) {
          if (isDomainError(err)) throw err; // a link or FIFO planted as the lock: refused, not waited on
          continue; // released meanwhile
        }
        const pid = Number.parseInt(seen, 10);
        // Our own pid cannot hold it (the section is synchronous): a leftover, like a dead owner's.
        if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) {
          breakStaleLock(p, seen);
          continue;
        }
        if (Date.now() > deadline) throw domainError('vault.inUse', { pid });
        Atomics.wait(spin, 0, 0, 2);
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return fn();
  } finally {
    rmSync(p, { force: true });
  }
}
const spin = new Int32Array(new SharedArrayBuffer(4));

/**
 * Moves a stale lock aside and checks that it was the one judged stale: if another process took
 * the lock in between, it is put back (link fails only if yet another process holds it by then).
 */
function breakStaleLock(p: string, seen: string): void {
  const aside = `${p}.stale-${process.pid}`;
  try { renameSync(p, aside); } catch { return; /* gone already */ }
  try {
    if (readRegularFile(aside) !== seen) linkSync(aside, p);
  } catch { /* someone else holds it now: theirs stands */ }
  rmSync(aside, { force: true });
}

/** One process at a time: a lock file with the owner's pid; a lock of a dead process is stale. */
export function acquireLock(dir: string): () => void {
  const p = vaultPaths(dir).lock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // O_CREAT|O_EXCL never follows a link: a planted link or FIFO gives EEXIST.
      const fd = openSync(p, CREATE_NEW, FILE_MODE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(p, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readRegularFile(p), 10); // a link or FIFO is refused, not waited on
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw domainError('vault.inUse', { pid });
      if (pid === process.pid) throw domainError('vault.inUse', { pid });
      rmSync(p, { force: true }); // stale: its process is gone
    }
  }
  throw domainError('vault.inUse', { pid: 0 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  secureVaultFiles(dir);
}
