// Opening the SQLCipher database. The order of the pragmas matters (ARCHITECTURE.md,
// "Database pitfalls"): cipher scheme and key come before any other statement.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.ts';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema>;

export class WrongKeyError extends Error {
  constructor() { super('The database key does not open this database'); }
}
/** The file opens with the key but its pages are damaged or missing (a truncated copy, a bad disk). */
export class DatabaseDamagedError extends Error {
  constructor() { super('The database file is damaged or incomplete'); }
}
export class DatabaseBusyError extends Error {
  constructor() { super('The database is locked by another process'); }
}

const KEY_HEX = /^[0-9a-f]{64}$/;
/** SQLite's page cache per connection, in KiB when negative: 64 MiB. */
export const CACHE_SIZE = -65536;

function applyKey(sqlite: Sqlite, keyHex: string): void {
  if (!KEY_HEX.test(keyHex)) throw new Error('database key must be 32 bytes as hex');
  // Without cipher='sqlcipher' the default scheme would be ChaCha20, not SQLCipher 4.
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${keyHex}'"`);
}

/** Opens (or creates) the encrypted database file with a raw 256-bit key. */
export function openDatabase(file: string, keyHex: string, opts: { readonly?: boolean; create?: boolean } = {}): { sqlite: Sqlite; db: Db } {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: !(opts.create ?? false), timeout: 0 });
  try {
    applyKey(sqlite, keyHex);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      const msg = String((e as Error).message);
      if (/locked|busy/i.test(msg)) throw new DatabaseBusyError();
      if (/malformed|corrupt/i.test(msg)) throw new DatabaseDamagedError();
      throw new WrongKeyError();
    }
    if (!opts.readonly) {
      sqlite.pragma('journal_mode=WAL');
      sqlite.pragma('synchronous=FULL'); // client records must survive power loss
    }
    sqlite.pragma('secure_delete=ON');
    // Deleted cells and freed pages are overwritten with zeros (issue 11, R44): checked, not assumed.
    if (sqlite.pragma('secure_delete', { simple: true }) !== 1) throw new Error('secure_delete could not be switched on');
    sqlite.pragma('temp_store=MEMORY'); // temp files are not encrypted in this version
    // Decrypted pages kept in memory (they never leave the process): a larger cache saves
    // decrypting the same participant and index pages again on every search (issue 6).
    sqlite.pragma(`cache_size=${CACHE_SIZE}`);
    sqlite.pragma('foreign_keys=ON');
    return { sqlite, db: drizzle(sqlite, { schema }) };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/**
 * A prepared statement kept per connection, for the hot paths (audit line, access check, search):
 * preparing costs more than running a small query. Only for get/run/all, never for iterate(),
 * since one statement cannot run twice at the same time.
 */
export function prepared(sqlite: Sqlite, sql: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}

/** What `PRAGMA wal_checkpoint(TRUNCATE)` answered: clean when nothing was busy and every WAL frame reached the database. */
export interface CheckpointResult { busy: number; log: number; checkpointed: number; clean: boolean }

/** The WAL could not be emptied: a reader or writer held it (busy), or frames were left behind. */
export class CheckpointNotCleanError extends Error {
  constructor(readonly result: CheckpointResult) { super(`WAL checkpoint not clean (busy ${result.busy}, log ${result.log}, checkpointed ${result.checkpointed})`); }
}

/**
 * Copies every WAL frame into the database and truncates the WAL to zero bytes, so no stale frame
 * keeps deleted data (issue 11). The result row is checked, never ignored: busy = 1 means another
 * connection held the WAL; log ≠ checkpointed means frames were left in it.
 */
export function checkpointTruncate(sqlite: Sqlite): CheckpointResult {
  const row = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  const { busy, log, checkpointed } = row[0] ?? { busy: 1, log: -1, checkpointed: -1 };
  return { busy, log, checkpointed, clean: busy === 0 && log === checkpointed };
}

function checkpointOrThrow(sqlite: Sqlite): void {
  const result = checkpointTruncate(sqlite);
  if (!result.clean) throw new CheckpointNotCleanError(result);
}

/** Rekeying is refused in WAL mode, so the journal is switched around it. */
export function rekeyDatabase(sqlite: Sqlite, newKeyHex: string): void {
  if (!KEY_HEX.test(newKeyHex)) throw new Error('database key must be 32 bytes as hex');
  // Frames left in the WAL would stay under the old key next to a rekeyed file: refuse instead.
  checkpointOrThrow(sqlite);
  sqlite.pragma('journal_mode=DELETE');
  sqlite.pragma(`rekey="x'${newKeyHex}'"`);
  sqlite.pragma('journal_mode=WAL');
}

/** An encrypted copy under the same key (the backup API cannot do this here). */
export function copyDatabaseTo(sqlite: Sqlite, target: string): void {
  checkpointOrThrow(sqlite);
  sqlite.prepare('VACUUM INTO ?').run(target);
}
