// An open vault: the decrypted database handle of one vault folder, held by one process.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { DatabaseBusyError, DatabaseDamagedError, WrongKeyError, copyDatabaseTo, openDatabase, rekeyDatabase, type Db, type Sqlite } from '../../db/connection.ts';
import { NewerSchemaError, migrate } from '../../db/migrate.ts';
import { closeAnchor, flushAnchor, openAnchor, rekeyAnchor } from '../audit/anchor.ts';
import { domainError, isDomainError } from '../api/errors.ts';
import { destroyAgainAtOpen } from '../retention/restore.ts';
import { ledgerPath } from '../retention/ledger.ts';
import { acquireLock, createEmptyFile, ensureDir, readSlotFile, secureVaultFiles, vaultPaths, writeSlotFile, type SlotFile } from './files.ts';
import { openEnvelope, sealEnvelope, type Slot } from './keyslots.ts';
import type { KeyObject } from 'node:crypto';

export interface VaultHandle {
  dir: string;
  sqlite: Sqlite;
  db: Db;
  /** Raw database key; kept only while the vault is unlocked. */
  key: Buffer;
  close(): void;
}

/** Opens the database of a vault folder with its key, upgrading the schema if it is older. */
export function openVaultHandle(dir: string, key: Buffer, opts: { create?: boolean; migrateTo?: number; previousKey?: Buffer } = {}): VaultHandle {
  const p = vaultPaths(dir);
  const release = acquireLock(dir);
  let opened: { sqlite: Sqlite; db: Db } | undefined;
  try {
    // Folder 0700, files 0600, also for a vault made before this was enforced (finding 9).
    secureVaultFiles(dir);
    if (opts.create && !existsSync(p.database)) createEmptyFile(p.database);
    if (!opts.create) checkDatabaseSize(p.database);
    opened = openDatabase(p.database, key.toString('hex'), { create: opts.create ?? false });
    migrate(opened.sqlite, opts.migrateTo);
    openAnchor(opened.sqlite, dir, key, opts.previousKey);
    destroyAgainAtOpen(opened.sqlite, dir);
  } catch (e) {
    if (opened) closeAnchor(opened.sqlite, { flush: false });
    opened?.sqlite.close();
    release();
    if (e instanceof NewerSchemaError) throw domainError('vault.newerVersion', { found: e.found, known: e.known });
    if (e instanceof DatabaseDamagedError) throw domainError('vault.damaged', { detail: DAMAGED_FILE });
    if (e instanceof WrongKeyError) throw domainError('vault.damaged', { detail: 'database past niet bij de sleutel' });
    if (e instanceof DatabaseBusyError) throw domainError('vault.inUse', { pid: 0 });
    if (isDomainError(e)) throw e;
    throw domainError('vault.damaged', { detail: shortReason(e) });
  }
  const { sqlite, db } = opened;
  let closed = false;
  return {
    dir, sqlite, db, key: Buffer.from(key),
    close() {
      if (closed) return;
      closed = true;
      try {
        closeAnchor(sqlite);
        sqlite.close();
      } finally {
        this.key.fill(0);
        release();
      }
    },
  };
}

/** SQLCipher 4's page size: an intact database file is always a whole number of these (never empty). */
const PAGE_SIZE = 4096;
const DAMAGED_FILE = 'het databasebestand is beschadigd of onvolledig';

/**
 * A truncated or partly copied file is refused before SQLite sees it (an empty file would
 * otherwise open as a new, empty database), with a message that says so rather than blaming the key.
 */
function checkDatabaseSize(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // a missing file: openDatabase reports it
  }
  if (size < PAGE_SIZE || size % PAGE_SIZE !== 0) throw new DatabaseDamagedError();
}

function shortReason(e: unknown): string {
  const m = String((e as Error)?.message ?? e);
  if (/not a database|malformed|corrupt/i.test(m)) return DAMAGED_FILE;
  if (/ENOENT/.test(m)) return 'bestand ontbreekt';
  return 'onbekende fout';
}

/** The database key from an unlocked slot: the current envelope, or the pending one mid-rekey. */
export function keyCandidates(file: SlotFile, slot: Slot, privateKey: KeyObject): Buffer[] {
  const keys = [openEnvelope(file.vaultId, slot.id, privateKey, slot.envelope)];
  const pending = file.pending?.[slot.id];
  if (pending) keys.push(openEnvelope(file.vaultId, slot.id, privateKey, pending));
  return keys;
}

/** Tries the candidate keys in order; a half-finished rekey is completed on the way (nothing lost). */
export function openWithCandidates(dir: string, keys: Buffer[]): VaultHandle {
  let last: unknown;
  for (const [i, key] of keys.entries()) {
    try {
      // Mid-rekey the anchor may still carry the MAC of the previous key (keys[0]).
      const handle = openVaultHandle(dir, key, { previousKey: i > 0 ? keys[0] : undefined });
      if (i > 0) promotePending(dir);
      else dropPending(dir);
      return handle;
    } catch (e) {
      last = e;
      if (!(isDomainError(e) && e.code === 'vault.damaged')) throw e;
    }
  }
  throw last;
}

function promotePending(dir: string): void {
  const file = readSlotFile(dir);
  if (!file.pending) return;
  const pending = file.pending;
  writeSlotFile(dir, { ...file, slots: file.slots.map((s) => (pending[s.id] ? { ...s, envelope: pending[s.id]! } : s)), pending: undefined });
}

function dropPending(dir: string): void {
  const file = readSlotFile(dir);
  if (file.pending) writeSlotFile(dir, { ...file, pending: undefined });
}

/**
 * Gives the database a fresh random key and seals it to every remaining slot (after a user is
 * removed). Order matters for crash safety: pending envelopes first, then the rekey, then promote.
 */
export function rekeyVault(handle: VaultHandle, slots: Slot[]): void {
  const file = readSlotFile(handle.dir);
  const next = randomBytes(32);
  const pending = Object.fromEntries(slots.map((s) => [s.id, sealEnvelope(file.vaultId, s, next)]));
  writeSlotFile(handle.dir, { ...file, slots, pending });
  rekeyDatabase(handle.sqlite, next.toString('hex'));
  rekeyAnchor(handle.sqlite, next);
  writeSlotFile(handle.dir, { ...file, slots: slots.map((s) => ({ ...s, envelope: pending[s.id]! })), pending: undefined });
  next.copy(handle.key);
  next.fill(0);
}

export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A consistent encrypted copy: the database through VACUUM INTO (same key; the backup API
 * cannot write encrypted copies here) plus the key slots, so it opens with the same passwords,
 * plus the audit anchor (R05), which matches the copied database (it is never ahead of a commit).
 * The result is a folder that is itself a vault.
 */
export function backupVault(handle: VaultHandle, targetDir: string): { database: string; slots: string } {
  if (existsSync(targetDir) && readdirSync(targetDir).length > 0) throw domainError('vault.exists', { path: targetDir });
  ensureDir(targetDir);
  const to = vaultPaths(targetDir);
  try {
    createEmptyFile(to.database); // VACUUM INTO fills an empty file and keeps its mode (0600)
    copyDatabaseTo(handle.sqlite, to.database);
    copyFileSync(vaultPaths(handle.dir).slots, to.slots);
    flushAnchor(handle.sqlite);
    if (existsSync(vaultPaths(handle.dir).anchor)) copyFileSync(vaultPaths(handle.dir).anchor, to.anchor);
    // The destruction ledger too: a backup folder opened as a vault destroys again what was destroyed before it was made.
    if (existsSync(ledgerPath(handle.dir))) copyFileSync(ledgerPath(handle.dir), ledgerPath(targetDir));
    secureVaultFiles(targetDir);
  } catch (e) {
    rmSync(targetDir, { recursive: true, force: true });
    throw e;
  }
  return { database: to.database, slots: to.slots };
}

export { readSlotFile, writeSlotFile };
