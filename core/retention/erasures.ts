// Erasures that a restored backup must not bring back (R28, R29, R43, R44). Each erasure or
// anonymisation leaves a mark in the database, in the same transaction ('erased:<id>' in settings:
// which dossier, which fields by name, entries and documents by id, each bound to what it stood for
// by a keyed tag (core/retention/identity.ts) — never a value), and right after
// its commit the mark is copied into the ledger next to the database (core/retention/ledger.ts).
// At every open, before anyone can read:
// - marks the ledger does not list yet are added (a crash between the commit and the ledger write);
// - every erasure the ledger lists that this database has no mark of happened after this database
//   was made: it is an older backup, and the erasure is carried out again with the same machinery,
//   audited, and marked, so it is done once and never again (a value entered after the erasure is
//   never touched: the live database has the mark), on the dossier and items that still give the
//   line's tags only;
// - a legal hold still active in that older copy does not stop it: the live vault had lifted it
//   before the removal, which the trusted ledger proves.
// The mark, not the data, decides: "the field is filled again" cannot tell a restored old value from
// a new one given later, a missing mark can.
import { randomBytes } from 'node:crypto';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { appendSystemLine } from '../audit/anchor.ts';
import { amsterdamDate } from '../calendar/index.ts';
import type { ParticipantField } from '../api/categories.ts';
import { AnonymiseError, anonymiseParticipant } from './anonymise.ts';
import { eraseItems, ErasureError, type ErasureItem } from './erase.ts';
import { activeHoldsSplit } from './holds.ts';
import { holdsTagged, stillBound, type ErasureBinding } from './identity.ts';
import { ErasureLine, LedgerUntrustedError, moveSequencesPast, recordErasures } from './ledger.ts';

const MARK_PREFIX = 'erased:';
/** The settings rows that are erasure marks ('erased:' up to, not including, 'erased;'). */
export const MARKS_WHERE = "key >= 'erased:' AND key < 'erased;'";

export type ErasureRecord = Omit<ErasureLine, 'id' | 'at' | 'bound'>;

/**
 * Inside the erasure's transaction: the mark that proves this database has seen it. `binding` was
 * taken before the erasure changed anything (bindErasure); the line lists only the entries and
 * documents that were there, each with its tag, and the dossier's tag (core/retention/identity.ts).
 */
export function markErasure(sqlite: Sqlite, record: ErasureRecord, binding: ErasureBinding, nowIso: string): ErasureLine {
  const entryIds = record.entryIds.filter((id) => binding.entries.has(id));
  const documentIds = record.documentIds.filter((id) => binding.documents.has(id));
  const bound = { dossier: binding.dossier, entries: entryIds.map((id) => binding.entries.get(id)!), documents: documentIds.map((id) => binding.documents.get(id)!), holds: binding.holds };
  const line = ErasureLine.parse({ id: randomBytes(16).toString('hex'), at: nowIso, ...record, entryIds, documentIds, bound });
  insertMark(sqlite, line);
  return line;
}

function insertMark(sqlite: Sqlite, line: ErasureLine): void {
  prepared(sqlite, 'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(`${MARK_PREFIX}${line.id}`, JSON.stringify(line));
}

/** Every erasure this database has carried out or carried out again. */
function marks(sqlite: Sqlite): ErasureLine[] {
  // In the order they were made (rowid), not by their random key: the ledger lists them in this order.
  const rows = prepared(sqlite, `SELECT value FROM settings WHERE ${MARKS_WHERE} ORDER BY rowid`).all() as { value: string }[];
  return rows.flatMap((r) => {
    try {
      const parsed = ErasureLine.safeParse(JSON.parse(r.value));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/** After an erasure's commit, and at every open: the ledger lists every mark of this database. Throws LedgerUntrustedError on a ledger it cannot trust. */
export function ledgerErasures(sqlite: Sqlite, dir: string): number {
  return recordErasures(sqlite, dir, marks(sqlite));
}

const itemsOf = (line: Pick<ErasureLine, 'fields' | 'entryIds' | 'documentIds'>): ErasureItem[] => [
  ...line.fields.map((field) => ({ kind: 'field' as const, field: field as ParticipantField })),
  ...line.entryIds.map((entryId) => ({ kind: 'entry' as const, entryId })),
  ...line.documentIds.map((documentId) => ({ kind: 'document' as const, documentId })),
];

/** Why carrying a line out again failed: a code, never a message (it could quote data). */
export type AgainFailure = 'held' | 'notFound' | 'requiredField' | 'notInDossier' | 'mandateDocument' | 'afterFailed' | 'database';
class HeldError extends Error { readonly code = 'held' as const; constructor() { super('a legal hold placed in this copy stops it'); } }
const failureOf = (err: unknown): AgainFailure => (err instanceof AnonymiseError || err instanceof ErasureError || err instanceof HeldError ? err.code : 'database');

/** A line not carried out because its ids stand for something else in this database. */
export interface SkippedLine { line: ErasureLine; reason: 'otherDossier' | 'otherItems'; entryIds: number[]; documentIds: number[] }

export interface ErasedAgain { applied: ErasureLine[]; skipped: SkippedLine[]; failed: { line: ErasureLine; reason: AgainFailure }[] }

/**
 * One pending line, inside its own transaction. Bound lines (ledger version 4) touch only the
 * dossier and items that still give their tag; lines of version 3 go by id, as they were written.
 */
function carryOutAgain(sqlite: Sqlite, line: ErasureLine, nowIso: string, out: ErasedAgain): void {
  if (!prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ?').get(line.participantId)) return;
  const bound = line.bound ? stillBound(sqlite, { ...line, bound: line.bound }) : null;
  if (bound && !bound.sameDossier) {
    out.skipped.push({ line, reason: 'otherDossier', entryIds: [], documentIds: [] });
    return;
  }
  const items = bound ? { fields: line.fields, entryIds: bound.entryIds, documentIds: bound.documentIds } : line;
  if (bound && (bound.otherEntries.length > 0 || bound.otherDocuments.length > 0)) {
    out.skipped.push({ line, reason: 'otherItems', entryIds: bound.otherEntries, documentIds: bound.otherDocuments });
  }
  if (!line.anonymise && items.fields.length + items.entryIds.length + items.documentIds.length === 0) return; // nothing of it came back
  // A removal refuses an active hold, so a hold still active in this older copy that the line knows
  // (its tag, taken at the erasure) had been lifted in the live vault: it does not stop it (migration
  // 0015). Any other active hold was placed in this copy since: it stops it (R45), flagged and tried
  // again at the next open. A line of version 3 knows no holds: every active hold stops it.
  const today = amsterdamDate(nowIso);
  const staleIds = line.bound ? holdsTagged(sqlite, line.participantId, line.bound.holds) : [];
  const holds = activeHoldsSplit(sqlite, line.participantId, today, staleIds);
  if (holds.newer > 0) throw new HeldError();
  const reapplying = bound ? { holdIds: staleIds } : undefined;
  if (line.anonymise) anonymiseParticipant(sqlite, line.participantId, { today, nowIso, ...(reapplying ? { reapplying } : {}), ...(line.anonymousNumber ? { dossierNumber: line.anonymousNumber } : {}) });
  else eraseItems(sqlite, line.participantId, itemsOf(items), nowIso);
  appendSystemLine(sqlite, line.anonymise ? 'retention.anonymisedAgain' : 'retention.erasedAgain', nowIso,
    { erasedAt: line.at, fields: items.fields, entryIds: items.entryIds, documentIds: items.documentIds, ...(line.anonymise ? { staleHolds: holds.stale } : {}) }, false, line.participantId);
  out.applied.push(line);
}

/**
 * At open: each erasure of the (trusted) ledger that this database has no mark of is carried out
 * again, in the order they were made (an anonymisation changes the identity later lines are bound to), each in
 * its own transaction with an audit line and the mark. A line whose dossier or items now stand for
 * something else is left alone for them and reported (skipped). One that fails is left unmarked
 * and reported with its reason, so the next open tries again; it never stops the vault opening.
 */
export function eraseAgain(sqlite: Sqlite, ledger: readonly ErasureLine[], nowIso: string): ErasedAgain {
  const known = new Set(marks(sqlite).map((m) => m.id));
  const out: ErasedAgain = { applied: [], skipped: [], failed: [] };
  // By time, whatever order the ledger lists them in (a ledger started again lists marks as found): an
  // erasure made before an anonymisation is bound to the identity the anonymisation then changed.
  const pending = ledger.filter((l) => !known.has(l.id)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const failedDossiers = new Set<number>();
  for (const line of pending) {
    // After an anonymisation of the same dossier failed in this run, a later line is bound to the
    // identity it would have given: it waits too, unmarked, instead of being taken for another
    // dossier and marked as done.
    if (failedDossiers.has(line.participantId)) {
      out.failed.push({ line, reason: 'afterFailed' });
      continue;
    }
    const skippedBefore = out.skipped.length;
    try {
      sqlite.transaction(() => {
        carryOutAgain(sqlite, line, nowIso, out);
        // Also when the dossier is not (yet) in this database: a dossier made later under the same id must never be taken for it.
        insertMark(sqlite, line);
      })();
    } catch (err) {
      out.skipped.length = skippedBefore;
      out.failed.push({ line, reason: failureOf(err) });
      if (line.anonymise) failedDossiers.add(line.participantId);
    }
  }
  moveSequencesPast(sqlite, pending);
  return out;
}

/**
 * Right after an erasure's commit: the ledger lists it. A ledger that cannot be trusted is not
 * overwritten (it holds the evidence of earlier destructions); that is flagged in the trail with
 * what was wrong (unreadable, badMac, or notWritten: the file could not be written, a full disk),
 * and the mark stays in the database, so the next open with a sound ledger lists it.
 */
export function ledgerAfterErasure(sqlite: Sqlite, dir: string, nowIso: string): boolean {
  try {
    ledgerErasures(sqlite, dir);
    return true;
  } catch (err) {
    const problem = err instanceof LedgerUntrustedError ? err.status : 'notWritten';
    sqlite.transaction(() => appendSystemLine(sqlite, 'retention.ledgerUntrusted', nowIso, { problem }, true))();
    return false;
  }
}
