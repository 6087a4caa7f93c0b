// Reading the dates the schedule needs, for many dossiers at once: one query per table over the
// candidates, each served by an index (entries by participant and date, documents by participant
// and upload time), so the list does not open 100,000 dossiers one by one.
import { participantFields, type ParticipantField } from '../api/categories.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { FieldTerm } from '../policy/profile.ts';
import type { DossierFacts, FieldFacts, TrajectoryFact } from './schedule.ts';

/**
 * Which dossiers: the ones that can have an end date (closed, or deceased, R41) — an open dossier
 * of a living participant is never due — or the given ids.
 */
export type Scope = { kind: 'candidates' } | { kind: 'ids'; ids: readonly number[] };

function scopeSql(scope: Scope): { where: string; params: unknown[] } {
  return scope.kind === 'candidates'
    ? { where: "(p.status = 'closed' OR p.date_of_death IS NOT NULL)", params: [] }
    : { where: 'p.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(scope.ids)] };
}

interface ParticipantRow { participantId: number; dossierNumber: string; status: 'active' | 'closed'; createdAt: string; closedAt: string | null; dateOfDeath: string | null }

export function dossierFacts(sqlite: Sqlite, scope: Scope): DossierFacts[] {
  const { where, params: scopeParams } = scopeSql(scope);
  const rows = sqlite.prepare(`SELECT p.id AS participantId, p.dossier_number AS dossierNumber, p.status, p.created_at AS createdAt,
    p.closed_at AS closedAt, p.date_of_death AS dateOfDeath FROM participants p WHERE ${where} ORDER BY p.id`).all(...scopeParams) as ParticipantRow[];
  // The wide participant rows are read once; the other tables are reached by these ids.
  const cte = 'WITH c AS (SELECT value AS id FROM json_each(?))';
  const params = [JSON.stringify(rows.map((r) => r.participantId))];
  const byId = new Map<number, DossierFacts>(rows.map((r) => [r.participantId, { ...r, trajectories: [], lastEntryOn: null, lastDocumentAt: null }]));
  for (const t of sqlite.prepare(`${cte} SELECT t.participant_id AS p, t.id, t.type, t.end_date AS endDate, t.status FROM c JOIN trajectories t ON t.participant_id = c.id ORDER BY t.id`)
    .all(...params) as (TrajectoryFact & { p: number })[]) {
    byId.get(t.p)?.trajectories.push({ id: t.id, type: t.type, endDate: t.endDate, status: t.status });
  }
  for (const e of sqlite.prepare(`${cte} SELECT c.id AS p, (SELECT max(e.entry_date) FROM entries e WHERE e.participant_id = c.id) AS last FROM c`).all(...params) as { p: number; last: string | null }[]) {
    const f = byId.get(e.p);
    if (f) f.lastEntryOn = e.last;
  }
  for (const d of sqlite.prepare(`${cte} SELECT c.id AS p, (SELECT max(d.uploaded_at) FROM documents d WHERE d.participant_id = c.id) AS last FROM c`).all(...params) as { p: number; last: string | null }[]) {
    const f = byId.get(d.p);
    if (f) f.lastDocumentAt = d.last;
  }
  return [...byId.values()];
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface FieldValueFacts extends FieldFacts { participantId: number; dossierNumber: string; field: ParticipantField }

/**
 * Every dossier that holds a value for the term's field, with the dates its term can start from:
 * when the value was recorded (its last change in the history, else the dossier's creation), the
 * end of the last trajectory and the closing of the dossier.
 */
export function fieldValueFacts(sqlite: Sqlite, term: FieldTerm, participantId: number | null = null): FieldValueFacts[] {
  if (!Object.hasOwn(participantFields, term.field)) return []; // the profile's schema allows only these; never a column name from elsewhere
  const column = snake(term.field);
  const rows = sqlite.prepare(`SELECT p.id AS participantId, p.dossier_number AS dossierNumber, p.closed_at AS closedAt,
      coalesce((SELECT max(h.changed_at) FROM participant_history h WHERE h.participant_id = p.id AND h.field = ?), p.created_at) AS recordedAt,
      (SELECT max(t.end_date) FROM trajectories t WHERE t.participant_id = p.id AND t.status <> 'planned') AS lastTrajectoryEnd,
      EXISTS (SELECT 1 FROM trajectories t WHERE t.participant_id = p.id AND t.status <> 'planned' AND t.end_date IS NULL) AS running
    FROM participants p WHERE p."${column}" IS NOT NULL AND p."${column}" <> '' AND (? IS NULL OR p.id = ?) ORDER BY p.id`).all(term.field, participantId, participantId) as
    { participantId: number; dossierNumber: string; closedAt: string | null; recordedAt: string; lastTrajectoryEnd: string | null; running: number }[];
  return rows.map((r) => ({ ...r, field: term.field, trajectoryRunning: r.running === 1 }));
}
