// Reading the audit trail: the privacy officer's viewer, the per-participant log that inzage
// copies include, chain verification (R05) and the monthly access review (R06).
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { partHidden, visibility, type ReadOptions } from '../access/view.ts';
import { searchShieldsFor } from '../access/shields.ts';
import { searchParticipants } from '../dossiers/search.ts';
import { verifyAuditChain } from './chain.ts';
import type { auditContract } from './contract.ts';
import { readableLines } from './readable.ts';

const COLUMNS = `seq, at, action, outcome, user_id AS userId, username, on_behalf_of AS onBehalfOf, workstation,
  participant_id AS participantId, objects, reason, flagged`;

type Line = { seq: number; at: string; action: string; outcome: 'ok' | 'denied' | 'failed'; userId: number | null; username: string | null; onBehalfOf: string | null; workstation: string; participantId: number | null; objects: string; reason: string | null; flagged: number };
const view = (l: Line) => ({ ...l, flagged: l.flagged === 1 });

/** One participant's log lines as this call may see them; the copy passes its own viewer (R22, R26). */
export function participantLog(ctx: Ctx, participantId: number, opts: ReadOptions = {}) {
  const v = visibility(ctx, participantId, opts);
  const lines = (ctx.sqlite.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE participant_id = ? ORDER BY seq`).all(participantId) as Line[]).map(view);
  if (!v.shields.any) return lines;
  // A viewer from whom parts are shielded does not learn them from the log either: no line about
  // the shields, nor about a hidden entry, document or trajectory (R26).
  const trajectoryOf = ctx.sqlite.prepare('SELECT trajectory_id AS t FROM entries WHERE id = ?');
  return lines.filter((l) => {
    if (l.action.startsWith('shielding.')) return false;
    const o = JSON.parse(l.objects) as Record<string, unknown>;
    const id = (k: string) => (typeof o[k] === 'number' ? o[k] : null);
    const entryId = id('entryId');
    if (entryId !== null && partHidden(v, { kind: 'entry', entryId, trajectoryId: (trajectoryOf.get(entryId) as { t: number | null } | undefined)?.t ?? null })) return false;
    const documentId = id('documentId');
    if (documentId !== null && partHidden(v, { kind: 'document', documentId })) return false;
    const trajectoryId = id('trajectoryId');
    return trajectoryId === null || !partHidden(v, { kind: 'trajectory', trajectoryId });
  });
}

/** Lines about dossiers shielded as a whole from the reader are not there for them, nor counted (R26). */
function notHidden(ctx: Ctx): { sql: string; param: string } | null {
  const hidden = searchShieldsFor(ctx.sqlite, ctx.session.userId).hidden;
  return hidden.length ? { sql: '(participant_id IS NULL OR participant_id NOT IN (SELECT value FROM json_each(?)))', param: JSON.stringify(hidden) } : null;
}

/** The dossiers a filter text finds for this reader: its dossier number, or a name (at most 200). */
function dossiersFound(ctx: Ctx, text: string): number[] {
  return searchParticipants(ctx, { query: text, scope: 'all', offset: 0, limit: 200 }).rows.map((r) => r.participantId);
}

export const auditHandlers: Handlers<typeof auditContract> = {
  'audit.list': (ctx: Ctx, input) => {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const hidden = notHidden(ctx);
    if (hidden) { where.push(hidden.sql); params.push(hidden.param); }
    if (input.dossier !== undefined) { where.push('participant_id IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(dossiersFound(ctx, input.dossier))); }
    if (input.participantId !== undefined) { where.push('participant_id = ?'); params.push(input.participantId); }
    if (input.userId !== undefined) { where.push('user_id = ?'); params.push(input.userId); }
    if (input.from) { where.push('at >= ?'); params.push(input.from); }
    if (input.to) { where.push('at < ?'); params.push(`${input.to}T23:59:59.999Z`); }
    if (input.flaggedOnly) where.push('flagged = 1');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${w}`).get(...params) as { n: number }).n;
    const lines = (ctx.sqlite.prepare(`SELECT ${COLUMNS} FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, input.limit, input.offset) as Line[]).map(view);
    return { total, lines: readableLines(ctx, lines) };
  },

  'audit.participantLog': (ctx: Ctx, input) => readableLines(ctx, participantLog(ctx, input.participantId)),

  'audit.verify': (ctx: Ctx) => verifyAuditChain(ctx.sqlite),

  'audit.accessReview': (ctx: Ctx, input) => {
    // Access outside the caseload: break-the-glass grants and every flagged use of them, plus
    // denied attempts, for the month under review (R06).
    // Flagged lines about no dossier are account events: new accounts, password resets and
    // recoveries (issue 12, finding 5).
    const from = `${input.month}-01`;
    const [y, m] = input.month.split('-').map(Number) as [number, number];
    const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const hidden = notHidden(ctx);
    const lines = (ctx.sqlite.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE at >= ? AND at < ? AND ((participant_id IS NOT NULL AND (flagged = 1 OR outcome = 'denied')) OR (participant_id IS NULL AND flagged = 1))${hidden ? ` AND ${hidden.sql}` : ''} ORDER BY seq`)
      .all(from, to, ...(hidden ? [hidden.param] : [])) as Line[]).map(view);
    return readableLines(ctx, lines);
  },
};
