// Own statements (R25): the participant's view, recorded with date and channel. Staff need not
// agree with it and cannot change it: there is no update or delete operation, and triggers refuse
// UPDATE and DELETE in the database (migration 0004). It travels with what it concerns: the
// dossier view attaches it to the entries it names.
import { registerDossierFilter, requireAccess } from '../access/service.ts';
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { z } from 'zod';
import type { OwnStatement, statementsContract } from './contract.ts';
import { readTargets, storeTargets } from './targets.ts';
import { assertTargetsVisible, withoutHiddenTargets } from '../access/view.ts';

type Statement = z.infer<typeof OwnStatement>;
interface Row { id: number; participantId: number; requestId: number | null; targets: string; text: string; receivedOn: string; channel: Statement['channel']; recordedBy: string; recordedAt: string }

const SELECT = `SELECT s.id, s.participant_id AS participantId, s.request_id AS requestId, s.targets, s.text, s.received_on AS receivedOn,
  s.channel, u.display_name AS recordedBy, s.recorded_at AS recordedAt FROM own_statements s JOIN users u ON u.id = s.recorded_by`;

function view(r: Row): Statement {
  return { ...r, targets: readTargets(r.targets) };
}

export function statementsOf(ctx: Ctx, participantId: number): Statement[] {
  return (ctx.sqlite.prepare(`${SELECT} WHERE s.participant_id = ? ORDER BY s.received_on, s.id`).all(participantId) as Row[]).map(view);
}

// R25: shown next to what it concerns, and flagged on every entry it names.
registerDossierFilter<{ entries?: { id: number; ownStatementIds?: number[] }[]; ownStatements?: Statement[] }>((ctx, participantId, v) => {
  if (!v.entries) return v;
  const statements = statementsOf(ctx, participantId);
  const byEntry = new Map<number, number[]>();
  for (const s of statements) {
    for (const entryId of new Set(s.targets.flatMap((t) => (t.kind === 'entry' ? [t.entryId] : [])))) {
      const ids = byEntry.get(entryId);
      if (ids) ids.push(s.id);
      else byEntry.set(entryId, [s.id]);
    }
  }
  // The entries of a view are built for this one call, so they are marked in place: copying the
  // 2,000 entries of a large dossier cost more than reading them (issue 6, open_dossier).
  for (const e of v.entries) e.ownStatementIds = byEntry.get(e.id) ?? [];
  return { ...v, ownStatements: statements };
});

export const statementHandlers: Handlers<typeof statementsContract> = {
  'statements.record': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    if (input.receivedOn > ctx.today) throw domainError('request.dateInFuture');
    // The participant's own words may concern special categories too (R25, R01).
    assertTargetsVisible(ctx, input.participantId, input.targets, { includeSpecial: true });
    if (input.requestId !== null
      && !ctx.sqlite.prepare('SELECT 1 FROM requests WHERE id = ? AND participant_id = ?').get(input.requestId, input.participantId)) {
      throw domainError('request.notFound');
    }
    const { id } = ctx.sqlite.prepare(`INSERT INTO own_statements (participant_id, request_id, targets, text, received_on, channel, recorded_by, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(input.participantId, input.requestId, storeTargets(input.targets), input.text, input.receivedOn, input.channel, ctx.session.userId, ctx.nowIso) as { id: number };
    ctx.note.objects = { statementId: id };
    return view(ctx.sqlite.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row);
  },

  'statements.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    return withoutHiddenTargets(ctx, input.participantId, statementsOf(ctx, input.participantId));
  },
};
