// Which parts of one dossier are shielded from a set of viewers (R26, R22), and which dossiers a
// colleague may not find at all. Only the read model (view.ts) and search use this: services
// never filter with it themselves.
import { dataCategories, participantFieldNames, participantFields, type ParticipantField } from '../api/categories.ts';
import { prepared, type Sqlite } from '../../db/connection.ts';

/** Who is looking: a named colleague, a named recipient, or the participant's copy. */
export type Viewer =
  | { kind: 'user'; userId: number }
  | { kind: 'recipient'; recipientId: number }
  | { kind: 'participantCopy' };

/** A part of a dossier, as the read model asks about it. */
export type Part =
  | { kind: 'field'; field: ParticipantField }
  | { kind: 'entry'; entryId: number; trajectoryId: number | null }
  | { kind: 'document'; documentId: number }
  | { kind: 'trajectory'; trajectoryId: number };

export interface ShieldSet {
  /** Any active shield aimed at these viewers on this dossier: the viewer gets one calm notice. */
  any: boolean;
  whole: boolean;
  fields: Set<ParticipantField>;
  entries: Set<number>;
  documents: Set<number>;
  trajectories: Set<number>;
  allEntries: boolean;
  allDocuments: boolean;
  allTrajectories: boolean;
}

export function emptyShieldSet(): ShieldSet {
  return { any: false, whole: false, fields: new Set(), entries: new Set(), documents: new Set(), trajectories: new Set(), allEntries: false, allDocuments: false, allTrajectories: false };
}

const AUDIENCE_MATCH = `((a.kind = 'user' AND a.user_id = ?) OR (a.kind = 'recipient' AND a.recipient_id = ?) OR (a.kind = 'participantCopy' AND ? = 1))`;

function audienceParams(viewers: readonly Viewer[]): [number, number, number][] {
  return viewers.map((v) => [v.kind === 'user' ? v.userId : -1, v.kind === 'recipient' ? v.recipientId : -1, v.kind === 'participantCopy' ? 1 : 0]);
}

/** The active shields of one dossier aimed at any of the viewers, expanded to the parts they cover. */
export function shieldsFor(sqlite: Sqlite, participantId: number, viewers: readonly Viewer[]): ShieldSet {
  const query = prepared(sqlite, `SELECT DISTINCT s.target_kind AS kind, s.target_ref AS ref FROM shields s JOIN shield_audiences a ON a.shield_id = s.id
    WHERE s.participant_id = ? AND s.status = 'active' AND ${AUDIENCE_MATCH}`);
  return shieldSetOf(audienceParams(viewers).flatMap((params) => query.all(participantId, ...params) as { kind: string; ref: string | null }[]));
}

/** Shield targets expanded to the parts they cover. */
export function shieldSetOf(targets: readonly { kind: string; ref: string | null }[]): ShieldSet {
  const set = emptyShieldSet();
  for (const { kind, ref } of targets) {
    set.any = true;
    if (kind === 'dossier') set.whole = true;
    else if (kind === 'field') set.fields.add(ref as ParticipantField);
    else if (kind === 'entry') set.entries.add(Number(ref));
    else if (kind === 'document') set.documents.add(Number(ref));
    else if (kind === 'trajectory') set.trajectories.add(Number(ref));
    else if (kind === 'category') {
      for (const f of participantFieldNames) if (participantFields[f].category === ref) set.fields.add(f);
      // Journal entries and trajectories are trajectory data, attachments the documents category
      // (the same mapping the disclosure register uses).
      if (ref === 'trajectory') { set.allEntries = true; set.allTrajectories = true; }
      if (ref === 'documents') set.allDocuments = true;
    }
  }
  return set;
}

export function isShielded(set: ShieldSet, part: Part): boolean {
  if (set.whole) return true;
  switch (part.kind) {
    case 'field': return set.fields.has(part.field);
    case 'entry': return set.allEntries || set.entries.has(part.entryId) || (part.trajectoryId !== null && set.trajectories.has(part.trajectoryId));
    case 'document': return set.allDocuments || set.documents.has(part.documentId);
    case 'trajectory': return set.allTrajectories || set.trajectories.has(part.trajectoryId);
  }
}

export const specialFields: readonly ParticipantField[] = participantFieldNames.filter((f) => dataCategories[participantFields[f].category].special);

const NAME_FIELDS = ['firstName', 'lastNamePrefix', 'lastName'];

export interface SearchShields {
  /** Dossiers shielded as a whole from this user: they do not exist for them. */
  hidden: number[];
  /** Dossiers whose name, birth date or city this user may not see: never found by those. */
  name: number[]; birthDate: number[]; city: number[];
}

/**
 * For search and lists: which dossiers a colleague may not find, and by what. Decided before
 * matching and counting, so totals, paging and prefixes cannot betray a hidden dossier (R26).
 */
export function searchShieldsFor(sqlite: Sqlite, userId: number): SearchShields {
  const rows = prepared(sqlite, `SELECT DISTINCT s.participant_id AS p, s.target_kind AS kind, s.target_ref AS ref FROM shield_audiences a
    JOIN shields s ON s.id = a.shield_id WHERE a.kind = 'user' AND a.user_id = ? AND s.status = 'active' AND s.target_kind IN ('dossier', 'field', 'category')`)
    .all(userId) as { p: number; kind: string; ref: string | null }[];
  const out: SearchShields = { hidden: [], name: [], birthDate: [], city: [] };
  for (const { p, kind, ref } of rows) {
    if (kind === 'dossier') out.hidden.push(p);
    else if (kind === 'category' && ref === 'identity') { out.name.push(p); out.birthDate.push(p); }
    else if (kind === 'category' && ref === 'contact') out.city.push(p);
    else if (kind === 'field' && ref && NAME_FIELDS.includes(ref)) out.name.push(p);
    else if (kind === 'field' && ref === 'birthDate') out.birthDate.push(p);
    else if (kind === 'field' && ref === 'city') out.city.push(p);
  }
  return out;
}

/** Whether a dossier is shielded as a whole from this user (then it does not exist for them). */
export function hiddenFromUser(sqlite: Sqlite, participantId: number, userId: number): boolean {
  return prepared(sqlite, `SELECT 1 FROM shields s JOIN shield_audiences a ON a.shield_id = s.id
    WHERE s.participant_id = ? AND s.status = 'active' AND s.target_kind = 'dossier' AND a.kind = 'user' AND a.user_id = ?`).get(participantId, userId) !== undefined;
}
