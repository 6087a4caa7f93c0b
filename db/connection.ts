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

/** Rekeying is refused in WAL mode, so the journal is switched around it. */
export function rekeyDatabase(sqlite: Sqlite, newKeyHex: string): void {
  if (!KEY_HEX.test(newKeyHex)) throw new Error('database key must be 32 bytes as hex');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode=DELETE');
  sqlite.pragma(`rekey="x'${newKeyHex}'"`);
  sqlite.pragma('journal_mode=WAL');
}

/** An encrypted copy under the same key (the backup API cannot do this here). */
export function copyDatabaseTo(sqlite: Sqlite, target: string): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.prepare('VACUUM INTO ?').run(target);
}
