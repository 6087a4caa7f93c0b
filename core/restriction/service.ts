// Restriction of processing (R30), e.g. while the participant disputes accuracy: the data stays
// stored, but it is marked wherever it is shown and may not be used or disclosed.
import { registerDossierFilter, requireAccess } from '../access/service.ts';
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { z } from 'zod';
import type { DossierTarget } from '../statements/contract.ts';
import { covers, readTargets, storeTargets } from '../statements/targets.ts';
import { assertTargetsVisible, withoutHiddenTargets } from '../access/view.ts';
import type { Restriction, restrictionContract } from './contract.ts';

type RestrictionView = z.infer<typeof Restriction>;
interface Row { id: number; participantId: number; requestId: number | null; targets: string; reason: string; placedBy: string; placedAt: string; liftedBy: string | null; liftedAt: string | null; liftReason: string | null }

const SELECT = `SELECT r.id, r.participant_id AS participantId, r.request_id AS requestId, r.targets, r.reason, p.display_name AS placedBy,
  r.placed_at AS placedAt, l.display_name AS liftedBy, r.lifted_at AS liftedAt, r.lift_reason AS liftReason
  FROM restrictions r JOIN users p ON p.id = r.placed_by LEFT JOIN users l ON l.id = r.lifted_by`;

function view(r: Row): RestrictionView {
  return { ...r, targets: readTargets(r.targets), active: r.liftedAt === null };
}

function list(sqlite: Sqlite, participantId: number, activeOnly: boolean): RestrictionView[] {
  return (sqlite.prepare(`${SELECT} WHERE r.participant_id = ?${activeOnly ? ' AND r.lifted_at IS NULL' : ''} ORDER BY r.placed_at, r.id`).all(participantId) as Row[]).map(view);
}

/** The first active restriction that covers any of the items, or null (R30). */
export function activeRestrictionOn(sqlite: Sqlite, participantId: number, items: readonly DossierTarget[]): RestrictionView | null {
  const active = list(sqlite, participantId, true);
  return active.find((r) => items.some((item) => covers(r.targets, item))) ?? null;
}

/** For services that use or disclose data: refuses while a restriction covers any of the items (R30). */
export function assertNotRestricted(sqlite: Sqlite, participantId: number, items: readonly DossierTarget[]): void {
  const r = activeRestrictionOn(sqlite, participantId, items);
  if (r) throw domainError('restriction.blocksUse', { since: r.placedAt.slice(0, 10) });
}

// R30: restricted items are marked in the dossier view; the active restrictions travel with it.
registerDossierFilter<{ entries?: { id: number; restricted?: boolean }[]; restrictions?: RestrictionView[] }>((ctx, participantId, v) => {
  if (!v.entries) return v;
  const active = list(ctx.sqlite, participantId, true);
  // Marked in place, like the own statements: the entries of a view are built for this one call.
  for (const e of v.entries) e.restricted = active.some((r) => covers(r.targets, { kind: 'entry', entryId: e.id }));
  return { ...v, restrictions: active };
});

function load(ctx: Ctx, id: number): RestrictionView {
  const row = ctx.sqlite.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw domainError('restriction.notFound');
  return view(row);
}

export const restrictionHandlers: Handlers<typeof restrictionContract> = {
  'restriction.place': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    assertTargetsVisible(ctx, input.participantId, input.targets, { includeSpecial: true });
    if (input.requestId !== null
      && !ctx.sqlite.prepare('SELECT 1 FROM requests WHERE id = ? AND participant_id = ?').get(input.requestId, input.participantId)) {
      throw domainError('request.notFound');
    }
    const { id } = ctx.sqlite.prepare(`INSERT INTO restrictions (participant_id, request_id, targets, reason, placed_by, placed_at)
      VALUES (?, ?, ?, ?, ?, ?) RETURNING id`).get(input.participantId, input.requestId, storeTargets(input.targets), input.reason, ctx.session.userId, ctx.nowIso) as { id: number };
    ctx.note.objects = { restrictionId: id };
    ctx.note.reason = input.reason;
    return load(ctx, id);
  },

  'restriction.lift': (ctx: Ctx, input) => {
    const r = load(ctx, input.restrictionId);
    requireAccess(ctx, r.participantId);
    if (!r.active) throw domainError('restriction.alreadyLifted');
    ctx.sqlite.prepare('UPDATE restrictions SET lifted_by = ?, lifted_at = ?, lift_reason = ? WHERE id = ?').run(ctx.session.userId, ctx.nowIso, input.reason, r.id);
    ctx.note.reason = input.reason;
    return load(ctx, r.id);
  },

  'restriction.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    return withoutHiddenTargets(ctx, input.participantId, list(ctx.sqlite, input.participantId, false));
  },
};
