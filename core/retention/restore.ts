// A restored backup that still holds what was destroyed or erased (R44, R28, R29): at every open,
// right after the audit anchor is checked and before any session can read, the ledger is applied.
// First the erasures and anonymisations this database has no mark of (core/retention/erasures.ts),
// then each dossier the ledger lists as destroyed and the database holds again is destroyed again,
// with the same destruction as the batches; a line in the trail says so. A ledger that cannot be
// trusted is never acted upon, a missing one while the database records destructions, and a
// re-erasure or re-destruction that fails, are flagged in the trail (the privacy officer sees
// them); none of them stops the vault opening.
import { appendSystemLine } from '../audit/anchor.ts';
import { checkpointTruncate, prepared, type Sqlite } from '../../db/connection.ts';
import { amsterdamDate } from '../calendar/index.ts';
import { DestroyError, destroyParticipant } from './destroy.ts';
import { activeHoldsSplit } from './holds.ts';
import { holdsTagged } from './identity.ts';
import { eraseAgain, ledgerErasures, MARKS_WHERE } from './erasures.ts';
import { codeOf, LedgerUntrustedError, ledgerSecret, readLedger, redestroyListed, type LedgerLine } from './ledger.ts';

const flag = (sqlite: Sqlite, action: string, at: string, objects: Record<string, unknown>) =>
  sqlite.transaction(() => appendSystemLine(sqlite, action, at, objects, true))();
/** In the error paths: when even the flag cannot be written (a full disk), the vault still opens. */
const flagIfPossible = (sqlite: Sqlite, action: string, at: string, objects: Record<string, unknown>) => {
  try { flag(sqlite, action, at, objects); } catch { /* nothing more can be written now; the next open tries again */ }
};

/** The erasures of a trusted ledger this database lacks; returns how many were carried out again. An untrusted ledger is flagged by the destruction step. */
function eraseAgainAtOpen(sqlite: Sqlite, dir: string, at: string): number {
  const read = readLedger(dir, ledgerSecret(sqlite));
  // A missing ledger is not made again here: an empty one would hide that the old one (with its
  // destructions) is gone; destroyAgainAtOpen flags it. The next erasure or destruction starts one.
  if (read.status !== 'ok') return 0;
  try {
    ledgerErasures(sqlite, dir);
  } catch {
    return 0; // the ledger changed under us into one that cannot be trusted: the destruction step flags it
  }
  const again = eraseAgain(sqlite, read.erasures, at);
  for (const { line, reason } of again.failed) flag(sqlite, 'retention.eraseAgainFailed', at, { participantId: line.participantId, anonymise: line.anonymise, erasedAt: line.at, reason });
  // Ids that stand for another dossier or item in this database than the one erased: left alone, and said.
  for (const s of again.skipped) flag(sqlite, 'retention.eraseAgainSkipped', at, { participantId: s.line.participantId, reason: s.reason, erasedAt: s.line.at, entryIds: s.entryIds, documentIds: s.documentIds });
  return again.applied.length;
}

/** The database has destroyed, erased or anonymised something, so a ledger must exist next to it. */
const recordsRemoval = (sqlite: Sqlite) =>
  Boolean(prepared(sqlite, `SELECT 1 FROM destruction_register UNION ALL SELECT 1 FROM settings WHERE ${MARKS_WHERE} LIMIT 1`).get());

export function destroyAgainAtOpen(sqlite: Sqlite, dir: string): LedgerLine[] {
  const at = new Date().toISOString();
  let erased = 0;
  try {
    erased = eraseAgainAtOpen(sqlite, dir, at);
  } catch (err) {
    // Each line has its own transaction; what failed around them (a full disk) is said, and the vault opens.
    flagIfPossible(sqlite, 'retention.eraseAgainFailed', at, { reason: codeOf(err) });
  }
  let result: ReturnType<typeof redestroyListed>;
  try {
    result = redestroyListed(sqlite, dir, (line) => {
      // The live vault destroyed it, so a hold still active in this older copy that the line knows was
      // lifted there first: it goes with the dossier (migration 0015), and the line counts them. Any
      // other active hold was placed in this copy since and stops it (R45): flagged, tried again next open.
      const staleIds = holdsTagged(sqlite, line.participantId, line.holds ?? []);
      const holds = activeHoldsSplit(sqlite, line.participantId, amsterdamDate(at), staleIds);
      if (holds.newer > 0) throw new DestroyError('held', line.dossierNumber);
      destroyParticipant(sqlite, line.participantId, {
        checkpoint: false,
        reapplying: { holdIds: staleIds },
        // The dossier number only: what the destruction register keeps too.
        inTransaction: () => appendSystemLine(sqlite, 'retention.destroyedAgain', at, { dossierNumber: line.dossierNumber, destroyedAt: line.destroyedAt, staleHolds: holds.stale }, false),
      });
    });
  } catch (err) {
    // A ledger that turned untrusted half-way is said as such; anything else (the ledger could not be
    // written, a full disk) as a failed re-destruction with its code, not as a forged ledger.
    if (err instanceof LedgerUntrustedError) flagIfPossible(sqlite, 'retention.ledgerUntrusted', at, { problem: err.status });
    else flagIfPossible(sqlite, 'retention.destroyAgainFailed', at, { reason: codeOf(err) });
    return [];
  }
  if (result.status === 'unreadable' || result.status === 'badMac') flag(sqlite, 'retention.ledgerUntrusted', at, { problem: result.status });
  if (result.status === 'missing' && recordsRemoval(sqlite)) flag(sqlite, 'retention.ledgerMissing', at, {});
  for (const { line, reason } of result.failed) flag(sqlite, 'retention.destroyAgainFailed', at, { dossierNumber: line.dossierNumber, reason });
  if (result.destroyed.length > 0 || erased > 0) {
    // Stale WAL frames would still hold what went: a checkpoint that is not clean is recorded.
    const checkpoint = checkpointTruncate(sqlite);
    if (!checkpoint.clean) flag(sqlite, 'retention.checkpointNotClean', at, { busy: checkpoint.busy, log: checkpoint.log, checkpointed: checkpoint.checkpointed });
  }
  return result.destroyed;
}
