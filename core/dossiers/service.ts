// Participant dossiers: identity and circumstances (each field with its category, R01), source
// of the data (R02), secret contact details (R03), trajectories, journal, documents, caseload.
// Every change keeps the previous value; every read goes through core/access.
import { issueDossierNumber } from './numbers.ts';
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { participantFieldNames, participantFields as participantFieldsByName, type ParticipantField } from '../api/categories.ts';
import { domainError } from '../api/errors.ts';
import { amsterdamDate } from '../calendar/index.ts';
import { roleHas } from '../api/permissions.ts';
import { accessBasis, requireAccess } from '../access/service.ts';
import { searchShieldsFor } from '../access/shields.ts';
import { entryRecords, visibility, type ReadOptions, participantRecord, readDocument, readDossier, readEntry, readHistory, readParticipant, readTrajectory } from '../access/view.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { prepared } from '../../db/connection.ts';
import { caseload, documents, entries, entryHistory, participantHistory, participants, trajectories, users } from '../../db/schema.ts';
import { MAX_DOCUMENT_BYTES, type dossiersContract } from './contract.ts';
import { searchParticipants } from './search.ts';

type ParticipantRow = ReturnType<typeof participantRecord>;

export function displayName(p: Pick<ParticipantRow, 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  return [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' ');
}

function loadParticipant(ctx: Ctx, participantId: number) {
  return participantRecord(ctx, participantId);
}

function requireOpen(p: ParticipantRow): void {
  if (p.status === 'closed') throw domainError('dossier.closed');
}


type UpdateInput = { participantId: number; changes: Record<string, string | boolean | null | undefined>; reason: string | null };

/**
 * Changes participant fields, keeping every previous value. A field this user may not see
 * (shielded, R26; a special category outside the caseload, R01) reads as empty to them: sending it
 * back empty changes nothing, and a value for it is refused as for a part that is not there — it
 * is never overwritten blindly. A correction carried out within a verified request may change
 * special categories (opts).
 */
export function updateParticipantFields(ctx: Ctx, input: UpdateInput, opts: ReadOptions = {}) {
  const v = visibility(ctx, input.participantId, opts);
  const changes: Record<string, string | boolean | null> = {};
  for (const [field, value] of Object.entries(input.changes)) {
    if (value === undefined) continue;
    if (field in participantFieldsByName && v.hiddenFields.has(field as ParticipantField)) {
      if (value === null || value === '') continue;
      throw domainError('target.notInDossier');
    }
    changes[field] = value;
  }
  const before = loadParticipant(ctx, input.participantId);
  requireOpen(before);
  // R41: the date of death sets the retention term, so it cannot lie ahead or before the birth.
  const death = changes.dateOfDeath;
  if (typeof death === 'string' && (death > amsterdamDate(ctx.nowIso) || (before.birthDate !== null && death < before.birthDate))) throw domainError('dossier.deathDateInvalid');
  const changed: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    const old = before[field as keyof ParticipantRow];
    if (old === value) continue;
    changed.push(field);
    ctx.db.insert(participantHistory).values({
      participantId: input.participantId, field, oldValue: old === null ? null : String(old), newValue: value === null ? null : String(value),
      changedBy: ctx.session.userId, changedAt: ctx.nowIso, reason: input.reason,
    }).run();
  }
  if (changed.length > 0) {
    ctx.db.update(participants).set({ ...Object.fromEntries(changed.map((f) => [f, changes[f]])), updatedAt: ctx.nowIso }).where(eq(participants.id, input.participantId)).run();
  }
  ctx.note.objects = { fields: changed };
  return readParticipant(ctx, input.participantId, opts);
}

/**
 * Caseload changes need caseload or role access: break-the-glass is for one look, never a way to
 * put oneself in the caseload (R04). Changes not made by the administration are flagged, so they
 * appear in the monthly access review (R06).
 */
function requireCaseloadChange(ctx: Ctx, participantId: number): void {
  const basis = requireAccess(ctx, participantId);
  if (basis === 'breakGlass') throw domainError('access.caseloadNeedsBasis');
  if (ctx.session.role !== 'administration') ctx.note.flagged = true;
}

export const dossierHandlers: Handlers<typeof dossiersContract> = {
  'dossiers.list': (ctx: Ctx, input) => {
    const scope = input.scope === 'all' && roleHas(ctx.session.role, 'dossier.allAccess') ? 'all' : input.scope;
    const result = searchParticipants(ctx, { query: input.query ?? '', scope, offset: input.offset, limit: input.limit });
    // A list shows identity data of many dossiers: the audit line names each one shown (R05).
    ctx.note.objects = { shown: result.rows.filter((r) => r.displayName !== null).map((r) => r.participantId), total: result.total };
    return result;
  },

  'dossiers.create': (ctx: Ctx, input) => {
    if (input.source === 'commissioner' && !input.sourceNote) throw domainError('dossier.sourceNoteRequired'); // R02
    const dossierNumber = issueDossierNumber(ctx.sqlite, ctx.today.slice(0, 4));
    const row = ctx.db.insert(participants).values({ ...input, dossierNumber, status: 'active', createdAt: ctx.nowIso, updatedAt: ctx.nowIso }).returning({ id: participants.id }).get();
    // The consultant who registers a participant gets the dossier in their caseload.
    if (ctx.session.role === 'consultant') {
      ctx.db.insert(caseload).values({ participantId: row.id, userId: ctx.session.userId, assignedAt: ctx.nowIso, assignedBy: ctx.session.userId }).run();
    }
    ctx.note.participantId = row.id;
    ctx.note.objects = { fields: participantFieldNames.filter((f) => input[f] !== null) };
    return { participantId: row.id, dossierNumber };
  },

  'dossiers.get': (ctx: Ctx, input) => readDossier(ctx, input.participantId),

  'dossiers.update': (ctx: Ctx, input) => updateParticipantFields(ctx, input),

  'dossiers.close': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const p = loadParticipant(ctx, input.participantId);
    requireOpen(p);
    ctx.db.update(participants).set({ status: 'closed', closedAt: ctx.nowIso, updatedAt: ctx.nowIso }).where(eq(participants.id, p.id)).run();
    ctx.db.update(trajectories).set({ status: 'closed', endDate: ctx.today }).where(and(eq(trajectories.participantId, p.id), eq(trajectories.status, 'active'))).run();
    // What the participant takes home is part of the dossier (R42).
    ctx.db.insert(entries).values({ participantId: p.id, kind: 'report', entryDate: ctx.today, title: 'Afsluiting: wat de deelnemer meeneemt', body: input.takeHome, authorId: ctx.session.userId, createdAt: ctx.nowIso, updatedAt: ctx.nowIso }).run();
    return readParticipant(ctx, p.id);
  },

  'dossiers.history': (ctx: Ctx, input) => readHistory(ctx, input.participantId),

  'dossiers.addTrajectory': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    const status = input.startDate > ctx.today ? 'planned' : 'active';
    return ctx.db.insert(trajectories).values({ ...input, status, createdAt: ctx.nowIso }).returning().get();
  },

  'dossiers.updateTrajectory': (ctx: Ctx, input) => {
    const t = readTrajectory(ctx, input.trajectoryId);
    requireOpen(loadParticipant(ctx, t.participantId));
    const { trajectoryId, ...changes } = input;
    ctx.db.update(trajectories).set(changes).where(eq(trajectories.id, trajectoryId)).run();
    return readTrajectory(ctx, trajectoryId);
  },

  'dossiers.addEntry': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    if (input.trajectoryId !== null && readTrajectory(ctx, input.trajectoryId).participantId !== input.participantId) throw domainError('dossier.trajectoryNotFound');
    const entryId = Number(prepared(ctx.sqlite, `INSERT INTO entries (participant_id, trajectory_id, kind, entry_date, title, body, author_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(input.participantId, input.trajectoryId, input.kind, input.entryDate, input.title, input.body, ctx.session.userId, ctx.nowIso, ctx.nowIso).lastInsertRowid);
    ctx.note.objects = { entryId };
    return entryRecords(ctx, 'WHERE e.id = ?', entryId)[0]!;
  },

  'dossiers.updateEntry': (ctx: Ctx, input) => {
    const e = readEntry(ctx, input.entryId);
    requireOpen(loadParticipant(ctx, e.participantId));
    ctx.db.insert(entryHistory).values({ entryId: e.id, oldTitle: e.title, oldBody: e.body, changedBy: ctx.session.userId, changedAt: ctx.nowIso }).run();
    ctx.db.update(entries).set({ title: input.title, body: input.body, updatedAt: ctx.nowIso }).where(eq(entries.id, e.id)).run();
    return readEntry(ctx, e.id);
  },

  'dossiers.uploadDocument': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > MAX_DOCUMENT_BYTES) {
      throw domainError('dossier.documentTooLarge', { size: (content.length / 1048576).toFixed(1), limit: MAX_DOCUMENT_BYTES / 1048576 });
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const { contentBase64: _omit, ...fields } = input;
    const row = ctx.db.insert(documents).values({ ...fields, size: content.length, sha256, content, uploadedBy: ctx.session.userId, uploadedAt: ctx.nowIso }).returning({ id: documents.id }).get();
    ctx.note.objects = { documentId: row.id };
    const { content: _content, ...meta } = readDocument(ctx, row.id);
    return meta;
  },

  'dossiers.downloadDocument': (ctx: Ctx, input) => {
    const { content, ...meta } = readDocument(ctx, input.documentId);
    return { ...meta, contentBase64: content.toString('base64') };
  },

  'dossiers.assign': (ctx: Ctx, input) => {
    requireCaseloadChange(ctx, input.participantId);
    const u = ctx.db.select().from(users).where(eq(users.id, input.userId)).get();
    if (!u || !u.active || u.role !== 'consultant') throw domainError('dossier.userNotConsultant');
    ctx.db.insert(caseload).values({ participantId: input.participantId, userId: input.userId, assignedAt: ctx.nowIso, assignedBy: ctx.session.userId }).onConflictDoNothing().run();
    return { ok: true as const };
  },

  'dossiers.unassign': (ctx: Ctx, input) => {
    requireCaseloadChange(ctx, input.participantId);
    ctx.db.delete(caseload).where(and(eq(caseload.participantId, input.participantId), eq(caseload.userId, input.userId))).run();
    return { ok: true as const };
  },

  'dossiers.consultants': (ctx: Ctx) =>
    ctx.db.select({ userId: users.id, displayName: users.displayName }).from(users).where(and(eq(users.role, 'consultant'), eq(users.active, true))).orderBy(asc(users.displayName)).all(),

  'dossiers.recent': (ctx: Ctx) => {
    // Recently opened by me, from my own audit lines; only dossiers I may still open are listed.
    const ids = ctx.sqlite.prepare(`SELECT participant_id AS id, max(seq) AS last FROM audit_log
      WHERE user_id = ? AND action = 'dossiers.get' AND outcome = 'ok' AND participant_id IS NOT NULL GROUP BY participant_id ORDER BY last DESC LIMIT 10`).all(ctx.session.userId) as { id: number }[];
    const rows = [];
    const shielded = searchShieldsFor(ctx.sqlite, ctx.session.userId);
    for (const { id } of ids) {
      const basis = accessBasis(ctx.sqlite, ctx.session, id, ctx.nowIso); // null for a dossier shielded as a whole (R26)
      const p = ctx.db.select().from(participants).where(eq(participants.id, id)).get();
      if (!basis || !p) continue;
      rows.push({
        participantId: p.id, dossierNumber: p.dossierNumber, displayName: shielded.name.includes(id) ? null : displayName(p),
        birthDate: shielded.birthDate.includes(id) ? null : p.birthDate, city: shielded.city.includes(id) ? null : p.city, status: p.status as 'active' | 'closed', access: basis,
      });
    }
    ctx.note.objects = { shown: rows.map((r) => r.participantId) };
    return rows;
  },
};
