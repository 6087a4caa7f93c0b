// Legal holds (R45): a dossier that must be kept beyond its term (a dispute, an investigation, a
// claim). Placed with a reason, by whom, until when (optional); lifted with a reason; never
// edited or removed (triggers in migration 0013). While active, the dossier is never due.
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { IsoDate } from '../calendar/index.ts';

export interface HoldView {
  id: number; participantId: number; reason: string; untilDate: string | null;
  placedBy: string; placedAt: string; liftedBy: string | null; liftedAt: string | null; liftReason: string | null; active: boolean;
}
type HoldRow = Omit<HoldView, 'active'>;

const SELECT = `SELECT h.id, h.participant_id AS participantId, h.reason, h.until_date AS untilDate, p.display_name AS placedBy, h.placed_at AS placedAt,
  l.display_name AS liftedBy, h.lifted_at AS liftedAt, h.lift_reason AS liftReason
  FROM retention_holds h JOIN users p ON p.id = h.placed_by LEFT JOIN users l ON l.id = h.lifted_by`;

/** Active on `today`: not lifted, and its last day (if any) not passed. */
const ACTIVE = '(h.lifted_at IS NULL AND (h.until_date IS NULL OR h.until_date >= ?))';

const view = (r: HoldRow, today: IsoDate): HoldView => ({ ...r, active: r.liftedAt === null && (r.untilDate === null || r.untilDate >= today) });

export function holdsOf(sqlite: Sqlite, participantId: number | null, today: IsoDate): HoldView[] {
  const rows = participantId === null
    ? sqlite.prepare(`${SELECT} ORDER BY h.placed_at, h.id`).all() as HoldRow[]
    : sqlite.prepare(`${SELECT} WHERE h.participant_id = ? ORDER BY h.placed_at, h.id`).all(participantId) as HoldRow[];
  return rows.map((r) => view(r, today));
}

/** The dossier's active hold (the first placed), or null. */
export function activeHold(sqlite: Sqlite, participantId: number, today: IsoDate): HoldView | null {
  const r = sqlite.prepare(`${SELECT} WHERE h.participant_id = ? AND ${ACTIVE} ORDER BY h.placed_at, h.id LIMIT 1`).get(participantId, today) as HoldRow | undefined;
  return r ? view(r, today) : null;
}

/** Every active hold by dossier, for the list. */
export function activeHolds(sqlite: Sqlite, today: IsoDate): Map<number, HoldView> {
  const out = new Map<number, HoldView>();
  for (const r of sqlite.prepare(`${SELECT} WHERE ${ACTIVE} ORDER BY h.placed_at, h.id`).all(today) as HoldRow[]) {
    if (!out.has(r.participantId)) out.set(r.participantId, view(r, today));
  }
  return out;
}

/**
 * For a removal the trusted ledger proves (restore path): the dossier's active holds the ledger line
 * knows (`staleIds`, core/retention/identity.ts holdsTagged) — they were lifted or ended in the live
 * vault before the removal, which refuses an active hold — and the others, placed in this copy
 * since, which stop the removal being carried out again. Without a line, every active hold is other.
 */
export function activeHoldsSplit(sqlite: Sqlite, participantId: number, today: IsoDate, staleIds: readonly number[] = []): { stale: number; newer: number } {
  const rows = sqlite.prepare(`SELECT h.id FROM retention_holds h WHERE h.participant_id = ? AND ${ACTIVE}`).pluck().all(participantId, today) as number[];
  const stale = rows.filter((id) => staleIds.includes(id)).length;
  return { stale, newer: rows.length - stale };
}

export function loadHold(sqlite: Sqlite, id: number, today: IsoDate): HoldView {
  const r = sqlite.prepare(`${SELECT} WHERE h.id = ?`).get(id) as HoldRow | undefined;
  if (!r) throw domainError('retention.holdNotFound');
  return view(r, today);
}

export function placeHold(ctx: Ctx, today: IsoDate, input: { participantId: number; reason: string; untilDate: string | null }): HoldView {
  if (input.untilDate !== null && input.untilDate < today) throw domainError('retention.holdUntilPast');
  const { id } = ctx.sqlite.prepare(`INSERT INTO retention_holds (participant_id, reason, until_date, placed_by, placed_at) VALUES (?, ?, ?, ?, ?) RETURNING id`)
    .get(input.participantId, input.reason, input.untilDate, ctx.session.userId, ctx.nowIso) as { id: number };
  return loadHold(ctx.sqlite, id, today);
}

export function liftHold(ctx: Ctx, today: IsoDate, hold: HoldView, reason: string): HoldView {
  if (hold.liftedAt !== null) throw domainError('retention.holdLifted');
  ctx.sqlite.prepare('UPDATE retention_holds SET lifted_by = ?, lifted_at = ?, lift_reason = ? WHERE id = ?').run(ctx.session.userId, ctx.nowIso, reason, hold.id);
  return loadHold(ctx.sqlite, hold.id, today);
}
