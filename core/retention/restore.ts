// A restored backup that still holds destroyed dossiers (R44): at every open, right after the audit
// anchor is checked and before any session can read, each dossier the destruction ledger lists
// and the database holds again is destroyed again, with the same destruction as the batches, and
// a system line in the trail says so. A ledger that cannot be trusted is never acted upon, but
// the trail records it (flagged), so the privacy officer sees it in the audit view.
import { appendSystemLine } from '../audit/anchor.ts';
import { checkpointTruncate, type Sqlite } from '../../db/connection.ts';
import { destroyParticipant } from './destroy.ts';
import { redestroyListed, type LedgerLine } from './ledger.ts';

export function destroyAgainAtOpen(sqlite: Sqlite, dir: string, key: Buffer, previousKey?: Buffer): LedgerLine[] {
  const at = new Date().toISOString();
  const result = redestroyListed(sqlite, dir, previousKey ? [key, previousKey] : [key], (line) => {
    destroyParticipant(sqlite, line.participantId, {
      checkpoint: false,
      // Ids and the dossier number only: what the destruction register keeps too.
      inTransaction: () => appendSystemLine(sqlite, 'retention.destroyedAgain', at, { dossierNumber: line.dossierNumber, destroyedAt: line.destroyedAt }, false),
    });
  });
  if (result.status === 'unreadable' || result.status === 'badMac') {
    sqlite.transaction(() => appendSystemLine(sqlite, 'retention.ledgerUntrusted', at, { problem: result.status }, true))();
  }
  if (result.destroyed.length > 0) {
    // Stale WAL frames would still hold the dossier: a checkpoint that is not clean is recorded.
    const checkpoint = checkpointTruncate(sqlite);
    if (!checkpoint.clean) sqlite.transaction(() => appendSystemLine(sqlite, 'retention.checkpointNotClean', at, { busy: checkpoint.busy, log: checkpoint.log, checkpointed: checkpoint.checkpointed }, true))();
  }
  return result.destroyed;
}
