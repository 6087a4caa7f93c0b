// Applies the drizzle-kit migrations in db/migrations (one SQL file each). The schema version is
// the number of applied migrations, kept in PRAGMA user_version; a vault made by a newer
// version of the app is refused rather than half understood.
import type { Sqlite } from './connection.ts';
import { readJournal, readMigrationSql } from './migration-files.ts';

interface Journal { entries: { idx: number; tag: string }[] }

export class NewerSchemaError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`database schema version ${found} is newer than this app knows (${known})`);
  }
}

export function migrations(): { tag: string; statements: string[] }[] {
  const journal = JSON.parse(readJournal()) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: e.tag,
      statements: readMigrationSql(e.tag)
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    }));
}

export function schemaVersion(sqlite: Sqlite): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `upTo` migrations (default: all), each in its own transaction. */
export function migrate(sqlite: Sqlite, upTo?: number): { from: number; to: number } {
  const all = migrations();
  const target = upTo ?? all.length;
  const from = schemaVersion(sqlite);
  if (from > all.length) throw new NewerSchemaError(from, all.length);
  for (let i = from; i < target; i++) {
    const m = all[i]!;
    sqlite.transaction(() => {
      for (const statement of m.statements) sqlite.exec(statement);
      sqlite.pragma(`user_version=${i + 1}`);
    })();
  }
  return { from, to: Math.max(from, target) };
}
