// A restored backup that still holds destroyed dossiers (R44): at every open, right after the audit
// anchor is checked and before any session can read, each dossier the destruction ledger lists as
// destroyed and the database holds again is destroyed again, with the same destruction as the
// batches, and a system line in the trail says so. A ledger that cannot be trusted is never acted
// upon, a missing one while the database records destructions, and a re-destruction that fails,
// are flagged in the trail (the privacy officer sees them); none of them stops the vault opening.
import { appendSystemLine } from '../audit/anchor.ts';
import { checkpointTruncate, prepared, type Sqlite } from '../../db/connection.ts';
import { destroyParticipant } from './destroy.ts';
import { redestroyListed, type LedgerLine } from './ledger.ts';

const flag = (sqlite: Sqlite, action: string, at: string, objects: Record<string, unknown>) =>
  sqlite.transaction(() => appendSystemLine(sqlite, action, at, objects, true))();

export function destroyAgainAtOpen(sqlite: Sqlite, dir: string): LedgerLine[] {
  const at = new Date().toISOString();
  let result: ReturnType<typeof redestroyListed>;
  try {
    result = redestroyListed(sqlite, dir, (line) => {
      destroyParticipant(sqlite, line.participantId, {
        checkpoint: false,
        // The dossier number only: what the destruction register keeps too.
        inTransaction: () => appendSystemLine(sqlite, 'retention.destroyedAgain', at, { dossierNumber: line.dossierNumber, destroyedAt: line.destroyedAt }, false),
      });
    });
  } catch {
    flag(sqlite, 'retention.ledgerUntrusted', at, { problem: 'unreadable' });
    return [];
  }
  if (result.status === 'unreadable' || result.status === 'badMac') flag(sqlite, 'retention.ledgerUntrusted', at, { problem: result.status });
  if (result.status === 'missing' && (prepared(sqlite, 'SELECT count(*) AS n FROM destruction_register').get() as { n: number }).n > 0) {
    flag(sqlite, 'retention.ledgerMissing', at, {});
  }
  for (const line of result.failed) flag(sqlite, 'retention.destroyAgainFailed', at, { dossierNumber: line.dossierNumber });
  if (result.destroyed.length > 0) {
    // Stale WAL frames would still hold the dossier: a checkpoint that is not clean is recorded.
    const checkpoint = checkpointTruncate(sqlite);
    if (!checkpoint.clean) flag(sqlite, 'retention.checkpointNotClean', at, { busy: checkpoint.busy, log: checkpoint.log, checkpointed: checkpoint.checkpointed });
  }
  return result.destroyed;
}
