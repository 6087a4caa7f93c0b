// The retention schedule (R40, R41, R43): when a dossier's term ends, computed from the policy
// profile and the dossier's own dates. Pure functions of plain facts; facts.ts reads them.
//
// The rule (also in docs/rules.md next to R40–R45):
// - A dossier that is still open, or has a trajectory that is still running (no end date or not
//   closed), has no end date: it is not due.
// - Each ended trajectory gives a term counted from its end date: UWV uwvYears, Wmo wmoYears, any
//   other type defaultYearsAfterLastContact. With trajectories, the dossier's regular term is the
//   latest of these.
// - Without an ended trajectory, the regular term is defaultYearsAfterLastContact after the last
//   contact. The last contact is shown for every dossier: the latest of the last journal entry,
//   the last document, the end of the last trajectory and the closing of the dossier.
//   Why last contact does not also extend the trajectory terms: the closing date (and the R42
//   journal entry written at closing) always lies on or after the last trajectory's end, so
//   "latest of trajectory and contact terms" would make every UWV or Wmo dossier 15 years and the
//   seven years of FT 4.5 a dead letter.
// - Deceased (R41): date of death + yearsAfterDeath (1), or the regular term when that is earlier;
//   this holds also while the dossier or a trajectory is still open.
// - Due on the day the term ends (today ≥ end date, Dutch calendar); a legal hold (R45) stops it.
import { addCalendarDays, addYears, amsterdamDate, type IsoDate } from '../calendar/index.ts';
import type { FieldTerm, PolicyProfile, Retention } from '../policy/profile.ts';

export const retentionBases = ['term', 'death', 'request'] as const;
export type RetentionBasis = (typeof retentionBases)[number];
export const contactSources = ['entry', 'document', 'trajectoryEnd', 'closed', 'opened'] as const;
export type ContactSource = (typeof contactSources)[number];
export const trajectoryTypes = ['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other'] as const;
export type TrajectoryType = (typeof trajectoryTypes)[number];
/** What set a dossier's term: the trajectory type of the latest trajectory term, or contact. */
export const termCategories = [...trajectoryTypes, 'contact'] as const;
export type TermCategory = (typeof termCategories)[number];

export interface TrajectoryFact { id: number; type: string; endDate: string | null; status?: string }

/** The dates of one dossier the schedule needs; instants are ISO timestamps, dates YYYY-MM-DD. */
export interface DossierFacts {
  participantId: number;
  dossierNumber: string;
  status: 'active' | 'closed';
  createdAt: string;
  closedAt: string | null;
  dateOfDeath: IsoDate | null;
  trajectories: TrajectoryFact[];
  lastEntryOn: IsoDate | null;
  lastDocumentAt: string | null;
}

export interface TrajectoryTerm { trajectoryId: number; type: string; endDate: string | null; years: number; until: IsoDate | null }

export interface DossierTerm {
  participantId: number;
  dossierNumber: string;
  /** Why there is no regular end date yet, if so. */
  open: 'dossierOpen' | 'trajectoryOpen' | null;
  lastContact: { on: IsoDate; source: ContactSource };
  perTrajectory: TrajectoryTerm[];
  /** The term without death: null while open. */
  regularUntil: IsoDate | null;
  deathUntil: IsoDate | null;
  /** The day the term ends (the dossier is due from that day), or null: not due. */
  until: IsoDate | null;
  basis: RetentionBasis | null;
  category: TermCategory;
  closedOn: IsoDate | null;
  openedOn: IsoDate;
}

function yearsFor(retention: Retention, type: string): number {
  return type === 'uwv' ? retention.uwvYears : type === 'wmo' ? retention.wmoYears : retention.defaultYearsAfterLastContact;
}

// A planned trajectory that never started (dossiers.close leaves those planned) neither runs nor
// sets a term. Any other without an end date runs (its term cannot be known yet); one with an end
// date counts from it (closing the dossier gives every active trajectory that day as its end).
const planned = (t: TrajectoryFact) => t.status === 'planned';
const running = (t: TrajectoryFact) => !planned(t) && t.endDate === null;

function latest<T extends string>(candidates: readonly (readonly [IsoDate | null, T])[]): readonly [IsoDate, T] | null {
  let best: readonly [IsoDate, T] | null = null;
  for (const [on, what] of candidates) if (on !== null && (best === null || on > best[0])) best = [on, what];
  return best;
}

/** Per trajectory, the end of its term counted from its end date (R40). */
export function trajectoryTerms(retention: Retention, trajectories: readonly TrajectoryFact[]): TrajectoryTerm[] {
  return trajectories.map((t) => {
    const years = yearsFor(retention, t.type);
    return { trajectoryId: t.id, type: t.type, endDate: t.endDate, years, until: running(t) || planned(t) || !t.endDate ? null : addYears(t.endDate, years) };
  });
}

/**
 * What the copy and the decision letters say about retention (R21, R35): the profile's terms per
 * trajectory. The one source for both, so the letter and the copy cannot differ.
 */
export function retentionTerms(profile: PolicyProfile, trajectories: readonly TrajectoryFact[]) {
  return { profile: profile.name, perTrajectory: trajectoryTerms(profile.retention, trajectories), defaultYearsAfterLastContact: profile.retention.defaultYearsAfterLastContact };
}

/** The latest contact with the participant, and where that date came from. */
export function lastContact(f: DossierFacts): { on: IsoDate; source: ContactSource } {
  const ends = f.trajectories.filter((t) => !planned(t)).map((t) => t.endDate).filter((d): d is string => d !== null).sort();
  // On a tie the first named wins: closing writes its own journal entry (R42) on the same day.
  const best = latest<ContactSource>([
    [f.closedAt ? amsterdamDate(f.closedAt) : null, 'closed'],
    [ends.at(-1) ?? null, 'trajectoryEnd'],
    [f.lastEntryOn, 'entry'],
    [f.lastDocumentAt ? amsterdamDate(f.lastDocumentAt) : null, 'document'],
  ]);
  return best ? { on: best[0], source: best[1] } : { on: amsterdamDate(f.createdAt), source: 'opened' };
}

/** The end of a dossier's term and what set it (R40, R41). */
export function dossierTerm(retention: Retention, f: DossierFacts): DossierTerm {
  const perTrajectory = trajectoryTerms(retention, f.trajectories);
  const contact = lastContact(f);
  const open = f.status !== 'closed' ? 'dossierOpen' : f.trajectories.some(running) ? 'trajectoryOpen' : null;
  let regular: readonly [IsoDate, TermCategory] | null = null;
  if (!open) {
    const ended = perTrajectory.filter((t) => t.until !== null);
    regular = ended.length > 0
      ? latest(ended.map((t) => [t.until, t.type as TermCategory] as const))
      : [addYears(contact.on, retention.defaultYearsAfterLastContact), 'contact'];
  }
  const deathUntil = f.dateOfDeath ? addYears(f.dateOfDeath, retention.yearsAfterDeath) : null;
  const byDeath = deathUntil !== null && (regular === null || deathUntil < regular[0]);
  const fallbackCategory = (perTrajectory.length > 0 ? latest(perTrajectory.map((t) => [t.endDate, t.type as TermCategory] as const))?.[1] : null) ?? 'contact';
  return {
    participantId: f.participantId, dossierNumber: f.dossierNumber, open, lastContact: contact, perTrajectory,
    regularUntil: regular?.[0] ?? null, deathUntil,
    until: byDeath ? deathUntil : regular?.[0] ?? null,
    basis: byDeath ? 'death' : regular ? 'term' : null,
    category: regular?.[1] ?? fallbackCategory,
    closedOn: f.closedAt ? amsterdamDate(f.closedAt) : null,
    openedOn: amsterdamDate(f.createdAt),
  };
}

export function isDue(term: Pick<DossierTerm, 'until'>, today: IsoDate): boolean {
  return term.until !== null && today >= term.until;
}

/** When a field's shorter term (R43) starts, from the facts of its dossier; null: not started. */
export interface FieldFacts { recordedAt: string; lastTrajectoryEnd: IsoDate | null; trajectoryRunning: boolean; closedAt: string | null }

export function fieldTermStart(term: FieldTerm, f: FieldFacts): IsoDate | null {
  switch (term.from) {
    case 'recorded': return amsterdamDate(f.recordedAt);
    case 'trajectoryEnd': return f.trajectoryRunning ? null : f.lastTrajectoryEnd;
    case 'dossierClosed': return f.closedAt ? amsterdamDate(f.closedAt) : null;
  }
}

/** The day a field value is due for erasure: recorded on day 0, due on day `days` (R43). */
export function fieldDueOn(term: FieldTerm, f: FieldFacts): IsoDate | null {
  const start = fieldTermStart(term, f);
  return start === null ? null : addCalendarDays(start, term.days);
}
