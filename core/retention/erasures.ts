// Erasures that a restored backup must not bring back (R28, R29, R43, R44). Each erasure or
// anonymisation leaves a mark in the database, in the same transaction ('erased:<id>' in settings:
// which dossier, which fields by name, entries and documents by id — never a value), and right after
// its commit the mark is copied into the ledger next to the database (core/retention/ledger.ts).
// At every open, before anyone can read:
// - marks the ledger does not list yet are added (a crash between the commit and the ledger write);
// - every erasure the ledger lists that this database has no mark of happened after this database
//   was made: it is an older backup, and the erasure is carried out again with the same machinery,
//   audited, and marked, so it is done once and never again (a value entered after the erasure is
//   never touched: the live database has the mark).
// The mark, not the data, decides: "the field is filled again" cannot tell a restored old value from
// a new one given later, a missing mark can.
import { randomBytes } from 'node:crypto';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { appendSystemLine } from '../audit/anchor.ts';
import { amsterdamDate } from '../calendar/index.ts';
import type { ParticipantField } from '../api/categories.ts';
import { anonymiseParticipant } from './anonymise.ts';
import { eraseItems, type ErasureItem } from './erase.ts';
import { ErasureLine, moveSequencesPast, recordErasures } from './ledger.ts';

const MARK_PREFIX = 'erased:';
/** The settings rows that are erasure marks ('erased:' up to, not including, 'erased;'). */
export const MARKS_WHERE = "key >= 'erased:' AND key < 'erased;'";

export type ErasureRecord = Omit<ErasureLine, 'id' | 'at'>;

/** Inside the erasure's transaction: the mark that proves this database has seen it. */
export function markErasure(sqlite: Sqlite, record: ErasureRecord, nowIso: string): ErasureLine {
  const line = ErasureLine.parse({ id: randomBytes(16).toString('hex'), at: nowIso, ...record });
  insertMark(sqlite, line);
  return line;
}

function insertMark(sqlite: Sqlite, line: ErasureLine): void {
  prepared(sqlite, 'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(`${MARK_PREFIX}${line.id}`, JSON.stringify(line));
}

/** Every erasure this database has carried out or carried out again. */
function marks(sqlite: Sqlite): ErasureLine[] {
  const rows = prepared(sqlite, `SELECT value FROM settings WHERE ${MARKS_WHERE}`).all() as { value: string }[];
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

const itemsOf = (line: ErasureLine): ErasureItem[] => [
  ...line.fields.map((field) => ({ kind: 'field' as const, field: field as ParticipantField })),
  ...line.entryIds.map((entryId) => ({ kind: 'entry' as const, entryId })),
  ...line.documentIds.map((documentId) => ({ kind: 'document' as const, documentId })),
];

export interface ErasedAgain { applied: ErasureLine[]; failed: ErasureLine[] }

/**
 * At open: each erasure of the (trusted) ledger that this database has no mark of is carried out
 * again, in its own transaction with an audit line and the mark. One that fails (an anonymisation
 * refused by a legal hold still active in the old backup, which the live vault had lifted) is left
 * unmarked and flagged, so the next open tries again; it never stops the vault opening. Known limit:
 * a line names its dossier by id only, so a folder restored whole, used, and then given a newer
 * ledger could have a reused id taken for the erased dossier (docs/security.md).
 */
export function eraseAgain(sqlite: Sqlite, ledger: readonly ErasureLine[], nowIso: string): ErasedAgain {
  const known = new Set(marks(sqlite).map((m) => m.id));
  const out: ErasedAgain = { applied: [], failed: [] };
  const pending = ledger.filter((l) => !known.has(l.id));
  for (const line of pending) {
    try {
      sqlite.transaction(() => {
        if (prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ?').get(line.participantId)) {
          if (line.anonymise) anonymiseParticipant(sqlite, line.participantId, { today: amsterdamDate(nowIso), nowIso, ...(line.anonymousNumber ? { dossierNumber: line.anonymousNumber } : {}) });
          else eraseItems(sqlite, line.participantId, itemsOf(line), nowIso);
          appendSystemLine(sqlite, line.anonymise ? 'retention.anonymisedAgain' : 'retention.erasedAgain', nowIso,
            { erasedAt: line.at, fields: line.fields, entryIds: line.entryIds, documentIds: line.documentIds }, false, line.participantId);
          out.applied.push(line);
        }
        // Also when the dossier is not (yet) in this database: a dossier made later under the same id must never be taken for it.
        insertMark(sqlite, line);
      })();
    } catch {
      out.failed.push(line);
    }
  }
  moveSequencesPast(sqlite, pending);
  return out;
}

/**
 * Right after an erasure's commit: the ledger lists it. A ledger that cannot be trusted is not
 * overwritten (it holds the evidence of earlier destructions); that is flagged in the trail, and the
 * mark stays in the database, so the next open with a sound ledger lists it.
 */
export function ledgerAfterErasure(sqlite: Sqlite, dir: string, nowIso: string): boolean {
  try {
    ledgerErasures(sqlite, dir);
    return true;
  } catch {
    sqlite.transaction(() => appendSystemLine(sqlite, 'retention.ledgerUntrusted', nowIso, { problem: 'notWritten' }, true))();
    return false;
  }
}
