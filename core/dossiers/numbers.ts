// Dossier numbers: DK-YYYY-NNNNNN, sequential per year, carrying no personal data, and never
// issued twice — also not after the highest-numbered dossier of a year was destroyed (R44): the
// last number issued per year is kept in settings, so a destroyed dossier's number, which the
// destruction register keeps, is never given to someone else.
import { prepared, type Sqlite } from '../../db/connection.ts';

const settingOf = (year: string) => `dossierNumber:${year}`;

export const formatDossierNumber = (year: string, seq: number) => `DK-${year}-${String(seq).padStart(6, '0')}`;

/** The sequence number of the last dossier number issued in this year (0 when none). */
export function lastIssued(sqlite: Sqlite, year: string): number {
  const inUse = prepared(sqlite, 'SELECT dossier_number AS n FROM participants WHERE dossier_number LIKE ? ORDER BY dossier_number DESC LIMIT 1').get(`DK-${year}-%`) as { n: string } | undefined;
  const kept = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(settingOf(year)) as { value: string } | undefined;
  return Math.max(inUse ? Number.parseInt(inUse.n.slice(8), 10) : 0, kept ? Number.parseInt(kept.value, 10) || 0 : 0);
}

/** Records that numbers up to `seq` were issued (in the caller's transaction). */
export function markIssued(sqlite: Sqlite, year: string, seq: number): void {
  prepared(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(settingOf(year), String(seq));
}

/** The next dossier number of this year, recorded as issued. */
export function issueDossierNumber(sqlite: Sqlite, year: string): string {
  const seq = lastIssued(sqlite, year) + 1;
  markIssued(sqlite, year, seq);
  return formatDossierNumber(year, seq);
}
