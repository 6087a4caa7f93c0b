// The retention operations (R40–R45). Dates are Dutch calendar dates (Europe/Amsterdam), never
// the machine's zone. Everything shown goes through the read model's list lens: a dossier shielded
// as a whole from the caller does not exist for them here either, and a field shielded from them
// is not named in the field-level list (R26).
import { domainError } from '../api/errors.ts';
import { dossierVisible } from '../access/service.ts';
import { listLens } from '../access/view.ts';
import { amsterdamDate } from '../calendar/index.ts';
import { loadPolicy } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { retentionContract } from './contract.ts';
import { approve, batchIds, batchView, cancel, propose, registerLines } from './batches.ts';
import { activeHolds, holdsOf, liftHold, loadHold, placeHold } from './holds.ts';
import { destructionCsv, destructionList, dueFieldValues, retentionLens, termsOf } from './list.ts';
import { isDue } from './schedule.ts';
import { executeBatch } from './execute.ts';
import { eraseDueFieldValues } from './fields.ts';
import type { AuditNote, HostState } from '../router/context.ts';

const todayOf = (ctx: Ctx) => amsterdamDate(ctx.nowIso);


/** The dossier exists for this caller (not shielded from them as a whole); else "not found" (R26). */
function requireVisible(ctx: Ctx, participantId: number): void {
  ctx.note.participantId = participantId;
  if (!dossierVisible(ctx.sqlite, ctx.session, participantId)) throw domainError('dossier.notFound');
}

function listFor(ctx: Ctx, input: Parameters<typeof destructionList>[3]) {
  const list = destructionList(ctx.sqlite, loadPolicy(ctx.sqlite).profile, todayOf(ctx), input, retentionLens(ctx));
  // Dossier numbers and dates of many dossiers: the line records the filter and the counts.
  ctx.note.objects = { filter: input, counts: list.counts };
  return list;
}

/**
 * The second pair of eyes must see every dossier it approves: a batch holding a dossier shielded
 * from this approver as a whole (R26) is for another approver to decide (R45).
 */
function requireWholeBatchVisible(ctx: Ctx, batchId: number): void {
  const lens = listLens(ctx);
  const items = ctx.sqlite.prepare('SELECT participant_id AS p FROM retention_batch_items WHERE batch_id = ?').all(batchId) as { p: number }[];
  if (items.some((i) => lens.hidden(i.p))) throw domainError('retention.batchNotVisible');
}

function batchOut(ctx: Ctx, id: number) {
  const lens = listLens(ctx);
  return batchView(ctx.sqlite, id, lens.hidden, todayOf(ctx), ctx.session.userId);
}

export const retentionHandlers: Handlers<typeof retentionContract> = {
  'retention.list': (ctx: Ctx, input) => listFor(ctx, input),

  'retention.csv': (ctx: Ctx, input) => {
    const list = listFor(ctx, input);
    return { fileName: `vernietigingslijst-${list.today}.csv`, csv: destructionCsv(list) };
  },

  'retention.term': (ctx: Ctx, input) => {
    requireVisible(ctx, input.participantId);
    const today = todayOf(ctx);
    const { profile } = loadPolicy(ctx.sqlite);
    const [term] = termsOf(ctx.sqlite, profile, { kind: 'ids', ids: [input.participantId] });
    if (!term) throw domainError('dossier.notFound');
    const holds = holdsOf(ctx.sqlite, input.participantId, today);
    const active = holds.some((h) => h.active);
    // Every field term of this dossier, due or not (a far horizon), so the dossier shows when each ends.
    const fields = dueFieldValues(ctx.sqlite, profile, today, retentionLens(ctx), activeHolds(ctx.sqlite, today), input.participantId, '9999-12-31');
    return { ...term, due: isDue(term, today) && !active, holds, fields };
  },

  'retention.placeHold': (ctx: Ctx, input) => {
    requireVisible(ctx, input.participantId);
    const hold = placeHold(ctx, todayOf(ctx), input);
    ctx.note.objects = { holdId: hold.id };
    ctx.note.reason = input.reason;
    return hold;
  },

  'retention.liftHold': (ctx: Ctx, input) => {
    const today = todayOf(ctx);
    const hold = loadHold(ctx.sqlite, input.holdId, today);
    // A hold on a dossier hidden from this caller gets the same answer as a hold that does not exist (R26).
    ctx.note.participantId = hold.participantId;
    if (!dossierVisible(ctx.sqlite, ctx.session, hold.participantId)) throw domainError('retention.holdNotFound');
    ctx.note.reason = input.reason;
    return liftHold(ctx, today, hold, input.reason);
  },

  'retention.holds': (ctx: Ctx, input) => {
    if (input.participantId !== undefined) requireVisible(ctx, input.participantId);
    const lens = listLens(ctx);
    return holdsOf(ctx.sqlite, input.participantId ?? null, todayOf(ctx)).filter((h) => !lens.hidden(h.participantId));
  },

  'retention.propose': (ctx: Ctx, input) => {
    const id = propose(ctx, todayOf(ctx), input.participantIds, input.reason, (p) => dossierVisible(ctx.sqlite, ctx.session, p));
    ctx.note.objects = { batchId: id, participantIds: input.participantIds };
    ctx.note.reason = input.reason;
    return batchOut(ctx, id);
  },

  'retention.approve': (ctx: Ctx, input) => {
    requireWholeBatchVisible(ctx, input.batchId);
    approve(ctx, todayOf(ctx), input.batchId);
    return batchOut(ctx, input.batchId);
  },

  'retention.cancel': (ctx: Ctx, input) => {
    cancel(ctx, todayOf(ctx), input.batchId, input.reason);
    ctx.note.reason = input.reason;
    return batchOut(ctx, input.batchId);
  },

  'retention.batches': (ctx: Ctx) => batchIds(ctx.sqlite).map((id) => batchOut(ctx, id)),

  'retention.register': (ctx: Ctx) => registerLines(ctx.sqlite),
  'retention.execute': (state: HostState, input, note: AuditNote) => executeBatch(state, input.batchId, note),
  'retention.eraseDueFields': (state: HostState, _input, note: AuditNote) => eraseDueFieldValues(state, note),
};
