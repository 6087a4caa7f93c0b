// Participant dossiers: identity and circumstances (each field with its category, R01), source
// of the data (R02), secret contact details (R03), trajectories, journal, documents, caseload.
// Every change keeps the previous value; every read goes through core/access.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { participantFieldNames } from '../api/categories.ts';
import { domainError } from '../api/errors.ts';
import { roleHas } from '../api/permissions.ts';
import { accessBasis, applyDossierFilters, requireAccess } from '../access/service.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { prepared, type Db } from '../../db/connection.ts';
import { caseload, documents, entries, entryHistory, participantHistory, participants, trajectories, users } from '../../db/schema.ts';
import type { z } from 'zod';
import { MAX_DOCUMENT_BYTES, type Entry, type dossiersContract } from './contract.ts';
import { searchParticipants } from './search.ts';

type ParticipantRow = typeof participants.$inferSelect;

export function displayName(p: Pick<ParticipantRow, 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  return [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' ');
}

const participantById = (db: Db) => db.select().from(participants).where(eq(participants.id, sql.placeholder('id'))).prepare();
const participantQueries = new WeakMap<Db, ReturnType<typeof participantById>>();

function loadParticipant(ctx: Ctx, participantId: number): ParticipantRow {
  let query = participantQueries.get(ctx.db);
  if (!query) participantQueries.set(ctx.db, (query = participantById(ctx.db)));
  const row = query.get({ id: participantId });
  if (!row) throw domainError('dossier.notFound');
  return row;
}

function requireOpen(p: ParticipantRow): void {
  if (p.status === 'closed') throw domainError('dossier.closed');
}

/** Dossier numbers are sequential per year and carry no personal data. */
function nextDossierNumber(ctx: Ctx): string {
  const year = ctx.today.slice(0, 4);
  const last = ctx.sqlite.prepare("SELECT dossier_number AS n FROM participants WHERE dossier_number LIKE ? ORDER BY dossier_number DESC LIMIT 1").get(`DK-${year}-%`) as { n: string } | undefined;
  const seq = last ? Number.parseInt(last.n.slice(8), 10) + 1 : 1;
  return `DK-${year}-${String(seq).padStart(6, '0')}`;
}

/** Entries with their author's name and whether they were edited, in one query. */
const ENTRY_SELECT = `SELECT e.id, e.participant_id AS participantId, e.trajectory_id AS trajectoryId, e.kind, e.entry_date AS entryDate,
    e.title, e.body, e.author_id AS authorId, u.display_name AS authorName, e.created_at AS createdAt, e.updated_at AS updatedAt,
    EXISTS (SELECT 1 FROM entry_history h WHERE h.entry_id = e.id) AS edited
  FROM entries e JOIN users u ON u.id = e.author_id`;
type EntryOut = Omit<z.input<typeof Entry>, 'edited'> & { edited: boolean };

function entryRows(ctx: Ctx, where: string, param: number): EntryOut[] {
  const rows = prepared(ctx.sqlite, `${ENTRY_SELECT} ${where}`).all(param) as (Omit<EntryOut, 'edited'> & { edited: number | boolean })[];
  for (const r of rows) r.edited = r.edited === 1;
  return rows as EntryOut[];
}

function entryView(ctx: Ctx, entryId: number): EntryOut {
  return entryRows(ctx, 'WHERE e.id = ?', entryId)[0]!;
}

function documentMeta(ctx: Ctx, participantId: number) {
  return ctx.db.select({
    id: documents.id, participantId: documents.participantId, kind: documents.kind, fileName: documents.fileName,
    mimeType: documents.mimeType, size: documents.size, sha256: documents.sha256, uploadedBy: users.displayName, uploadedAt: documents.uploadedAt,
  }).from(documents).innerJoin(users, eq(users.id, documents.uploadedBy)).where(eq(documents.participantId, participantId)).orderBy(desc(documents.uploadedAt)).all();
}

function getDossier(ctx: Ctx, participantId: number) {
  const access = requireAccess(ctx, participantId);
  const participant = loadParticipant(ctx, participantId);
  const view = {
    participant,
    access,
    consultants: ctx.db.select({ userId: users.id, displayName: users.displayName }).from(caseload).innerJoin(users, eq(users.id, caseload.userId)).where(eq(caseload.participantId, participantId)).all(),
    trajectories: ctx.db.select().from(trajectories).where(eq(trajectories.participantId, participantId)).orderBy(desc(trajectories.startDate)).all(),
    // Entries with their authors in one query: opening a dossier of 2,000 entries must stay fast.
    entries: entryRows(ctx, 'WHERE e.participant_id = ? ORDER BY e.entry_date DESC, e.id DESC', participantId),
    documents: documentMeta(ctx, participantId),
  };
  return applyDossierFilters(ctx, participantId, view);
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
    const dossierNumber = nextDossierNumber(ctx);
    const row = ctx.db.insert(participants).values({ ...input, dossierNumber, status: 'active', createdAt: ctx.nowIso, updatedAt: ctx.nowIso }).returning({ id: participants.id }).get();
    // The consultant who registers a participant gets the dossier in their caseload.
    if (ctx.session.role === 'consultant') {
      ctx.db.insert(caseload).values({ participantId: row.id, userId: ctx.session.userId, assignedAt: ctx.nowIso, assignedBy: ctx.session.userId }).run();
    }
    ctx.note.participantId = row.id;
    ctx.note.objects = { fields: participantFieldNames.filter((f) => input[f] !== null) };
    return { participantId: row.id, dossierNumber };
  },

  'dossiers.get': (ctx: Ctx, input) => getDossier(ctx, input.participantId),

  'dossiers.update': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const before = loadParticipant(ctx, input.participantId);
    requireOpen(before);
    const changed: string[] = [];
    for (const [field, value] of Object.entries(input.changes)) {
      if (value === undefined) continue;
      const old = before[field as keyof ParticipantRow];
      if (old === value) continue;
      changed.push(field);
      ctx.db.insert(participantHistory).values({
        participantId: input.participantId, field, oldValue: old === null ? null : String(old), newValue: value === null ? null : String(value),
        changedBy: ctx.session.userId, changedAt: ctx.nowIso, reason: input.reason,
      }).run();
    }
    if (changed.length > 0) {
      ctx.db.update(participants).set({ ...input.changes, updatedAt: ctx.nowIso }).where(eq(participants.id, input.participantId)).run();
    }
    ctx.note.objects = { fields: changed };
    return loadParticipant(ctx, input.participantId);
  },

  'dossiers.close': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const p = loadParticipant(ctx, input.participantId);
    requireOpen(p);
    ctx.db.update(participants).set({ status: 'closed', closedAt: ctx.nowIso, updatedAt: ctx.nowIso }).where(eq(participants.id, p.id)).run();
    ctx.db.update(trajectories).set({ status: 'closed', endDate: ctx.today }).where(and(eq(trajectories.participantId, p.id), eq(trajectories.status, 'active'))).run();
    // What the participant takes home is part of the dossier (R42).
    ctx.db.insert(entries).values({ participantId: p.id, kind: 'report', entryDate: ctx.today, title: 'Afsluiting: wat de deelnemer meeneemt', body: input.takeHome, authorId: ctx.session.userId, createdAt: ctx.nowIso, updatedAt: ctx.nowIso }).run();
    return loadParticipant(ctx, p.id);
  },

  'dossiers.history': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const fields = ctx.db.select({ at: participantHistory.changedAt, by: users.displayName, field: participantHistory.field, oldValue: participantHistory.oldValue, newValue: participantHistory.newValue, reason: participantHistory.reason })
      .from(participantHistory).innerJoin(users, eq(users.id, participantHistory.changedBy)).where(eq(participantHistory.participantId, input.participantId)).all()
      .map((h) => ({ ...h, what: 'field' as const, entryId: null }));
    const entryChanges = ctx.db.select({ at: entryHistory.changedAt, by: users.displayName, entryId: entryHistory.entryId, oldValue: entryHistory.oldBody, newValue: entries.body })
      .from(entryHistory).innerJoin(entries, eq(entries.id, entryHistory.entryId)).innerJoin(users, eq(users.id, entryHistory.changedBy))
      .where(eq(entries.participantId, input.participantId)).all()
      .map((h) => ({ ...h, what: 'entry' as const, field: null, reason: null }));
    return [...fields, ...entryChanges].sort((a, b) => b.at.localeCompare(a.at));
  },

  'dossiers.addTrajectory': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    const status = input.startDate > ctx.today ? 'planned' : 'active';
    return ctx.db.insert(trajectories).values({ ...input, status, createdAt: ctx.nowIso }).returning().get();
  },

  'dossiers.updateTrajectory': (ctx: Ctx, input) => {
    const t = ctx.db.select().from(trajectories).where(eq(trajectories.id, input.trajectoryId)).get();
    if (!t) throw domainError('dossier.trajectoryNotFound');
    requireAccess(ctx, t.participantId);
    requireOpen(loadParticipant(ctx, t.participantId));
    const { trajectoryId, ...changes } = input;
    ctx.db.update(trajectories).set(changes).where(eq(trajectories.id, trajectoryId)).run();
    return ctx.db.select().from(trajectories).where(eq(trajectories.id, trajectoryId)).get()!;
  },

  'dossiers.addEntry': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    if (input.trajectoryId !== null) {
      const t = ctx.db.select({ p: trajectories.participantId }).from(trajectories).where(eq(trajectories.id, input.trajectoryId)).get();
      if (!t || t.p !== input.participantId) throw domainError('dossier.trajectoryNotFound');
    }
    const entryId = Number(prepared(ctx.sqlite, `INSERT INTO entries (participant_id, trajectory_id, kind, entry_date, title, body, author_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(input.participantId, input.trajectoryId, input.kind, input.entryDate, input.title, input.body, ctx.session.userId, ctx.nowIso, ctx.nowIso).lastInsertRowid);
    ctx.note.objects = { entryId };
    return entryView(ctx, entryId);
  },

  'dossiers.updateEntry': (ctx: Ctx, input) => {
    const e = ctx.db.select().from(entries).where(eq(entries.id, input.entryId)).get();
    if (!e) throw domainError('dossier.entryNotFound');
    requireAccess(ctx, e.participantId);
    requireOpen(loadParticipant(ctx, e.participantId));
    ctx.db.insert(entryHistory).values({ entryId: e.id, oldTitle: e.title, oldBody: e.body, changedBy: ctx.session.userId, changedAt: ctx.nowIso }).run();
    ctx.db.update(entries).set({ title: input.title, body: input.body, updatedAt: ctx.nowIso }).where(eq(entries.id, e.id)).run();
    return entryView(ctx, e.id);
  },

  'dossiers.uploadDocument': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    requireOpen(loadParticipant(ctx, input.participantId));
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > MAX_DOCUMENT_BYTES) {
      throw domainError('dossier.documentTooLarge', { size: (content.length / 1048576).toFixed(1), limit: MAX_DOCUMENT_BYTES / 1048576 });
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    const { contentBase64: _omit, ...meta } = input;
    const row = ctx.db.insert(documents).values({ ...meta, size: content.length, sha256, content, uploadedBy: ctx.session.userId, uploadedAt: ctx.nowIso }).returning({ id: documents.id }).get();
    ctx.note.objects = { documentId: row.id };
    return documentMeta(ctx, input.participantId).find((d) => d.id === row.id)!;
  },

  'dossiers.downloadDocument': (ctx: Ctx, input) => {
    const d = ctx.db.select({ participantId: documents.participantId, content: documents.content }).from(documents).where(eq(documents.id, input.documentId)).get();
    if (!d) throw domainError('dossier.documentNotFound');
    requireAccess(ctx, d.participantId);
    const view = applyDossierFilters(ctx, d.participantId, { documents: documentMeta(ctx, d.participantId) });
    const meta = view.documents.find((m) => m.id === input.documentId);
    if (!meta) throw domainError('dossier.documentNotFound');
    return { ...meta, contentBase64: d.content.toString('base64') };
  },

  'dossiers.assign': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const u = ctx.db.select().from(users).where(eq(users.id, input.userId)).get();
    if (!u || !u.active || u.role !== 'consultant') throw domainError('dossier.userNotConsultant');
    ctx.db.insert(caseload).values({ participantId: input.participantId, userId: input.userId, assignedAt: ctx.nowIso, assignedBy: ctx.session.userId }).onConflictDoNothing().run();
    return { ok: true as const };
  },

  'dossiers.unassign': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
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
    for (const { id } of ids) {
      const basis = accessBasis(ctx.sqlite, ctx.session, id, ctx.nowIso);
      const p = ctx.db.select().from(participants).where(eq(participants.id, id)).get();
      if (!basis || !p) continue;
      rows.push({ participantId: p.id, dossierNumber: p.dossierNumber, displayName: displayName(p), birthDate: p.birthDate, city: p.city, status: p.status as 'active' | 'closed', access: basis });
    }
    ctx.note.objects = { shown: rows.map((r) => r.participantId) };
    return rows;
  },
};
