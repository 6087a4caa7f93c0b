// Four-eyes destruction (R45): one person proposes a batch of due dossiers, another (privacy
// officer or board, never the proposer) approves it; a waiting period follows in which it can be
// cancelled; at execution, hold and term are checked again (dueForExecution). The execution itself
// (core/retention/destroy.ts) removes the rows and writes the register line (registerDestruction).
import { z } from 'zod';
import { domainError } from '../api/errors.ts';
import { addCalendarDays, amsterdamDate, type IsoDate } from '../calendar/index.ts';
import type { Ctx } from '../router/context.ts';
import type { Sqlite } from '../../db/connection.ts';
import { IsoDate as IsoDateSchema, Id } from '../api/schemas.ts';
import { loadPolicy } from '../requests/policy.ts';
import { activeHold } from './holds.ts';
import { pendingBatchOf, termsOf } from './list.ts';
import { isDue, retentionBases, termCategories } from './schedule.ts';

export type BatchStatus = 'proposed' | 'approved' | 'cancelled' | 'executed';
interface BatchRow {
  id: number; status: BatchStatus; reason: string; proposedById: number; proposedBy: string; proposedAt: string;
  approvedById: number | null; approvedBy: string | null; approvedAt: string | null; executableOn: string | null;
  cancelledBy: string | null; cancelledAt: string | null; cancelReason: string | null; executedAt: string | null;
}
interface ItemRow { participantId: number; dossierNumber: string; basis: 'term' | 'death' | 'request'; termEndsOn: string; outcome: 'destroyed' | 'skipped' | null }

const SELECT = `SELECT b.id, b.status, b.reason, b.proposed_by AS proposedById, p.display_name AS proposedBy, b.proposed_at AS proposedAt,
  b.approved_by AS approvedById, a.display_name AS approvedBy, b.approved_at AS approvedAt, b.executable_on AS executableOn,
  c.display_name AS cancelledBy, b.cancelled_at AS cancelledAt, b.cancel_reason AS cancelReason, b.executed_at AS executedAt
  FROM retention_batches b JOIN users p ON p.id = b.proposed_by LEFT JOIN users a ON a.id = b.approved_by LEFT JOIN users c ON c.id = b.cancelled_by`;

function batchRow(sqlite: Sqlite, id: number): BatchRow {
  const b = sqlite.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!b) throw domainError('retention.batchNotFound');
  return b;
}

function itemsOf(sqlite: Sqlite, batchId: number): ItemRow[] {
  return sqlite.prepare(`SELECT participant_id AS participantId, dossier_number AS dossierNumber, basis, term_ends_on AS termEndsOn, outcome
    FROM retention_batch_items WHERE batch_id = ? ORDER BY id`).all(batchId) as ItemRow[];
}

/**
 * A batch as the caller may see it: the dossiers hidden from them (R26) are left out; ownProposal
 * tells the screen, by user id rather than by display name (two people may share one), that the
 * caller is the proposer and may not approve (R45; approve() is the real check).
 */
export function batchView(sqlite: Sqlite, id: number, hidden: (participantId: number) => boolean, today: IsoDate, callerId: number) {
  const b = batchRow(sqlite, id);
  const { proposedById: _p, approvedById: _a, ...rest } = b;
  return {
    ...rest,
    ownProposal: b.proposedById === callerId,
    cancellable: (b.status === 'proposed' || b.status === 'approved') && (b.executableOn === null || today < b.executableOn),
    items: itemsOf(sqlite, id).filter((i) => !hidden(i.participantId)),
  };
}

export function batchIds(sqlite: Sqlite): number[] {
  return (sqlite.prepare('SELECT id FROM retention_batches ORDER BY id DESC').all() as { id: number }[]).map((r) => r.id);
}

/** Each dossier must exist for the proposer, be due today, not be held and not be in a pending batch. */
export function propose(ctx: Ctx, today: IsoDate, participantIds: readonly number[], reason: string, visible: (participantId: number) => boolean): number {
  const { profile } = loadPolicy(ctx.sqlite);
  const terms = new Map(termsOf(ctx.sqlite, profile, { kind: 'ids', ids: participantIds }).map((t) => [t.participantId, t]));
  const pending = pendingBatchOf(ctx.sqlite);
  const checked = participantIds.map((id) => {
    const t = terms.get(id);
    if (!t || !visible(id)) throw domainError('dossier.notFound');
    if (!isDue(t, today) || t.basis === null || t.until === null) throw domainError('retention.notDue', { dossierNumber: t.dossierNumber });
    if (activeHold(ctx.sqlite, id, today)) throw domainError('retention.held', { dossierNumber: t.dossierNumber });
    if (pending.has(id)) throw domainError('retention.alreadyInBatch', { dossierNumber: t.dossierNumber });
    return { id, dossierNumber: t.dossierNumber, basis: t.basis, until: t.until };
  });
  const { id } = ctx.sqlite.prepare("INSERT INTO retention_batches (status, reason, proposed_by, proposed_at) VALUES ('proposed', ?, ?, ?) RETURNING id")
    .get(reason, ctx.session.userId, ctx.nowIso) as { id: number };
  const add = ctx.sqlite.prepare('INSERT INTO retention_batch_items (batch_id, participant_id, dossier_number, basis, term_ends_on) VALUES (?, ?, ?, ?, ?)');
  for (const c of checked) add.run(id, c.id, c.dossierNumber, c.basis, c.until);
  return id;
}

/** A second person approves; the waiting period (policy, default 7 days) starts today. */
export function approve(ctx: Ctx, today: IsoDate, batchId: number): void {
  const b = batchRow(ctx.sqlite, batchId);
  if (b.status !== 'proposed') throw domainError('retention.notProposed');
  if (b.proposedById === ctx.session.userId) throw domainError('retention.ownProposal');
  const executableOn = addCalendarDays(today, loadPolicy(ctx.sqlite).profile.retention.destructionWaitingDays);
  ctx.sqlite.prepare("UPDATE retention_batches SET status = 'approved', approved_by = ?, approved_at = ?, executable_on = ? WHERE id = ?")
    .run(ctx.session.userId, ctx.nowIso, executableOn, batchId);
}

/** Until the waiting period has passed, a proposed or approved batch can be cancelled. */
export function cancel(ctx: Ctx, today: IsoDate, batchId: number, reason: string): void {
  const b = batchRow(ctx.sqlite, batchId);
  if (!(b.status === 'proposed' || b.status === 'approved') || (b.executableOn !== null && today >= b.executableOn)) throw domainError('retention.notCancellable');
  ctx.sqlite.prepare("UPDATE retention_batches SET status = 'cancelled', cancelled_by = ?, cancelled_at = ?, cancel_reason = ? WHERE id = ?")
    .run(ctx.session.userId, ctx.nowIso, reason, batchId);
}

/**
 * For the execution step: the participants of an approved batch that may be destroyed now. The
 * waiting period must have passed, and each dossier is checked again — it still exists, its term
 * has still ended (a date of death corrected, a trajectory reopened) and no hold is active, also one
 * placed after approval. Dossiers already destroyed or skipped are not returned again.
 */
export function dueForExecution(sqlite: Sqlite, batchId: number, nowIso: string): number[] {
  const b = sqlite.prepare('SELECT status, executable_on AS executableOn FROM retention_batches WHERE id = ?').get(batchId) as { status: BatchStatus; executableOn: string | null } | undefined;
  const today = amsterdamDate(nowIso);
  if (!b || b.status !== 'approved' || b.executableOn === null || today < b.executableOn) return [];
  const open = itemsOf(sqlite, batchId).filter((i) => i.outcome === null).map((i) => i.participantId);
  const { profile } = loadPolicy(sqlite);
  const terms = new Map(termsOf(sqlite, profile, { kind: 'ids', ids: open }).map((t) => [t.participantId, t]));
  return open.filter((id) => {
    const t = terms.get(id);
    return t !== undefined && isDue(t, today) && activeHold(sqlite, id, today) === null;
  });
}

/** One line of the destruction register (R44): numbers, codes and dates; no name, birth date, address or free text. */
export const RegisterLine = z.object({
  dossierNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  category: z.enum(termCategories),
  openedOn: IsoDateSchema,
  closedOn: IsoDateSchema.nullable(),
  termEndsOn: IsoDateSchema,
  basis: z.enum(retentionBases),
  batchId: Id.nullable(),
  proposedBy: Id,
  approvedBy: Id,
  executedAt: z.string().datetime(),
}).strict();
export type RegisterLine = z.infer<typeof RegisterLine>;

/**
 * The register line of a dossier about to be destroyed in a batch, built from its schedule before
 * its rows go (the execution step calls this first, then destroys, then registerDestruction).
 */
export function destructionLine(sqlite: Sqlite, batchId: number, participantId: number, nowIso: string): RegisterLine {
  const b = batchRow(sqlite, batchId);
  const item = itemsOf(sqlite, batchId).find((i) => i.participantId === participantId);
  const [t] = termsOf(sqlite, loadPolicy(sqlite).profile, { kind: 'ids', ids: [participantId] });
  if (!item || !t || b.approvedById === null) throw domainError('retention.batchNotFound');
  return RegisterLine.parse({
    dossierNumber: t.dossierNumber, category: t.category, openedOn: t.openedOn, closedOn: t.closedOn, termEndsOn: t.until ?? item.termEndsOn,
    basis: t.basis ?? item.basis, batchId, proposedBy: b.proposedById, approvedBy: b.approvedById, executedAt: nowIso,
  });
}

/** Writes the register line (validated) and marks the dossier destroyed in its batch. */
export function registerDestruction(sqlite: Sqlite, line: RegisterLine, participantId?: number): number {
  const l = RegisterLine.parse(line);
  const { id } = sqlite.prepare(`INSERT INTO destruction_register (dossier_number, category, opened_on, closed_on, term_ends_on, basis, batch_id, proposed_by, approved_by, executed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(l.dossierNumber, l.category, l.openedOn, l.closedOn, l.termEndsOn, l.basis, l.batchId, l.proposedBy, l.approvedBy, l.executedAt) as { id: number };
  if (l.batchId !== null && participantId !== undefined) {
    sqlite.prepare("UPDATE retention_batch_items SET outcome = 'destroyed' WHERE batch_id = ? AND participant_id = ? AND outcome IS NULL").run(l.batchId, participantId);
  }
  return id;
}

/** After execution: the dossiers not destroyed are marked skipped, and the batch is executed. */
export function finishBatch(sqlite: Sqlite, batchId: number, nowIso: string): void {
  sqlite.prepare("UPDATE retention_batch_items SET outcome = 'skipped' WHERE batch_id = ? AND outcome IS NULL").run(batchId);
  sqlite.prepare("UPDATE retention_batches SET status = 'executed', executed_at = ? WHERE id = ? AND status = 'approved'").run(nowIso, batchId);
}

export interface RegisterView extends Omit<RegisterLine, 'proposedBy' | 'approvedBy'> { id: number; proposedBy: string; approvedBy: string }

export function registerLines(sqlite: Sqlite): RegisterView[] {
  return sqlite.prepare(`SELECT r.id, r.dossier_number AS dossierNumber, r.category, r.opened_on AS openedOn, r.closed_on AS closedOn, r.term_ends_on AS termEndsOn,
    r.basis, r.batch_id AS batchId, p.display_name AS proposedBy, a.display_name AS approvedBy, r.executed_at AS executedAt
    FROM destruction_register r JOIN users p ON p.id = r.proposed_by JOIN users a ON a.id = r.approved_by ORDER BY r.executed_at DESC, r.id DESC`).all() as RegisterView[];
}
