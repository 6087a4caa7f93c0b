// Carrying out an approved destruction batch (R44, R45) once its waiting period has ended. The
// order is what makes it safe:
// 1. in one read transaction: the batch must be approved and past its waiting period; hold and
//    term are checked again for every dossier (dueForExecution), so a hold placed after approval
//    still stops it; the register line of each dossier is made before its rows go;
// 2. the destruction ledger next to the database lists them, fsynced, BEFORE any row is deleted,
//    so a backup made earlier can never bring one back for good (core/retention/ledger.ts);
// 3. each dossier is destroyed in its own transaction, with its register line and its audit line
//    in that same transaction (destroyBatch), then one checked WAL checkpoint for the batch;
// 4. the batch is closed: what was not destroyed is marked skipped.
import { appendAudit } from '../audit/chain.ts';
import { domainError } from '../api/errors.ts';
import { listLens } from '../access/view.ts';
import { amsterdamDate } from '../calendar/index.ts';
import { auditLine } from '../router/audit-line.ts';
import { inTransaction, type AuditNote, type HostState } from '../router/context.ts';
import { destructionLine, dueForExecution, finishBatch, registerDestruction, type RegisterLine } from './batches.ts';
import { destroyBatch } from './destroy.ts';
import { recordInLedger, type LedgerLine } from './ledger.ts';

export interface ExecuteResult { batchId: number; destroyed: number; skipped: number; checkpointClean: boolean }

interface Plan { ids: number[]; lines: Map<number, RegisterLine>; ledger: LedgerLine[]; items: number[]; hidden: (id: number) => boolean }

function planOf(state: HostState, batchId: number, note: AuditNote): Plan {
  return inTransaction(state, note, (ctx) => {
    const b = ctx.sqlite.prepare('SELECT status, executable_on AS executableOn FROM retention_batches WHERE id = ?').get(batchId) as { status: string; executableOn: string | null } | undefined;
    if (!b) throw domainError('retention.batchNotFound');
    if (b.status !== 'approved') throw domainError('retention.notExecutable');
    if (b.executableOn === null || amsterdamDate(ctx.nowIso) < b.executableOn) throw domainError('retention.waiting', { date: (b.executableOn ?? '').split('-').reverse().join('-') });
    const ids = dueForExecution(ctx.sqlite, batchId, ctx.nowIso);
    const lines = new Map(ids.map((id) => [id, destructionLine(ctx.sqlite, batchId, id, ctx.nowIso)]));
    const created = ctx.sqlite.prepare('SELECT created_at AS c FROM participants WHERE id = ?');
    const ledger = ids.map((id) => ({ participantId: id, dossierNumber: lines.get(id)!.dossierNumber, createdAt: (created.get(id) as { c: string }).c, destroyedAt: ctx.nowIso }));
    const items = (ctx.sqlite.prepare('SELECT participant_id AS p FROM retention_batch_items WHERE batch_id = ? AND outcome IS NULL').all(batchId) as { p: number }[]).map((r) => r.p);
    return { ids, lines, ledger, items, hidden: listLens(ctx).hidden };
  });
}

export function executeBatch(state: HostState, batchId: number, note: AuditNote): ExecuteResult {
  const { sqlite, dir, key } = state.handle!;
  const plan = planOf(state, batchId, note);
  if (plan.ledger.length > 0) recordInLedger(dir, key, plan.ledger);
  const nowIso = state.now().toISOString();
  const batch = destroyBatch(sqlite, plan.ids, {
    inTransaction: (r) => {
      const line = plan.lines.get(r.participantId)!;
      registerDestruction(sqlite, line, r.participantId);
      // No participant id on the line: the dossier is gone; the register keeps its number.
      appendAudit(sqlite, auditLine(state, 'retention.destroyed', 'ok', { objects: { batchId, dossierNumber: line.dossierNumber, registerBasis: line.basis } }, nowIso));
    },
  });
  // Counts as the caller may see them: a dossier shielded from them as a whole is not counted (R26).
  const destroyedIds = new Set(plan.ids);
  const shown = plan.items.filter((id) => !plan.hidden(id));
  const result: ExecuteResult = {
    batchId, destroyed: shown.filter((id) => destroyedIds.has(id)).length, skipped: shown.filter((id) => !destroyedIds.has(id)).length,
    checkpointClean: batch.checkpoint.clean,
  };
  inTransaction(state, note, (ctx) => {
    finishBatch(ctx.sqlite, batchId, ctx.nowIso);
    note.objects = { batchId, destroyed: result.destroyed, skipped: result.skipped, checkpointClean: result.checkpointClean };
    // A WAL that could not be emptied may still hold destroyed pages: flagged, never hidden (R07).
    note.flagged = !result.checkpointClean;
    appendAudit(ctx.sqlite, auditLine(state, 'retention.execute', 'ok', note, ctx.nowIso));
    note.written = true;
  });
  return result;
}
