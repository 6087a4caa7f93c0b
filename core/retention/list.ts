// The destruction list (R40–R45): dossiers whose term has ended, and those ending within N weeks,
// with their hold, basis and last contact; and the field values whose shorter term has ended
// (R43). Dossier numbers and dates only: no name, no free text except a hold's reason.
import { addCalendarDays, type IsoDate } from '../calendar/index.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { PolicyProfile } from '../policy/profile.ts';
import type { ParticipantField } from '../api/categories.ts';
import { listLens } from '../access/view.ts';
import type { Ctx } from '../router/context.ts';
import { dossierFacts, fieldValueFacts, type Scope } from './facts.ts';
import { activeHolds, type HoldView } from './holds.ts';
import { dossierTerm, fieldDueOn, isDue, type DossierTerm, type RetentionBasis, type TermCategory } from './schedule.ts';

export interface ListFilter { withinWeeks: number; basis?: RetentionBasis; category?: TermCategory; held: 'include' | 'exclude' | 'only' }

export interface ListRow {
  participantId: number; dossierNumber: string; termEndsOn: IsoDate; due: boolean; basis: RetentionBasis; category: TermCategory;
  lastContact: DossierTerm['lastContact']; closedOn: IsoDate | null; openedOn: IsoDate;
  hold: Pick<HoldView, 'id' | 'reason' | 'untilDate' | 'placedBy' | 'placedAt'> | null;
  batchId: number | null;
}

export interface FieldRow { participantId: number; dossierNumber: string; field: ParticipantField; startsOn: IsoDate; dueOn: IsoDate; held: boolean }

/** A read lens: which dossiers and fields the caller may not know of (core/access listLens). */
export interface Lens { hidden(participantId: number): boolean; field(participantId: number, field: ParticipantField): boolean }

/** The read model's list lens as the retention outputs use it: hidden dossiers, shielded fields (R26). */
export function retentionLens(ctx: Ctx): Lens {
  const lens = listLens(ctx);
  return { hidden: lens.hidden, field: (p, field) => lens.part(p, { kind: 'field', field }) };
}
const openLens: Lens = { hidden: () => false, field: () => false };

/** Dossiers in a batch that is still pending (proposed or approved, not executed or cancelled). */
export function pendingBatchOf(sqlite: Sqlite): Map<number, number> {
  const rows = sqlite.prepare(`SELECT i.participant_id AS p, i.batch_id AS b FROM retention_batch_items i JOIN retention_batches b ON b.id = i.batch_id
    WHERE b.status IN ('proposed', 'approved') AND i.outcome IS NULL`).all() as { p: number; b: number }[];
  return new Map(rows.map((r) => [r.p, r.b]));
}

export function termsOf(sqlite: Sqlite, profile: PolicyProfile, scope: Scope): DossierTerm[] {
  return dossierFacts(sqlite, scope).map((f) => dossierTerm(profile.retention, f));
}

export function destructionList(sqlite: Sqlite, profile: PolicyProfile, today: IsoDate, filter: ListFilter, lens: Lens = openLens) {
  const horizon = addCalendarDays(today, filter.withinWeeks * 7);
  const holds = activeHolds(sqlite, today);
  const batches = pendingBatchOf(sqlite);
  const all: ListRow[] = [];
  for (const t of termsOf(sqlite, profile, { kind: 'candidates' })) {
    if (t.until === null || t.basis === null || t.until > horizon || lens.hidden(t.participantId)) continue;
    const h = holds.get(t.participantId);
    all.push({
      participantId: t.participantId, dossierNumber: t.dossierNumber, termEndsOn: t.until, due: isDue(t, today) && !h, basis: t.basis, category: t.category,
      lastContact: t.lastContact, closedOn: t.closedOn, openedOn: t.openedOn,
      hold: h ? { id: h.id, reason: h.reason, untilDate: h.untilDate, placedBy: h.placedBy, placedAt: h.placedAt } : null,
      batchId: batches.get(t.participantId) ?? null,
    });
  }
  const rows = all.filter((r) => (!filter.basis || r.basis === filter.basis) && (!filter.category || r.category === filter.category)
    && (filter.held === 'include' || (filter.held === 'only') === (r.hold !== null)))
    .sort((a, b) => (a.termEndsOn < b.termEndsOn ? -1 : a.termEndsOn > b.termEndsOn ? 1 : a.participantId - b.participantId));
  const fields = dueFieldValues(sqlite, profile, today, lens, holds);
  return {
    today, horizon, rows, fields,
    counts: {
      due: rows.filter((r) => r.due).length,
      upcoming: rows.filter((r) => r.termEndsOn > today).length,
      held: rows.filter((r) => r.hold !== null).length,
      inBatch: rows.filter((r) => r.batchId !== null).length,
      fieldValuesDue: fields.length,
    },
  };
}
export type DestructionList = ReturnType<typeof destructionList>;

/** Field values whose own term (R43) has ended on `today`; a held dossier keeps them too. */
export function dueFieldValues(sqlite: Sqlite, profile: PolicyProfile, today: IsoDate, lens: Lens = openLens, holds = activeHolds(sqlite, today), participantId: number | null = null, horizon = today): FieldRow[] {
  const out: FieldRow[] = [];
  for (const term of profile.retention.fieldTerms) {
    for (const f of fieldValueFacts(sqlite, term, participantId)) {
      const dueOn = fieldDueOn(term, f);
      if (dueOn === null || horizon < dueOn || lens.hidden(f.participantId) || lens.field(f.participantId, f.field)) continue;
      out.push({ participantId: f.participantId, dossierNumber: f.dossierNumber, field: f.field, startsOn: addCalendarDays(dueOn, -term.days), dueOn, held: holds.has(f.participantId) });
    }
  }
  return out;
}

const BASIS_NL: Record<RetentionBasis, string> = { term: 'bewaartermijn', death: 'overlijden', request: 'verzoek' };
const SOURCE_NL: Record<string, string> = { entry: 'journaal', document: 'document', trajectoryEnd: 'einde traject', closed: 'afsluiting dossier', opened: 'opening dossier' };
const ddmmyyyy = (d: string | null) => (d ? `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}` : '');

/** The list as CSV for a spreadsheet: numbers, dates and codes only, never a hold's reason (no free text). */
export function destructionCsv(list: DestructionList): string {
  const head = ['dossiernummer', 'einde_termijn', 'aan_de_beurt', 'grond', 'categorie', 'laatste_contact', 'bron_laatste_contact', 'afgesloten', 'bewaarplicht_tot', 'batch'];
  const lines = list.rows.map((r) => [
    r.dossierNumber, ddmmyyyy(r.termEndsOn), r.due ? 'ja' : 'nee', BASIS_NL[r.basis], r.category, ddmmyyyy(r.lastContact.on), SOURCE_NL[r.lastContact.source] ?? r.lastContact.source,
    ddmmyyyy(r.closedOn), r.hold ? (r.hold.untilDate ? ddmmyyyy(r.hold.untilDate) : 'onbepaald') : '', r.batchId ?? '',
  ]);
  // Every cell is a number, a date or a code, so none needs quoting; the separator is the Dutch one.
  return `${[head, ...lines].map((l) => l.join(';')).join('\r\n')}\r\n`;
}
