// The files of a vault folder: the encrypted database, the key-slot file, the sign-in attempts
// file, the audit anchor and the lock. Everything written here is written atomically (temp file, fsync, rename),
// so a crash leaves either the old or the new version, never half of one.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { domainError } from '../api/errors.ts';
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

export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function vaultExists(dir: string): boolean {
  return existsSync(vaultPaths(dir).slots);
}

export function readSlotFile(dir: string): SlotFile {
  const p = vaultPaths(dir);
  if (!existsSync(p.slots)) throw domainError('vault.notFound', { path: dir });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p.slots, 'utf8'));
  } catch {
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
  try {
    const raw: unknown = JSON.parse(readFileSync(p, 'utf8'));
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
  const mine = `${p}.${process.pid}`;
  writeFileSync(mine, String(process.pid), { mode: 0o600 });
  try {
    for (;;) {
      try {
        linkSync(mine, p);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        let seen = '';
        try { seen = readFileSync(p, 'utf8'); } catch { continue; /* released meanwhile */ }
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
    if (readFileSync(aside, 'utf8') !== seen) linkSync(aside, p);
  } catch { /* someone else holds it now: theirs stands */ }
  rmSync(aside, { force: true });
}

/** One process at a time: a lock file with the owner's pid; a lock of a dead process is stale. */
export function acquireLock(dir: string): () => void {
  const p = vaultPaths(dir).lock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(p, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(p, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(p, 'utf8'), 10);
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
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
