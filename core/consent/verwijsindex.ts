// Verwijsindex (R13, MEE 7–8): a consultant may register a participant under 23 without consent;
// the registration and any objection (which the participant sends to their municipality) are
// recorded here. Participants aged 23 or older cannot be registered.
import { requireAccess } from '../access/service.ts';
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { z } from 'zod';
import type { consentContract, VerwijsindexRegistration } from './contract.ts';

type View = z.infer<typeof VerwijsindexRegistration>;
type Row = Omit<View, 'active' | 'ageAtRegistration'> & { birthDate: string };

export const VERWIJSINDEX_MAX_AGE = 23;

const SELECT = `SELECT v.id, v.participant_id AS participantId, v.registered_on AS registeredOn, v.signal_reason AS signalReason, u.display_name AS registeredBy,
  v.recorded_at AS recordedAt, v.objected_on AS objectedOn, v.objection_note AS objectionNote, v.objection_outcome AS objectionOutcome,
  v.ended_on AS endedOn, v.end_reason AS endReason, p.birth_date AS birthDate
  FROM verwijsindex_registrations v JOIN users u ON u.id = v.registered_by JOIN participants p ON p.id = v.participant_id`;

/** Age in whole years on a date. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function view({ birthDate, ...r }: Row): View {
  return { ...r, ageAtRegistration: ageOn(birthDate, r.registeredOn), active: r.endedOn === null };
}

function load(ctx: Ctx, id: number): View {
  const row = ctx.sqlite.prepare(`${SELECT} WHERE v.id = ?`).get(id) as Row | undefined;
  if (!row) throw domainError('verwijsindex.notFound');
  requireAccess(ctx, row.participantId);
  return view(row);
}

function requireDate(date: string, r: View, today: string): void {
  if (date > today) throw domainError('date.inFuture');
  if (date < r.registeredOn) throw domainError('verwijsindex.dateBeforeRegistration', { registered: r.registeredOn });
}

export const verwijsindexHandlers: Pick<Handlers<typeof consentContract>, 'verwijsindex.register' | 'verwijsindex.recordObjection' | 'verwijsindex.end' | 'verwijsindex.list'> = {
  'verwijsindex.register': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    if (input.registeredOn > ctx.today) throw domainError('date.inFuture');
    const { birthDate } = ctx.sqlite.prepare('SELECT birth_date AS birthDate FROM participants WHERE id = ?').get(input.participantId) as { birthDate: string | null };
    if (!birthDate) throw domainError('verwijsindex.birthDateUnknown');
    const age = ageOn(birthDate, input.registeredOn);
    if (age >= VERWIJSINDEX_MAX_AGE) throw domainError('verwijsindex.tooOld', { age, on: input.registeredOn });
    const { id } = ctx.sqlite.prepare(`INSERT INTO verwijsindex_registrations (participant_id, registered_on, signal_reason, registered_by, recorded_at)
      VALUES (?, ?, ?, ?, ?) RETURNING id`).get(input.participantId, input.registeredOn, input.signalReason, ctx.session.userId, ctx.nowIso) as { id: number };
    ctx.note.objects = { registrationId: id };
    return load(ctx, id);
  },

  'verwijsindex.recordObjection': (ctx: Ctx, input) => {
    const r = load(ctx, input.registrationId);
    requireDate(input.objectedOn, r, ctx.today);
    ctx.sqlite.prepare('UPDATE verwijsindex_registrations SET objected_on = ?, objection_note = ?, objection_outcome = ? WHERE id = ?')
      .run(input.objectedOn, input.note, input.outcome, r.id);
    return load(ctx, r.id);
  },

  'verwijsindex.end': (ctx: Ctx, input) => {
    const r = load(ctx, input.registrationId);
    if (r.endedOn !== null) throw domainError('verwijsindex.ended', { on: r.endedOn });
    requireDate(input.endedOn, r, ctx.today);
    ctx.sqlite.prepare('UPDATE verwijsindex_registrations SET ended_on = ?, end_reason = ? WHERE id = ?').run(input.endedOn, input.reason, r.id);
    return load(ctx, r.id);
  },

  'verwijsindex.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    return (ctx.sqlite.prepare(`${SELECT} WHERE v.participant_id = ? ORDER BY v.registered_on DESC, v.id DESC`).all(input.participantId) as Row[]).map(view);
  },
};
