// The one read model (ARCHITECTURE.md, "One read model"): a dossier as a given viewer may see it.
// Every output of dossier data is built here — the dossier screen, history, downloads, request
// panels, letters, disclosures, the participant's copy — so that a rule added here holds on every
// path out. What is left out leaves no trace: no placeholder, no count, no position; a viewer from
// whom anything is shielded gets one calm notice per dossier (shieldNotice).
import { participantFieldNames, type ParticipantField } from '../api/categories.ts';
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { z } from 'zod';
import type { DossierTarget, OwnStatement } from '../statements/contract.ts';
import type { Restriction } from '../restriction/contract.ts';
import { prepared } from '../../db/connection.ts';
import { disclosuresOf, type DisclosureView } from '../disclosures/register.ts';
import { applyDossierFilters, requireAccess, type AccessBasis } from './service.ts';
import { isShielded, searchShieldsFor, shieldSetOf, shieldsFor, specialFields, type Part, type ShieldSet, type Viewer } from './shields.ts';

export type { Viewer } from './shields.ts';


export interface EntryRow {
  id: number; participantId: number; trajectoryId: number | null; kind: 'note' | 'conversation' | 'report'; entryDate: string; title: string; body: string;
  authorId: number; authorName: string; createdAt: string; updatedAt: string; edited: boolean; ownStatementIds?: number[]; restricted?: boolean; shielded?: boolean;
}
export interface DocumentRow {
  id: number; participantId: number; kind: 'cv' | 'idCopy' | 'consentForm' | 'actionPlan' | 'report' | 'conversationReport' | 'other'; fileName: string; mimeType: string;
  size: number; sha256: string; uploadedBy: string; uploadedAt: string; shielded?: boolean;
}
export interface TrajectoryRow {
  id: number; participantId: number; type: 'uwv' | 'wmo' | 'jeugdwet' | 'wlz' | 'participatiewet' | 'other'; commissioner: string; startDate: string;
  endDate: string | null; status: 'planned' | 'active' | 'closed'; description: string | null; shielded?: boolean;
}
interface Targeted { targets: DossierTarget[] }

export interface DossierView {
  participant: ParticipantRow;
  access: AccessBasis;
  consultants: { userId: number; displayName: string }[];
  trajectories: TrajectoryRow[];
  entries: EntryRow[];
  documents: DocumentRow[];
  ownStatements?: z.infer<typeof OwnStatement>[];
  restrictions?: z.infer<typeof Restriction>[];
  /** Something of this dossier is shielded from this viewer (R26): one notice, nothing more. */
  shieldNotice: boolean;
  /** Special categories (R01) are left out because this viewer is not in the caseload. */
  specialHidden: boolean;
  /** What is shielded from others, for a viewer who may see it (R26): whole dossier and fields; items are marked `shielded`. */
  shieldedFromOthers: { whole: boolean; fields: string[] };
  /** For the participant's copy (R22): which sections lost parts, never what or where. */
  withheldSections: ('personal' | 'trajectories' | 'entries' | 'documents' | 'statements')[];
}

export type ParticipantRow = {
  id: number; dossierNumber: string; firstName: string; lastNamePrefix: string | null; lastName: string; status: 'active' | 'closed';
  phoneSecret: boolean; emailSecret: boolean; source: 'participant' | 'commissioner'; sourceNote: string | null; dateOfDeath: string | null;
  createdAt: string; updatedAt: string; closedAt: string | null;
} & { [F in ParticipantField]: F extends 'firstName' | 'lastName' ? string : string | null };

const PARTICIPANT_SELECT = `SELECT id, dossier_number AS dossierNumber, first_name AS firstName, last_name_prefix AS lastNamePrefix, last_name AS lastName,
  birth_date AS birthDate, gender, street, house_number AS houseNumber, postcode, city, phone, email, phone_secret AS phoneSecret, email_secret AS emailSecret,
  living_situation AS livingSituation, family_situation AS familySituation, financial_situation AS financialSituation, work_history AS workHistory,
  work_capabilities AS workCapabilities, medical_notes AS medicalNotes, disability, source, source_note AS sourceNote, date_of_death AS dateOfDeath,
  status, created_at AS createdAt, updated_at AS updatedAt, closed_at AS closedAt FROM participants WHERE id = ?`;

/** The stored participant row, unfiltered: for services that change it, never for output. */
export function participantRecord(ctx: Ctx, participantId: number): ParticipantRow {
  const row = prepared(ctx.sqlite, PARTICIPANT_SELECT).get(participantId) as (Omit<ParticipantRow, 'phoneSecret' | 'emailSecret'> & { phoneSecret: number; emailSecret: number }) | undefined;
  if (!row) throw domainError('dossier.notFound');
  return { ...row, phoneSecret: row.phoneSecret === 1, emailSecret: row.emailSecret === 1 };
}

const ENTRY_SELECT = `SELECT e.id, e.participant_id AS participantId, e.trajectory_id AS trajectoryId, e.kind, e.entry_date AS entryDate,
    e.title, e.body, e.author_id AS authorId, u.display_name AS authorName, e.created_at AS createdAt, e.updated_at AS updatedAt,
    EXISTS (SELECT 1 FROM entry_history h WHERE h.entry_id = e.id) AS edited
  FROM entries e JOIN users u ON u.id = e.author_id`;

/** Entries with their author's name and whether they were edited, in one query (2,000 entries must stay fast). */
export function entryRecords(ctx: Ctx, where: string, param: number): EntryRow[] {
  const rows = prepared(ctx.sqlite, `${ENTRY_SELECT} ${where}`).all(param) as (Omit<EntryRow, 'edited'> & { edited: number | boolean })[];
  for (const r of rows) r.edited = r.edited === 1;
  return rows as EntryRow[];
}

function documentRecords(ctx: Ctx, participantId: number): DocumentRow[] {
  return prepared(ctx.sqlite, `SELECT d.id, d.participant_id AS participantId, d.kind, d.file_name AS fileName, d.mime_type AS mimeType, d.size, d.sha256,
    u.display_name AS uploadedBy, d.uploaded_at AS uploadedAt FROM documents d JOIN users u ON u.id = d.uploaded_by WHERE d.participant_id = ? ORDER BY d.uploaded_at DESC, d.id DESC`)
    .all(participantId) as DocumentRow[];
}

function trajectoryRecords(ctx: Ctx, participantId: number): TrajectoryRow[] {
  return prepared(ctx.sqlite, `SELECT id, participant_id AS participantId, type, commissioner, start_date AS startDate, end_date AS endDate, status, description
    FROM trajectories WHERE participant_id = ? ORDER BY start_date DESC, id DESC`).all(participantId) as TrajectoryRow[];
}

export interface ReadOptions {
  /** Further viewers whose shields also apply: a recipient, the participant's copy (R22, R26). */
  alsoFor?: readonly Viewer[];
  /** Special categories within a verified request that needs them (R01); otherwise caseload only. */
  includeSpecial?: boolean;
}

/** What one call may see of one dossier: the access basis, the shields and the R01 rule. */
export interface Visibility { basis: AccessBasis; shields: ShieldSet; hiddenFields: Set<ParticipantField>; specialHidden: boolean }

/** Access check (R04) plus everything that narrows what this call may see. */
export function visibility(ctx: Ctx, participantId: number, opts: ReadOptions = {}): Visibility {
  const basis = requireAccess(ctx, participantId);
  const viewers: Viewer[] = [{ kind: 'user', userId: ctx.session.userId }, ...(opts.alsoFor ?? [])];
  const shields = shieldsFor(ctx.sqlite, participantId, viewers);
  const specialHidden = !opts.includeSpecial && basis !== 'caseload';
  const hiddenFields = new Set<ParticipantField>(shields.whole ? participantFieldNames : shields.fields);
  if (specialHidden) for (const f of specialFields) hiddenFields.add(f);
  return { basis, shields, hiddenFields, specialHidden };
}

export function partHidden(v: Visibility, part: Part): boolean {
  if (part.kind === 'field') return v.hiddenFields.has(part.field);
  return isShielded(v.shields, part);
}

function targetHidden(v: Visibility, t: DossierTarget, entryTrajectory: (entryId: number) => number | null): boolean {
  switch (t.kind) {
    case 'dossier': return v.shields.whole;
    case 'field': return partHidden(v, t);
    case 'entry': return partHidden(v, { kind: 'entry', entryId: t.entryId, trajectoryId: entryTrajectory(t.entryId) });
    case 'document': return partHidden(v, t);
  }
}

function entryTrajectoryLookup(ctx: Ctx): (entryId: number) => number | null {
  const q = prepared(ctx.sqlite, 'SELECT trajectory_id AS t FROM entries WHERE id = ?');
  return (entryId) => (q.get(entryId) as { t: number | null } | undefined)?.t ?? null;
}

/** What a field that is not shown reads as: empty (the name fields are required strings). */
export function withheldValue(field: ParticipantField): '' | null {
  return field === 'firstName' || field === 'lastName' ? '' : null;
}

function redactParticipant(p: ParticipantRow, v: Visibility): ParticipantRow {
  if (v.hiddenFields.size === 0) return p;
  const out = { ...p } as Record<string, unknown>;
  for (const f of v.hiddenFields) out[f] = withheldValue(f);
  return out as ParticipantRow;
}

/** The participant's fields as this call may see them (for services that return the participant). */
export function readParticipant(ctx: Ctx, participantId: number, opts: ReadOptions = {}): ParticipantRow {
  return redactParticipant(participantRecord(ctx, participantId), visibility(ctx, participantId, opts));
}

/** The dossier as this call's viewers may see it. Access is checked first (R04, R26). */
export function readDossier(ctx: Ctx, participantId: number, opts: ReadOptions = {}): DossierView {
  const v = visibility(ctx, participantId, opts);
  const s = v.shields;
  const raw = {
    participant: participantRecord(ctx, participantId),
    access: v.basis,
    consultants: prepared(ctx.sqlite, 'SELECT u.id AS userId, u.display_name AS displayName FROM caseload c JOIN users u ON u.id = c.user_id WHERE c.participant_id = ? ORDER BY u.display_name')
      .all(participantId) as { userId: number; displayName: string }[],
    trajectories: trajectoryRecords(ctx, participantId),
    entries: entryRecords(ctx, 'WHERE e.participant_id = ? ORDER BY e.entry_date DESC, e.id DESC', participantId),
    documents: documentRecords(ctx, participantId),
  };
  // Own statements (R25) and restrictions (R30) are attached by their modules' filters; the
  // shields are applied last, so nothing a filter adds can bring a shielded part back.
  const filtered = applyDossierFilters(ctx, participantId, raw) as typeof raw & Pick<DossierView, 'ownStatements' | 'restrictions'>;
  const withheld = new Set<DossierView['withheldSections'][number]>();
  const keep = <T>(list: T[], hidden: (x: T) => boolean, section: DossierView['withheldSections'][number]) => {
    if (!s.any && !v.specialHidden) return list;
    const kept = list.filter((x) => !hidden(x));
    if (kept.length < list.length) withheld.add(section);
    return kept;
  };
  const entries = keep(filtered.entries, (e) => isShielded(s, { kind: 'entry', entryId: e.id, trajectoryId: e.trajectoryId }), 'entries');
  const visibleEntries = new Map(entries.map((e) => [e.id, e.trajectoryId]));
  const trajectoryOf = (entryId: number) => visibleEntries.get(entryId) ?? entryTrajectoryLookup(ctx)(entryId);
  // A statement or restriction that concerns a hidden part would tell what it is: it goes too.
  const aboutVisible = (x: Targeted) => !x.targets.some((t) => targetHidden(v, t, trajectoryOf));
  if (s.fields.size > 0 || [...v.hiddenFields].some((f) => filtered.participant[f] !== null)) withheld.add('personal');
  const others = shieldedFromOthers(ctx, participantId);
  // Marked in place, like the own statements: the rows of a view are built for this one call.
  if (others.any) {
    for (const e of entries) if (isShielded(others, { kind: 'entry', entryId: e.id, trajectoryId: e.trajectoryId })) e.shielded = true;
    for (const d of filtered.documents) if (isShielded(others, { kind: 'document', documentId: d.id })) d.shielded = true;
    for (const t of filtered.trajectories) if (isShielded(others, { kind: 'trajectory', trajectoryId: t.id })) t.shielded = true;
  }
  return {
    participant: redactParticipant(filtered.participant, v),
    access: v.basis,
    consultants: filtered.consultants,
    trajectories: keep(filtered.trajectories, (t) => isShielded(s, { kind: 'trajectory', trajectoryId: t.id }), 'trajectories'),
    entries,
    documents: keep(filtered.documents, (d) => isShielded(s, { kind: 'document', documentId: d.id }), 'documents'),
    ...(filtered.ownStatements ? { ownStatements: keep(filtered.ownStatements, (x) => !aboutVisible(x), 'statements') } : {}),
    ...(filtered.restrictions ? { restrictions: filtered.restrictions.filter(aboutVisible) } : {}),
    shieldNotice: s.any,
    specialHidden: v.specialHidden,
    shieldedFromOthers: { whole: others.whole, fields: [...others.fields].filter((f) => !v.hiddenFields.has(f)) },
    withheldSections: [...withheld],
  };
}

/** Every active shield of the dossier, whoever it is aimed at: what the register marks for those who may see it. */
function shieldedFromOthers(ctx: Ctx, participantId: number): ShieldSet {
  const rows = prepared(ctx.sqlite, "SELECT DISTINCT target_kind AS kind, target_ref AS ref FROM shields WHERE participant_id = ? AND status = 'active'").all(participantId) as { kind: string; ref: string | null }[];
  return shieldSetOf(rows);
}

/** A shield as the viewers of a read may know of it: the kind of part, since when, and from whom (roles and recipients, never names). */
export interface KnownShield {
  targetKind: 'dossier' | 'field' | 'category' | 'entry' | 'document' | 'trajectory';
  since: string;
  audiences: ({ kind: 'user'; role: string } | { kind: 'recipient'; name: string })[];
}

/**
 * The shield register as the viewers of one read may see it (R22, R26): active shields aimed at
 * none of them, whose part the view shows anyway — a shield is never named to those it hides
 * something from, nor a shield of a part they cannot see. `dossier` is this read's readDossier.
 */
export function knownShields(ctx: Ctx, dossier: DossierView, opts: ReadOptions = {}): KnownShield[] {
  const viewers: Viewer[] = [{ kind: 'user', userId: ctx.session.userId }, ...(opts.alsoFor ?? [])];
  const rows = prepared(ctx.sqlite, "SELECT id, target_kind AS targetKind, target_ref AS targetRef, placed_at AS placedAt FROM shields WHERE participant_id = ? AND status = 'active' ORDER BY id")
    .all(dossier.participant.id) as { id: number; targetKind: KnownShield['targetKind']; targetRef: string | null; placedAt: string }[];
  const audiences = prepared(ctx.sqlite, `SELECT a.kind, a.user_id AS userId, a.recipient_id AS recipientId, u.role, r.name
    FROM shield_audiences a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN recipients r ON r.id = a.recipient_id WHERE a.shield_id = ? ORDER BY a.id`);
  const isViewer = (a: { kind: string; userId: number | null; recipientId: number | null }) => viewers.some((v) =>
    v.kind === a.kind && (v.kind === 'participantCopy' || (v.kind === 'user' ? v.userId === a.userId : v.recipientId === a.recipientId)));
  const shown = (kind: KnownShield['targetKind'], ref: string | null) => {
    if (kind === 'entry') return dossier.entries.some((e) => String(e.id) === ref);
    if (kind === 'document') return dossier.documents.some((d) => String(d.id) === ref);
    if (kind === 'trajectory') return dossier.trajectories.some((t) => String(t.id) === ref);
    return dossier.withheldSections.length === 0 || kind === 'field';
  };
  return rows.flatMap((s) => {
    const aimed = audiences.all(s.id) as { kind: 'user' | 'recipient' | 'participantCopy'; userId: number | null; recipientId: number | null; role: string | null; name: string | null }[];
    if (aimed.some(isViewer) || !shown(s.targetKind, s.targetRef)) return [];
    return [{
      targetKind: s.targetKind, since: s.placedAt.slice(0, 10),
      audiences: aimed.filter((a) => a.kind !== 'participantCopy').map((a) => (a.kind === 'recipient' ? { kind: 'recipient' as const, name: a.name ?? '' } : { kind: 'user' as const, role: a.role ?? '' })),
    }];
  });
}

export interface HistoryLine {
  at: string; by: string;
  /** field/entry: an edit with its earlier value; the others: a part added, or a caseload change. */
  what: 'field' | 'entry' | 'entryAdded' | 'document' | 'trajectory' | 'trajectoryChanged' | 'caseloadAdded' | 'caseloadRemoved';
  field: string | null; entryId: number | null; documentId: number | null; trajectoryId: number | null;
  oldValue: string | null; newValue: string | null; reason: string | null;
}

const NO_REFS = { field: null, entryId: null, documentId: null, trajectoryId: null, oldValue: null, newValue: null, reason: null };

/**
 * The change history as this call may see it: edits with their earlier values, parts added, and
 * caseload changes (issue 13). Earlier values of a hidden part are hidden too, and so is the adding
 * of a hidden entry, document or trajectory (R26). Who changed a trajectory or the caseload comes
 * from the audit trail, which is the record of those changes.
 */
export function readHistory(ctx: Ctx, participantId: number): HistoryLine[] {
  const v = visibility(ctx, participantId);
  const hiddenEntry = (entryId: number, trajectoryId: number | null) => isShielded(v.shields, { kind: 'entry', entryId, trajectoryId });
  const fields = (prepared(ctx.sqlite, `SELECT h.changed_at AS at, u.display_name AS by, h.field, h.old_value AS oldValue, h.new_value AS newValue, h.reason
    FROM participant_history h JOIN users u ON u.id = h.changed_by WHERE h.participant_id = ?`).all(participantId) as Pick<HistoryLine, 'at' | 'by' | 'field' | 'oldValue' | 'newValue' | 'reason'>[])
    .filter((h) => !v.hiddenFields.has(h.field as ParticipantField))
    .map((h) => ({ ...NO_REFS, ...h, what: 'field' as const }));
  const entryChanges = (prepared(ctx.sqlite, `SELECT h.changed_at AS at, u.display_name AS by, h.entry_id AS entryId, e.trajectory_id AS trajectoryId, h.old_body AS oldValue, e.body AS newValue
    FROM entry_history h JOIN entries e ON e.id = h.entry_id JOIN users u ON u.id = h.changed_by WHERE e.participant_id = ?`).all(participantId) as { at: string; by: string; entryId: number; trajectoryId: number | null; oldValue: string; newValue: string }[])
    .filter((h) => !hiddenEntry(h.entryId, h.trajectoryId))
    .map((h) => ({ ...NO_REFS, ...h, what: 'entry' as const }));
  const entriesAdded = (prepared(ctx.sqlite, `SELECT e.created_at AS at, u.display_name AS by, e.id AS entryId, e.trajectory_id AS trajectoryId, e.title AS newValue
    FROM entries e JOIN users u ON u.id = e.author_id WHERE e.participant_id = ?`).all(participantId) as { at: string; by: string; entryId: number; trajectoryId: number | null; newValue: string }[])
    .filter((h) => !hiddenEntry(h.entryId, h.trajectoryId))
    .map((h) => ({ ...NO_REFS, ...h, what: 'entryAdded' as const }));
  const documents = (prepared(ctx.sqlite, `SELECT d.uploaded_at AS at, u.display_name AS by, d.id AS documentId, d.file_name AS newValue
    FROM documents d JOIN users u ON u.id = d.uploaded_by WHERE d.participant_id = ?`).all(participantId) as { at: string; by: string; documentId: number; newValue: string }[])
    .filter((h) => !isShielded(v.shields, { kind: 'document', documentId: h.documentId }))
    .map((h) => ({ ...NO_REFS, ...h, what: 'document' as const }));
  const trajectories = (prepared(ctx.sqlite, `SELECT t.created_at AS at, t.id AS trajectoryId, t.commissioner AS newValue,
      (SELECT u.display_name FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.participant_id = t.participant_id AND a.action = 'dossiers.addTrajectory' AND a.at = t.created_at LIMIT 1) AS by
    FROM trajectories t WHERE t.participant_id = ?`).all(participantId) as { at: string; by: string | null; trajectoryId: number; newValue: string }[])
    .filter((h) => !isShielded(v.shields, { kind: 'trajectory', trajectoryId: h.trajectoryId }))
    .map((h) => ({ ...NO_REFS, ...h, by: h.by ?? '—', what: 'trajectory' as const }));
  // Trajectory edits and caseload changes: the audit lines of those operations on this dossier.
  const audited = (prepared(ctx.sqlite, `SELECT a.at, a.action, coalesce(u.display_name, a.username, '—') AS by, a.objects
    FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
    WHERE a.participant_id = ? AND a.outcome = 'ok' AND a.action IN ('dossiers.updateTrajectory', 'dossiers.assign', 'dossiers.unassign')`).all(participantId) as { at: string; action: string; by: string; objects: string }[]);
  const nameOf = prepared(ctx.sqlite, 'SELECT display_name AS name FROM users WHERE id = ?');
  const changes = audited.flatMap((a): HistoryLine[] => {
    const o = JSON.parse(a.objects) as Record<string, unknown>;
    const id = (k: string) => (typeof o[k] === 'number' ? o[k] : null);
    if (a.action === 'dossiers.updateTrajectory') {
      const trajectoryId = id('trajectoryId');
      if (trajectoryId === null || isShielded(v.shields, { kind: 'trajectory', trajectoryId })) return [];
      return [{ ...NO_REFS, at: a.at, by: a.by, what: 'trajectoryChanged', trajectoryId }];
    }
    const userId = id('userId');
    const who = userId === null ? null : ((nameOf.get(userId) as { name: string } | undefined)?.name ?? null);
    return [a.action === 'dossiers.assign'
      ? { ...NO_REFS, at: a.at, by: a.by, what: 'caseloadAdded', newValue: who }
      : { ...NO_REFS, at: a.at, by: a.by, what: 'caseloadRemoved', oldValue: who }];
  });
  return [...fields, ...entryChanges, ...entriesAdded, ...documents, ...trajectories, ...changes].sort((a, b) => b.at.localeCompare(a.at));
}

/** One entry as this call may see it; a hidden one does not exist (R26). */
export function readEntry(ctx: Ctx, entryId: number): EntryRow {
  const row = entryRecords(ctx, 'WHERE e.id = ?', entryId)[0];
  if (!row) throw domainError('dossier.entryNotFound');
  const v = visibility(ctx, row.participantId);
  if (isShielded(v.shields, { kind: 'entry', entryId: row.id, trajectoryId: row.trajectoryId })) throw domainError('dossier.entryNotFound');
  return row;
}

/** One trajectory as this call may see it. */
export function readTrajectory(ctx: Ctx, trajectoryId: number): TrajectoryRow {
  const row = prepared(ctx.sqlite, `SELECT id, participant_id AS participantId, type, commissioner, start_date AS startDate, end_date AS endDate, status, description
    FROM trajectories WHERE id = ?`).get(trajectoryId) as TrajectoryRow | undefined;
  if (!row) throw domainError('dossier.trajectoryNotFound');
  if (isShielded(visibility(ctx, row.participantId).shields, { kind: 'trajectory', trajectoryId })) throw domainError('dossier.trajectoryNotFound');
  return row;
}

/** One document with its content, as this call's viewers may see it. */
export function readDocument(ctx: Ctx, documentId: number, opts: ReadOptions = {}): DocumentRow & { content: Buffer } {
  const d = prepared(ctx.sqlite, 'SELECT participant_id AS participantId FROM documents WHERE id = ?').get(documentId) as { participantId: number } | undefined;
  if (!d) throw domainError('dossier.documentNotFound');
  const v = visibility(ctx, d.participantId, opts);
  if (isShielded(v.shields, { kind: 'document', documentId })) throw domainError('dossier.documentNotFound');
  const meta = documentRecords(ctx, d.participantId).find((m) => m.id === documentId)!;
  const { content } = prepared(ctx.sqlite, 'SELECT content FROM documents WHERE id = ?').get(documentId) as { content: Buffer };
  return { ...meta, content };
}

/**
 * For writes that name parts of a dossier (statements, restrictions, requests, disclosures): a
 * part this call may not see is answered as if it were not there (R26), and a part of another
 * dossier is refused (the targets never point outside their dossier).
 */
export function assertTargetsVisible(ctx: Ctx, participantId: number, targets: readonly DossierTarget[], opts: ReadOptions = {}): Visibility {
  const v = visibility(ctx, participantId, opts);
  for (const t of targets) {
    let found: unknown = true;
    if (t.kind === 'entry') found = prepared(ctx.sqlite, 'SELECT trajectory_id AS t FROM entries WHERE id = ? AND participant_id = ?').get(t.entryId, participantId);
    else if (t.kind === 'document') found = prepared(ctx.sqlite, 'SELECT 1 FROM documents WHERE id = ? AND participant_id = ?').get(t.documentId, participantId);
    if (!found) throw domainError('target.notInDossier');
    const trajectory = t.kind === 'entry' ? (found as { t: number | null }).t : null;
    if (targetHidden(v, t, () => trajectory)) throw domainError('target.notInDossier');
  }
  return v;
}

/** Whether any of the targets is shielded from another viewer (a recipient, the participant's copy). */
export function hiddenFrom(ctx: Ctx, participantId: number, viewer: Viewer, targets: readonly DossierTarget[]): boolean {
  const s = shieldsFor(ctx.sqlite, participantId, [viewer]);
  if (!s.any) return false;
  const v: Visibility = { basis: 'role', shields: s, hiddenFields: new Set(s.whole ? participantFieldNames : s.fields), specialHidden: false };
  const lookup = entryTrajectoryLookup(ctx);
  return s.whole || targets.some((t) => targetHidden(v, t, lookup));
}

/** Statements, restrictions, consultations: those about a part this call may not see are left out (R26). */
export function withoutHiddenTargets<T extends Targeted>(ctx: Ctx, participantId: number, items: T[], opts: ReadOptions = {}): T[] {
  const v = visibility(ctx, participantId, opts);
  if (!v.shields.any && v.hiddenFields.size === 0) return items;
  const lookup = entryTrajectoryLookup(ctx);
  return items.filter((x) => !x.targets.some((t) => targetHidden(v, t, lookup)));
}

/**
 * For lists across many dossiers (registers, overviews): the same rules, per row. A dossier
 * shielded as a whole from this user is left out, a name they may not see is empty, and an item
 * of a dossier (a signed form, a disclosed entry) that is shielded from them is left out (R26).
 */
export function listLens(ctx: Ctx) {
  const search = searchShieldsFor(ctx.sqlite, ctx.session.userId);
  const hidden = new Set(search.hidden);
  const names = new Set(search.name);
  const sets = new Map<number, ShieldSet>();
  const setOf = (participantId: number) => {
    let s = sets.get(participantId);
    if (!s) sets.set(participantId, (s = shieldsFor(ctx.sqlite, participantId, [{ kind: 'user', userId: ctx.session.userId }])));
    return s;
  };
  const lookup = entryTrajectoryLookup(ctx);
  return {
    hidden: (participantId: number) => hidden.has(participantId),
    name: (participantId: number, name: string) => (names.has(participantId) ? '' : name),
    part(participantId: number, part: Exclude<Part, { kind: 'entry' }> | { kind: 'entry'; entryId: number }): boolean {
      const s = setOf(participantId);
      if (!s.any) return false;
      return isShielded(s, part.kind === 'entry' ? { kind: 'entry', entryId: part.entryId, trajectoryId: lookup(part.entryId) } : part);
    },
  };
}
export type ListLens = ReturnType<typeof listLens>;

/**
 * The disclosure register of one dossier as this call may see it (R14, R26): access first (R04),
 * then every line with the items shielded from this user left out. Letters read it here.
 */
export function readDisclosures(ctx: Ctx, participantId: number): DisclosureView[] {
  requireAccess(ctx, participantId);
  return disclosuresOf(ctx.sqlite, participantId, listLens(ctx));
}
