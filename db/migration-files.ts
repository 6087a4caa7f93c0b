// The migration files as text: the journal (meta/_journal.json) and one SQL file per tag. In the
// sources they are read from db/migrations/; scripts/build.mjs replaces this module in the bundle
// with one that holds every file of that folder as a string, so the app reads no files of its own
// at run time and a migration added later is embedded without editing a list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('./migrations/', import.meta.url));

export function readJournal(): string {
  return readFileSync(`${folder}meta/_journal.json`, 'utf8');
}

export function readMigrationSql(tag: string): string {
  return readFileSync(`${folder}${tag}.sql`, 'utf8');
}
