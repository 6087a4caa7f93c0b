// Objection (verzet, R27, FT 4.4c): the participant asks that data not go to named recipients, on
// special personal circumstances. The decision is due within the policy term for 'verzet' (10
// working days in the Factor Twee profile) on the one calendar; an upheld objection blocks
// disclosure to those recipients.
import { requireAccess } from '../access/service.ts';
import { domainError } from '../api/errors.ts';
import { requestDeadline } from '../calendar/index.ts';
import { loadPolicy } from '../requests/policy.ts';
import { loadRecipient } from '../recipients/service.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { z } from 'zod';
import type { consentContract, Objection } from './contract.ts';

type ObjectionView = z.infer<typeof Objection>;
type Row = Omit<ObjectionView, 'recipients' | 'overdue'>;

const SELECT = `SELECT o.id, o.participant_id AS participantId, o.request_id AS requestId, o.circumstances, o.received_on AS receivedOn, o.due_on AS dueOn,
  o.policy_name AS policyName, o.status, o.reasons, o.decided_on AS decidedOn, d.display_name AS decidedBy, u.display_name AS recordedBy, o.recorded_at AS recordedAt
  FROM objections o JOIN users u ON u.id = o.recorded_by LEFT JOIN users d ON d.id = o.decided_by`;

function view(sqlite: Sqlite, o: Row, today: string): ObjectionView {
  const recipients = sqlite.prepare(`SELECT r.id AS recipientId, r.name FROM objection_recipients x JOIN recipients r ON r.id = x.recipient_id
    WHERE x.objection_id = ? ORDER BY r.name, r.id`).all(o.id) as ObjectionView['recipients'];
  return { ...o, recipients, overdue: o.status === 'pending' && o.dueOn < today };
}

function load(sqlite: Sqlite, id: number, today: string): ObjectionView {
  const row = sqlite.prepare(`${SELECT} WHERE o.id = ?`).get(id) as Row | undefined;
  if (!row) throw domainError('objection.notFound');
  return view(sqlite, row, today);
}

/** The upheld objection of this participant against this recipient, if any (R27). */
export function upheldObjection(sqlite: Sqlite, participantId: number, recipientId: number): { id: number; decidedOn: string } | null {
  return (sqlite.prepare(`SELECT o.id, o.decided_on AS decidedOn FROM objections o JOIN objection_recipients x ON x.objection_id = o.id
    WHERE o.participant_id = ? AND x.recipient_id = ? AND o.status = 'upheld' ORDER BY o.decided_on LIMIT 1`).get(participantId, recipientId) as { id: number; decidedOn: string } | undefined) ?? null;
}

export const objectionHandlers: Pick<Handlers<typeof consentContract>, 'objections.record' | 'objections.decide' | 'objections.list'> = {
  'objections.record': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    if (input.receivedOn > ctx.today) throw domainError('date.inFuture');
    for (const id of input.recipientIds) loadRecipient(ctx.sqlite, id);
    if (input.requestId !== null && !ctx.sqlite.prepare('SELECT 1 FROM requests WHERE id = ? AND participant_id = ?').get(input.requestId, input.participantId)) {
      throw domainError('request.notFound');
    }
    const { profile } = loadPolicy(ctx.sqlite);
    const { due } = requestDeadline(input.receivedOn, 'verzet', profile);
    const { id } = ctx.sqlite.prepare(`INSERT INTO objections (participant_id, request_id, circumstances, received_on, due_on, policy_name, status, recorded_by, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`).get(input.participantId, input.requestId, input.circumstances, input.receivedOn, due, profile.name,
      ctx.session.userId, ctx.nowIso) as { id: number };
    const link = ctx.sqlite.prepare('INSERT INTO objection_recipients (objection_id, recipient_id) VALUES (?, ?)');
    for (const r of input.recipientIds) link.run(id, r);
    ctx.note.objects = { objectionId: id, recipientIds: input.recipientIds };
    return load(ctx.sqlite, id, ctx.today);
  },

  'objections.decide': (ctx: Ctx, input) => {
    const o = load(ctx.sqlite, input.objectionId, ctx.today);
    requireAccess(ctx, o.participantId);
    if (o.status !== 'pending') throw domainError('objection.alreadyDecided');
    if (input.reasons.length < 10) throw domainError('objection.reasonsRequired');
    if (input.decidedOn < o.receivedOn) throw domainError('objection.decidedBeforeReceipt', { received: o.receivedOn });
    if (input.decidedOn > ctx.today) throw domainError('date.inFuture');
    ctx.sqlite.prepare('UPDATE objections SET status = ?, reasons = ?, decided_on = ?, decided_by = ? WHERE id = ?')
      .run(input.outcome, input.reasons, input.decidedOn, ctx.session.userId, o.id);
    ctx.note.objects = { objectionId: o.id, outcome: input.outcome };
    return load(ctx.sqlite, o.id, ctx.today);
  },

  'objections.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    return (ctx.sqlite.prepare(`${SELECT} WHERE o.participant_id = ? ORDER BY o.received_on DESC, o.id DESC`).all(input.participantId) as Row[])
      .map((o) => view(ctx.sqlite, o, ctx.today));
  },
};
