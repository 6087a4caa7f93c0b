// Shared by the erasure (R28) and anonymisation (R29) tests: canaries that the page scanner can
// find, every row of every table as text, and a verwijdering request taken through the flow.
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../../db/connection.ts';
import { testVault, type Caller, type TestVault } from '../support/vault.ts';

/** Random letters at the end, so the search index's prefix-compressed terms still show them (test/support/pages.ts). */
export const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
export const canary = (prefix: string) => `${prefix}${letters(12)}`;

/** A test vault on the given day with the consultant who owns the canary dossier and the administration. */
export async function canaryVault(today: string): Promise<{ vault: TestVault; sqlite: Sqlite; keyHex: string; owner: Caller; admin: Caller }> {
  const vault = await testVault();
  vault.clock.now = new Date(`${today}T10:00:00Z`);
  const { sqlite, key } = vault.admin.state.handle!;
  const owner = await vault.addUser('consulent.eigen', 'consultant', 'Eva Eigenaar');
  const admin = await vault.as('administration');
  return { vault, sqlite, keyHex: key.toString('hex'), owner, admin };
}

/** Every column of every table (the search index's shadow tables included) as text, blobs as UTF-8. */
export function everyRow(sqlite: Sqlite): { table: string; text: string }[] {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  return tables.flatMap((table) => (sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((row) => ({
    table, text: row.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))).join('\u0001'),
  })));
}

/** The tables where any of the needles still occurs. */
export function tablesHolding(sqlite: Sqlite, needles: readonly string[]): string[] {
  return [...new Set(everyRow(sqlite).filter((r) => needles.some((n) => r.text.includes(n))).map((r) => r.table))];
}

/** The search index's data blocks that hold a needle (lowercased, or its last 8 letters as FTS5 stores a prefix-compressed term). */
export function ftsBlocksHolding(sqlite: Sqlite, needles: readonly string[]): number {
  const blocks = sqlite.prepare('SELECT block FROM participants_fts_data').pluck().all() as unknown[];
  return blocks.filter((b) => Buffer.isBuffer(b) && needles.some((n) => b.includes(n.toLowerCase()) || b.includes(n.toLowerCase().slice(-8)))).length;
}

export type ErasureChange =
  | { target: 'field'; field: string; ground: string }
  | { target: 'entry'; entryId: number; ground: string }
  | { target: 'document'; documentId: number; ground: string }
  | { target: 'dossier'; ground: string };

/** A written verwijdering request up to the given step: received, verified, decided (granted unless told). */
export async function verwijdering(admin: Caller, participantId: number, changes: ErasureChange[], until: 'received' | 'verified' | 'decided', today: string, decision: { outcome?: 'granted' | 'partlyGranted' | 'refused'; accept?: (i: number) => boolean } = {}) {
  const intake = await admin.call('requests.intake', { participantId, type: 'verwijdering', requester: { kind: 'participant' }, channel: 'letter', receivedOn: today, description: 'Verzoek om verwijdering van gegevens', changes } as never);
  const requestId = intake.request.id;
  if (until === 'received') return intake;
  await admin.call('requests.verifyIdentity', { requestId, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: today });
  if (until === 'verified') return admin.call('requests.get', { requestId });
  const outcome = decision.outcome ?? 'granted';
  const accept = decision.accept ?? (() => outcome === 'granted');
  return admin.call('requests.decide', {
    requestId, outcome, reasons: outcome === 'granted' ? null : 'Een deel van de gegevens is nog nodig voor het traject.',
    changeDecisions: intake.changes.map((c, i) => ({ changeId: c.id, accepted: accept(i) })),
  });
}

/** Row counts of the tables an erasure touches, to prove that a refused or undecided one changed nothing. */
export function dossierCounts(sqlite: Sqlite, participantId: number): Record<string, unknown> {
  const one = (sql: string) => (sqlite.prepare(sql).get(participantId) as { n: unknown }).n;
  return {
    entries: one('SELECT count(*) AS n FROM entries WHERE participant_id = ?'),
    entryHistory: one('SELECT count(*) AS n FROM entry_history WHERE entry_id IN (SELECT id FROM entries WHERE participant_id = ?)'),
    documents: one('SELECT count(*) AS n FROM documents WHERE participant_id = ?'),
    history: one('SELECT count(*) AS n FROM participant_history WHERE participant_id = ?'),
    participant: one("SELECT json_array(first_name, last_name, dossier_number, city, family_situation, birth_date, status) AS n FROM participants WHERE id = ?"),
    notifications: one('SELECT count(*) AS n FROM request_notifications WHERE request_id IN (SELECT id FROM requests WHERE participant_id = ?)'),
  };
}
