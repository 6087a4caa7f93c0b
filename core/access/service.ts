// The one place that decides who may see a dossier (R04), and the read path that redacts what a
// viewer may not see. Later modules (shielding R26, restriction R30) register view filters here
// instead of adding side doors.
import { roleHas } from '../api/permissions.ts';
import { domainError } from '../api/errors.ts';
import type { accessContract } from './contract.ts';
import type { Ctx, Session } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { hiddenFromUser } from './shields.ts';

export type AccessBasis = 'caseload' | 'role' | 'breakGlass';

/** How long a break-the-glass grant lasts: one working day, then a new reason is needed. */
const BREAK_GLASS_HOURS = 8;

export function participantExists(sqlite: Sqlite, participantId: number): boolean {
  return prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ?').get(participantId) !== undefined;
}

/**
 * A dossier exists for this user: it is there and not shielded from them as a whole. A named-person
 * shield beats every role grant and break-the-glass (R26); the answer is the same as for a dossier
 * that does not exist, so that it confirms nothing.
 */
export function dossierVisible(sqlite: Sqlite, session: Session, participantId: number): boolean {
  return participantExists(sqlite, participantId) && !hiddenFromUser(sqlite, participantId, session.userId);
}

export function accessBasis(sqlite: Sqlite, session: Session, participantId: number, nowIso: string): AccessBasis | null {
  if (hiddenFromUser(sqlite, participantId, session.userId)) return null;
  if (roleHas(session.role, 'dossier.allAccess')) return 'role';
  if (prepared(sqlite, 'SELECT 1 FROM caseload WHERE participant_id = ? AND user_id = ?').get(participantId, session.userId)) return 'caseload';
  if (roleHas(session.role, 'dossier.breakGlass')
    && prepared(sqlite, 'SELECT 1 FROM break_glass WHERE participant_id = ? AND user_id = ? AND expires_at > ?').get(participantId, session.userId, nowIso)) return 'breakGlass';
  return null;
}

/**
 * Every service that reads or changes a dossier calls this first. Access through break-the-glass
 * is flagged on the audit line of the call (R04, R06). Someone without access hears the same
 * whether the dossier lies outside their caseload, is shielded from them as a whole (R26) or does
 * not exist, so that ids confirm nothing; roles that see every dossier hear "not found" for the
 * last two.
 */
export function requireAccess(ctx: Ctx, participantId: number): AccessBasis {
  ctx.note.participantId = participantId;
  const allAccess = roleHas(ctx.session.role, 'dossier.allAccess');
  const visible = dossierVisible(ctx.sqlite, ctx.session, participantId);
  if (!visible && allAccess) throw domainError('dossier.notFound');
  const basis = visible ? accessBasis(ctx.sqlite, ctx.session, participantId, ctx.nowIso) : null;
  if (!basis) {
    if (roleHas(ctx.session.role, 'dossier.breakGlass')) throw domainError('access.denied', { participantId });
    throw domainError('access.breakGlassNotAllowed');
  }
  if (basis === 'breakGlass') ctx.note.flagged = true;
  return basis;
}

/** A view filter may remove or replace what a viewer must not see (shielding, restriction). */
export type ViewFilter<T> = (ctx: Ctx, participantId: number, view: T) => T;
const dossierFilters: ViewFilter<unknown>[] = [];

export function registerDossierFilter<T>(filter: ViewFilter<T>): void {
  dossierFilters.push(filter as ViewFilter<unknown>);
}

export function applyDossierFilters<T>(ctx: Ctx, participantId: number, view: T): T {
  return dossierFilters.reduce((v, f) => f(ctx, participantId, v) as T, view);
}

export const accessHandlers: Handlers<typeof accessContract> = {
  'access.breakGlass': (ctx: Ctx, input) => {
    ctx.note.participantId = input.participantId;
    if (!dossierVisible(ctx.sqlite, ctx.session, input.participantId)) throw domainError('dossier.notFound');
    const expiresAt = new Date(Date.parse(ctx.nowIso) + BREAK_GLASS_HOURS * 3600_000).toISOString();
    ctx.sqlite.prepare('INSERT INTO break_glass (user_id, participant_id, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(ctx.session.userId, input.participantId, input.reason, ctx.nowIso, expiresAt);
    ctx.note.reason = input.reason;
    ctx.note.flagged = true;
    return { expiresAt };
  },
};
