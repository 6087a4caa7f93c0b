// Shielding (afscherming, R26, R22): placing, lifting and listing shields. What a shield hides is
// decided in core/access (shields.ts and the read model view.ts); this module only keeps the
// record: who asked, why, who placed it, who lifted it and why. Placing and lifting are audited.
import { domainError } from '../api/errors.ts';
import { requireAccess } from '../access/service.ts';
import { isShielded, shieldsFor } from '../access/shields.ts';
import { visibility, partHidden } from '../access/view.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { prepared } from '../../db/connection.ts';
import type { z } from 'zod';
import type { Shield, ShieldAudience, ShieldTarget, shieldingContract } from './contract.ts';

type ShieldView = z.input<typeof Shield>;
interface Row {
  id: number; participantId: number; targetKind: ShieldTarget['kind']; targetRef: string | null; requestedBy: ShieldView['requestedBy'];
  representativeName: string | null; reason: string; requestId: number | null; status: ShieldView['status']; placedBy: string; placedAt: string;
  activatedAt: string | null; liftedBy: string | null; liftedAt: string | null; liftReason: string | null;
}

const SELECT = `SELECT s.id, s.participant_id AS participantId, s.target_kind AS targetKind, s.target_ref AS targetRef, s.requested_by AS requestedBy,
  s.representative_name AS representativeName, s.reason, s.request_id AS requestId, s.status, p.display_name AS placedBy, s.placed_at AS placedAt,
  s.activated_at AS activatedAt, l.display_name AS liftedBy, s.lifted_at AS liftedAt, s.lift_reason AS liftReason
  FROM shields s JOIN users p ON p.id = s.placed_by LEFT JOIN users l ON l.id = s.lifted_by`;

export const PARTICIPANT_COPY_NL = 'Kopie voor de deelnemer';

function targetOf(r: Pick<Row, 'targetKind' | 'targetRef'>): ShieldTarget {
  switch (r.targetKind) {
    case 'dossier': return { kind: 'dossier' };
    case 'field': return { kind: 'field', field: r.targetRef as Extract<ShieldTarget, { kind: 'field' }>['field'] };
    case 'category': return { kind: 'category', category: r.targetRef as Extract<ShieldTarget, { kind: 'category' }>['category'] };
    case 'entry': return { kind: 'entry', entryId: Number(r.targetRef) };
    case 'document': return { kind: 'document', documentId: Number(r.targetRef) };
    case 'trajectory': return { kind: 'trajectory', trajectoryId: Number(r.targetRef) };
  }
}

function refOf(t: ShieldTarget): string | null {
  switch (t.kind) {
    case 'dossier': return null;
    case 'field': return t.field;
    case 'category': return t.category;
    case 'entry': return String(t.entryId);
    case 'document': return String(t.documentId);
    case 'trajectory': return String(t.trajectoryId);
  }
}

function audiencesOf(ctx: Ctx, shieldId: number): ShieldView['audiences'] {
  const rows = prepared(ctx.sqlite, `SELECT a.kind, a.user_id AS userId, a.recipient_id AS recipientId, u.display_name AS userName, r.name AS recipientName
    FROM shield_audiences a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN recipients r ON r.id = a.recipient_id WHERE a.shield_id = ? ORDER BY a.id`)
    .all(shieldId) as { kind: ShieldAudience['kind']; userId: number | null; recipientId: number | null; userName: string | null; recipientName: string | null }[];
  return rows.map((a) => (a.kind === 'user' ? { kind: 'user', userId: a.userId!, name: a.userName! }
    : a.kind === 'recipient' ? { kind: 'recipient', recipientId: a.recipientId!, name: a.recipientName! }
      : { kind: 'participantCopy', name: PARTICIPANT_COPY_NL }));
}

function view(ctx: Ctx, r: Row): ShieldView {
  const { targetKind: _k, targetRef: _r, ...rest } = r;
  return { ...rest, target: targetOf(r), audiences: audiencesOf(ctx, r.id) };
}

function loadRow(ctx: Ctx, shieldId: number): Row {
  const row = prepared(ctx.sqlite, `${SELECT} WHERE s.id = ?`).get(shieldId) as Row | undefined;
  if (!row) throw domainError('shield.notFound');
  return row;
}

function aimedAt(ctx: Ctx, shieldId: number): boolean {
  return prepared(ctx.sqlite, "SELECT 1 FROM shield_audiences WHERE shield_id = ? AND kind = 'user' AND user_id = ?").get(shieldId, ctx.session.userId) !== undefined;
}

/**
 * Shields are managed by those who have the dossier in their caseload or role — never through
 * break-the-glass (R04) — and never by someone they are aimed at.
 */
function requireManager(ctx: Ctx, participantId: number): void {
  if (requireAccess(ctx, participantId) === 'breakGlass') throw domainError('shield.needsBasis');
}

/** The target lies in this dossier and the one who places the shield may see it. */
function assertTarget(ctx: Ctx, participantId: number, target: ShieldTarget): void {
  const v = visibility(ctx, participantId, { includeSpecial: true });
  const check = (sql: string, id: number) => prepared(ctx.sqlite, sql).get(id, participantId) as { t?: number | null } | undefined;
  let hidden = false;
  if (target.kind === 'entry') {
    const e = check('SELECT trajectory_id AS t FROM entries WHERE id = ? AND participant_id = ?', target.entryId);
    if (!e) throw domainError('target.notInDossier');
    hidden = partHidden(v, { kind: 'entry', entryId: target.entryId, trajectoryId: e.t ?? null });
  } else if (target.kind === 'document') {
    if (!check('SELECT 1 AS t FROM documents WHERE id = ? AND participant_id = ?', target.documentId)) throw domainError('target.notInDossier');
    hidden = partHidden(v, target);
  } else if (target.kind === 'trajectory') {
    if (!check('SELECT 1 AS t FROM trajectories WHERE id = ? AND participant_id = ?', target.trajectoryId)) throw domainError('target.notInDossier');
    hidden = partHidden(v, target);
  } else if (target.kind === 'field') {
    hidden = isShielded(v.shields, target);
  } else {
    hidden = v.shields.whole;
  }
  if (hidden) throw domainError('target.notInDossier');
}

function assertAudiences(ctx: Ctx, audiences: readonly ShieldAudience[]): ShieldAudience[] {
  const seen = new Set<string>();
  const out: ShieldAudience[] = [];
  for (const a of audiences) {
    const key = a.kind === 'user' ? `u${a.userId}` : a.kind === 'recipient' ? `r${a.recipientId}` : 'copy';
    if (seen.has(key)) continue;
    seen.add(key);
    if (a.kind === 'user') {
      if (a.userId === ctx.session.userId) throw domainError('shield.audienceSelf');
      if (!prepared(ctx.sqlite, 'SELECT 1 FROM users WHERE id = ? AND active = 1').get(a.userId)) throw domainError('shield.audienceInvalid');
    }
    if (a.kind === 'recipient' && !prepared(ctx.sqlite, 'SELECT 1 FROM recipients WHERE id = ? AND active = 1').get(a.recipientId)) throw domainError('shield.audienceInvalid');
    out.push(a);
  }
  return out;
}

/** Deciding an afscherming request places its proposed shields, or refuses them (R26). */
export function decideShieldsOfRequest(ctx: Ctx, requestId: number, outcome: 'granted' | 'partlyGranted' | 'refused'): number[] {
  const proposed = (prepared(ctx.sqlite, "SELECT id FROM shields WHERE request_id = ? AND status = 'proposed' ORDER BY id").all(requestId) as { id: number }[]).map((r) => r.id);
  if (outcome !== 'refused' && proposed.length === 0) throw domainError('shield.noneProposed');
  const set = prepared(ctx.sqlite, 'UPDATE shields SET status = ?, activated_at = ? WHERE id = ?');
  for (const id of proposed) set.run(outcome === 'refused' ? 'refused' : 'active', outcome === 'refused' ? null : ctx.nowIso, id);
  return proposed;
}

export const shieldingHandlers: Handlers<typeof shieldingContract> = {
  'shielding.place': (ctx: Ctx, input) => {
    requireManager(ctx, input.participantId);
    assertTarget(ctx, input.participantId, input.target);
    const audiences = assertAudiences(ctx, input.audiences);
    if (input.requestedBy === 'representative' && !input.representativeName) throw domainError('shield.representativeRequired');
    let status: 'proposed' | 'active' = 'active';
    if (input.requestId !== null) {
      const r = prepared(ctx.sqlite, 'SELECT participant_id AS p, type, status FROM requests WHERE id = ?').get(input.requestId) as { p: number; type: string; status: string } | undefined;
      // Identity first (R20, R33); the decision on the request places the shield.
      if (!r || r.p !== input.participantId || r.type !== 'afscherming' || !['identityVerified', 'thirdPartiesConsulted'].includes(r.status)) throw domainError('shield.requestInvalid');
      status = 'proposed';
    }
    const { id } = prepared(ctx.sqlite, `INSERT INTO shields (participant_id, target_kind, target_ref, requested_by, representative_name, reason, request_id, status, placed_by, placed_at, activated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(input.participantId, input.target.kind, refOf(input.target), input.requestedBy, input.representativeName,
      input.reason, input.requestId, status, ctx.session.userId, ctx.nowIso, status === 'active' ? ctx.nowIso : null) as { id: number };
    const add = prepared(ctx.sqlite, 'INSERT INTO shield_audiences (shield_id, kind, user_id, recipient_id) VALUES (?, ?, ?, ?)');
    for (const a of audiences) add.run(id, a.kind, a.kind === 'user' ? a.userId : null, a.kind === 'recipient' ? a.recipientId : null);
    // The audit line names the shield, its target and audiences by id; no content (R05).
    ctx.note.objects = { shieldId: id, target: input.target, audiences, status, ...(input.requestId !== null ? { requestId: input.requestId } : {}) };
    ctx.note.reason = input.reason;
    return view(ctx, loadRow(ctx, id));
  },

  'shielding.lift': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.shieldId);
    requireManager(ctx, r.participantId);
    // A shield aimed at this user does not exist for them: they cannot lift it either.
    if (aimedAt(ctx, r.id)) throw domainError('shield.notFound');
    if (r.status !== 'active' && r.status !== 'proposed') throw domainError('shield.notActive');
    prepared(ctx.sqlite, "UPDATE shields SET status = 'lifted', lifted_by = ?, lifted_at = ?, lift_reason = ? WHERE id = ?").run(ctx.session.userId, ctx.nowIso, input.reason, r.id);
    ctx.note.objects = { shieldId: r.id };
    ctx.note.reason = input.reason;
    return view(ctx, loadRow(ctx, r.id));
  },

  'shielding.list': (ctx: Ctx, input) => {
    requireManager(ctx, input.participantId);
    const mine = shieldsFor(ctx.sqlite, input.participantId, [{ kind: 'user', userId: ctx.session.userId }]);
    const v = visibility(ctx, input.participantId, { includeSpecial: true });
    const rows = prepared(ctx.sqlite, `${SELECT} WHERE s.participant_id = ? ORDER BY s.placed_at DESC, s.id DESC`).all(input.participantId) as Row[];
    // Never a shield aimed at the viewer, nor one whose target is hidden from them: the register
    // would tell them what is hidden (R26).
    return rows.filter((r) => {
      if (aimedAt(ctx, r.id)) return false;
      if (!mine.any) return true;
      const t = targetOf(r);
      if (t.kind === 'dossier' || t.kind === 'category') return !mine.whole;
      if (t.kind === 'entry') {
        const e = prepared(ctx.sqlite, 'SELECT trajectory_id AS t FROM entries WHERE id = ?').get(t.entryId) as { t: number | null } | undefined;
        return !partHidden(v, { kind: 'entry', entryId: t.entryId, trajectoryId: e?.t ?? null });
      }
      return !partHidden(v, t);
    }).map((r) => view(ctx, r));
  },

  'shielding.audiences': (ctx: Ctx) => ({
    users: (prepared(ctx.sqlite, 'SELECT id AS userId, display_name AS displayName, role FROM users WHERE active = 1 AND id <> ? ORDER BY display_name').all(ctx.session.userId) as { userId: number; displayName: string; role: string }[]),
    recipients: prepared(ctx.sqlite, 'SELECT id AS recipientId, name FROM recipients WHERE active = 1 ORDER BY name').all() as { recipientId: number; name: string }[],
  }),
};
