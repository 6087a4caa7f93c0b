// The destruction ledger (R44): `destruction-ledger.json` next to the database, listing every
// dossier that was (or is about to be) destroyed — participant id, dossier number, when the dossier
// was made, the batch, when it was destroyed — under an HMAC. A backup made before a destruction
// still holds the dossier; when such a backup is opened, the ledger names it and it is destroyed
// again before anything else (core/retention/restore.ts).
//
// - No personal data: ids, numbers and dates, what the destruction register keeps too.
// - The MAC key is a random secret kept in the database (settings), made once: it does not change
//   when the database key is rotated (a user deactivated), so a backup from before a rotation still
//   verifies the ledger. Only someone holding the database key can read it, and so forge a ledger.
// - Two states per line. `intended`: written, fsynced, before the dossier's destruction commits;
//   `destroyed`: once it did. Right after the batch, and at every open, intended lines are settled
//   against the database: gone → destroyed; still there → the destruction did not happen (rolled
//   back), the line is dropped and the dossier stays in its batch, unharmed. Only `destroyed` lines
//   are ever acted on at open, so a failed execution can never destroy a living dossier later.
// - A restored dossier is recognised only when id, dossier number and creation time all match, and
//   the id sequence and the dossier numbers move past every listed one, so a dossier made after a
//   restore can never be taken for a destroyed one.
// - Erasures (R28, R43) and anonymisations (R29) are listed too, as `erasures`: which dossier, which
//   fields (by name), entries and documents (by id), or the whole dossier anonymised. Their proof is
//   a mark that commits with the erasure itself (settings 'erased:<id>', core/retention/erasures.ts)
//   and is copied into the ledger right after: a database without a mark the ledger lists predates
//   that erasure (an old backup) and has it carried out again at open. Since version 4 each line is
//   bound to what its ids stood for (core/retention/identity.ts), so a reused id is never erased.
// The limit, said plainly: the ledger covers an older vault.db opened next to it. A folder restored
// whole brings its own older ledger, which does not know later destructions (README: backups).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { readRegularFile, writeFileAtomic } from '../vault/files.ts';
import { lastIssued, markIssued } from '../dossiers/numbers.ts';
import { ANONYMOUS_NUMBER } from './anonymous-number.ts';
import { holdTags } from './identity.ts';
import { ledgerSecret } from './ledger-key.ts';

export { ledgerSecret };

export const LEDGER_FILE = 'destruction-ledger.json';
const FORMAT = 'dossierkluis-destruction-ledger';

/** A keyed tag of what an id stood for (core/retention/identity.ts). */
const Tag = z.string().regex(/^[0-9a-f]{32}$/);
const LineV3 = z.object({
  participantId: z.number().int().positive(), dossierNumber: z.string().max(40), createdAt: z.string().max(40), destroyedAt: z.string().max(40),
  batchId: z.number().int().positive().nullable(), state: z.enum(['intended', 'destroyed']),
}).strict();
// Version 4: the tags of the dossier's legal holds when it was listed (all lifted or ended: a
// destruction refuses an active one), so a restored copy where one is still active can tell it is
// stale — and a hold placed in that copy since, which has no tag here, still stops it.
const Line = LineV3.extend({ holds: z.array(Tag).max(100_000).optional() }).strict();
export type LedgerLine = z.infer<typeof Line>;
const Id = z.number().int().positive();
const ErasureLineV3 = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/), participantId: Id, at: z.string().max(40), anonymise: z.boolean(),
  // The random number an anonymised dossier got (it links to no one): given again when a restored backup is anonymised again, so a later destruction's line still names it.
  anonymousNumber: z.string().regex(ANONYMOUS_NUMBER).nullable(),
  fields: z.array(z.string().regex(/^[a-zA-Z]{1,40}$/)).max(100), entryIds: z.array(Id).max(100_000), documentIds: z.array(Id).max(100_000),
}).strict();
/**
 * Version 4 binds each line to what its ids stood for: `bound.dossier` tags the dossier's id, number
 * and creation time at the erasure, `bound.entries` / `bound.documents` each item's id, dossier and
 * creation time (in the order of entryIds / documentIds), `bound.holds` the dossier's legal holds
 * then (as for destruction lines). A restored database whose id now names another dossier or item
 * is never touched by the line. Lines of version 3 have no `bound`.
 */
export const ErasureLine = ErasureLineV3.extend({
  bound: z.object({ dossier: Tag, entries: z.array(Tag).max(100_000), documents: z.array(Tag).max(100_000), holds: z.array(Tag).max(100_000) }).strict().optional(),
}).strict().refine((l) => !l.bound || (l.bound.entries.length === l.entryIds.length && l.bound.documents.length === l.documentIds.length), 'one tag per erased item');
export type ErasureLine = z.infer<typeof ErasureLine>;
const Mac = z.string().regex(/^[0-9a-f]{64}$/);
// Version 2 (destructions only) and 3 (erasures by id only) are still read; version 4 binds the erasures.
const FileShape = z.union([
  z.object({ format: z.literal(FORMAT), version: z.literal(2), lines: z.array(LineV3), mac: Mac }).strict(),
  z.object({ format: z.literal(FORMAT), version: z.literal(3), lines: z.array(LineV3), erasures: z.array(ErasureLineV3), mac: Mac }).strict(),
  z.object({ format: z.literal(FORMAT), version: z.literal(4), lines: z.array(Line), erasures: z.array(ErasureLine), mac: Mac }).strict(),
]);

export type LedgerRead =
  | { status: 'missing'; lines: []; erasures: [] }
  | { status: 'ok'; lines: LedgerLine[]; erasures: ErasureLine[] }
  | { status: 'unreadable' | 'badMac'; lines: []; erasures: [] };

export const ledgerPath = (dir: string) => join(dir, LEDGER_FILE);

const LATEST = 4;

function macOf(key: Buffer, version: 2 | 3 | 4, lines: LedgerLine[], erasures: ErasureLine[]): string {
  const canonical = lines.map((l) => {
    const v3 = [l.participantId, l.dossierNumber, l.createdAt, l.destroyedAt, l.batchId, l.state];
    return version === 4 ? [...v3, l.holds ?? null] : v3;
  });
  const erased = erasures.map((e) => {
    const v3 = [e.id, e.participantId, e.at, e.anonymise, e.anonymousNumber, e.fields, e.entryIds, e.documentIds];
    return version === 4 ? [...v3, e.bound ? [e.bound.dossier, e.bound.entries, e.bound.documents, e.bound.holds] : null] : v3;
  });
  return createHmac('sha256', key).update(JSON.stringify(version === 2 ? [FORMAT, 2, canonical] : [FORMAT, version, canonical, erased])).digest('hex');
}

/**
 * The ledger as it is on disk. An unreadable or forged ledger is never acted upon: destroying on
 * the word of a file nobody can vouch for would let anyone with access to the folder delete dossiers.
 */
export function readLedger(dir: string, secret: Buffer): LedgerRead {
  const file = ledgerPath(dir);
  if (!existsSync(file)) return { status: 'missing', lines: [], erasures: [] };
  let parsed: z.infer<typeof FileShape>;
  try {
    const shape = FileShape.safeParse(JSON.parse(readRegularFile(file)));
    if (!shape.success) return { status: 'unreadable', lines: [], erasures: [] };
    parsed = shape.data;
  } catch {
    return { status: 'unreadable', lines: [], erasures: [] };
  }
  const erasures = parsed.version === 2 ? [] : parsed.erasures;
  const ok = timingSafeEqual(Buffer.from(macOf(secret, parsed.version, parsed.lines, erasures), 'hex'), Buffer.from(parsed.mac, 'hex'));
  return ok ? { status: 'ok', lines: parsed.lines, erasures } : { status: 'badMac', lines: [], erasures: [] };
}

export class LedgerNotWrittenError extends Error {
  constructor() { super('the destruction ledger would not be readable back: not written'); }
}

function writeLedger(dir: string, secret: Buffer, lines: LedgerLine[], erasures: ErasureLine[]): void {
  const file = { format: FORMAT, version: LATEST, lines, erasures, mac: macOf(secret, LATEST, lines, erasures) };
  // Never write what readLedger would call unreadable (that would make the ledger untrusted for good):
  // the caller fails before its removal instead (recordIntended comes before the destruction).
  if (!FileShape.safeParse(file).success) throw new LedgerNotWrittenError();
  writeFileAtomic(ledgerPath(dir), `${JSON.stringify(file, null, 1)}\n`);
}

export class LedgerUntrustedError extends Error {
  constructor(readonly status: 'unreadable' | 'badMac') { super(`destruction ledger ${status}`); }
}

function trusted(dir: string, secret: Buffer): { lines: LedgerLine[]; erasures: ErasureLine[] } {
  const current = readLedger(dir, secret);
  if (current.status === 'unreadable' || current.status === 'badMac') throw new LedgerUntrustedError(current.status);
  return current;
}

/**
 * Adds erasures to the ledger that it does not list yet (by id); refuses, like recordIntended, to
 * overwrite a ledger it cannot trust. Returns how many were added.
 */
export function recordErasures(sqlite: Sqlite, dir: string, add: readonly ErasureLine[]): number {
  const secret = ledgerSecret(sqlite);
  const { lines, erasures } = trusted(dir, secret);
  const known = new Set(erasures.map((e) => e.id));
  const fresh = add.filter((e) => !known.has(e.id));
  if (fresh.length > 0) writeLedger(dir, secret, lines, [...erasures, ...fresh]);
  return fresh.length;
}

/**
 * Lists dossiers as `intended`, fsynced, BEFORE their destruction: the other order could leave a
 * destroyed dossier unlisted, and a backup would bring it back for good. Refuses to overwrite a
 * ledger it cannot trust (that would erase the evidence of earlier destructions).
 */
export function recordIntended(sqlite: Sqlite, dir: string, add: Omit<LedgerLine, 'state' | 'holds'>[]): void {
  const secret = ledgerSecret(sqlite);
  const { lines, erasures } = trusted(dir, secret);
  const known = new Set(lines.map((l) => l.participantId));
  const fresh = add.filter((l) => !known.has(l.participantId)).map((l) => ({ ...l, holds: holdTags(sqlite, l.participantId), state: 'intended' as const }));
  writeLedger(dir, secret, [...lines, ...fresh], erasures);
}

/**
 * Settles every intended line against the database: a dossier that is gone was destroyed; one that
 * is still there was not (its transaction rolled back), so its line is dropped. Returns the lines
 * now marked destroyed. Called right after a batch (also when it failed) and at every open.
 */
export function settleIntended(sqlite: Sqlite, dir: string): LedgerLine[] {
  const secret = ledgerSecret(sqlite);
  const { lines, erasures } = trusted(dir, secret);
  if (!lines.some((l) => l.state === 'intended')) return [];
  const present = prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ? AND dossier_number = ? AND created_at = ?');
  const settled: LedgerLine[] = [];
  const next = lines.flatMap((l): LedgerLine[] => {
    if (l.state === 'destroyed') return [l];
    if (present.get(l.participantId, l.dossierNumber, l.createdAt)) return [];
    const done = { ...l, state: 'destroyed' as const };
    settled.push(done);
    return [done];
  });
  writeLedger(dir, secret, next, erasures);
  return settled;
}

export interface Redestroyed { status: LedgerRead['status']; destroyed: LedgerLine[]; failed: { line: LedgerLine; reason: string }[] }

/** A failure's code for the trail (a DestroyError's code, SQLite's error code), never its message. */
export const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'error';
};

/**
 * At open, before anything else: every dossier listed as destroyed that is present again (same id,
 * number and creation time) is destroyed again through `destroy`; the participant id sequence and
 * the dossier numbers move past every listed one. A dossier whose destruction fails is reported,
 * never a reason to refuse opening the vault.
 */
export function redestroyListed(sqlite: Sqlite, dir: string, destroy: (line: LedgerLine) => void): Redestroyed {
  const read = readLedger(dir, ledgerSecret(sqlite));
  if (read.status !== 'ok') return { status: read.status, destroyed: [], failed: [] };
  settleIntended(sqlite, dir);
  const lines = readLedger(dir, ledgerSecret(sqlite)).lines.filter((l) => l.state === 'destroyed');
  const present = prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ? AND dossier_number = ? AND created_at = ?');
  const destroyed: LedgerLine[] = [];
  const failed: Redestroyed['failed'] = [];
  for (const line of lines) {
    if (!present.get(line.participantId, line.dossierNumber, line.createdAt)) continue;
    try {
      destroy(line);
      destroyed.push(line);
    } catch (err) {
      failed.push({ line, reason: codeOf(err) });
    }
  }
  moveSequencesPast(sqlite, lines);
  return { status: 'ok', destroyed, failed };
}

/** The participant id sequence and the dossier numbers move past every listed dossier, so none is ever issued twice. */
export function moveSequencesPast(sqlite: Sqlite, lines: readonly { participantId: number; dossierNumber?: string }[]): void {
  if (lines.length === 0) return;
  const highest = Math.max(...lines.map((l) => l.participantId));
  const numbers = new Map<string, number>();
  for (const l of lines) {
    const m = /^DK-(\d{4})-(\d+)$/.exec(l.dossierNumber ?? '');
    if (m) numbers.set(m[1]!, Math.max(numbers.get(m[1]!) ?? 0, Number(m[2])));
  }
  sqlite.transaction(() => {
    const row = prepared(sqlite, "SELECT seq FROM sqlite_sequence WHERE name = 'participants'").get() as { seq: number } | undefined;
    if (!row) prepared(sqlite, "INSERT INTO sqlite_sequence (name, seq) VALUES ('participants', ?)").run(highest);
    else if (row.seq < highest) prepared(sqlite, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'participants'").run(highest);
    for (const [year, seq] of numbers) if (lastIssued(sqlite, year) < seq) markIssued(sqlite, year, seq);
  })();
}
