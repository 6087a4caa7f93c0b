// The words for the retention codes (R40–R45), shared by the page and the dossier's term line.
import type { TFunction } from 'i18next';
// Types from the contract itself, not the client: this file is also read by node tests (no DOM).
import type { ApiContract } from '../../../core/contract.ts';
import type { OutputOf } from '../../../core/api/operation.ts';
import { formatDate } from '../../components/format.ts';

type Out<N extends keyof ApiContract & string> = OutputOf<ApiContract, N>;
export type DossierTerm = Out<'retention.term'>;
export type Batch = Out<'retention.batches'>[number];
export type Hold = Out<'retention.holds'>[number];

/** What set a term: a trajectory type ("UWV re-integratie") or the last contact. */
export function categoryText(t: TFunction, category: string): string {
  return category === 'contact' ? t('retention.category.contact') : t(`trajectoryType.${category}`);
}

export function basisText(t: TFunction, basis: string): string {
  return t(`retention.basis.${basis}`);
}

export function lastContactText(t: TFunction, c: { on: string; source: string }): string {
  return t('retention.term.lastContact', { date: formatDate(c.on), source: t(`retention.source.${c.source}`) });
}

/**
 * Why the term ends when it does, in words: "7 jaar na einde traject UWV", or null when the dossier
 * has no end date yet. The trajectory is the one whose term is the dossier's (schedule.ts: the latest).
 */
export function termReason(t: TFunction, term: DossierTerm): string | null {
  if (term.until === null) return null;
  if (term.basis === 'death') return t('retention.term.becauseDeath');
  if (term.basis === 'request') return t('retention.term.becauseRequest');
  if (term.category === 'contact') {
    return t('retention.term.becauseContact', { years: Number(term.until.slice(0, 4)) - Number(term.lastContact.on.slice(0, 4)) });
  }
  const trajectory = term.perTrajectory.find((p) => p.until === term.regularUntil);
  return trajectory ? t('retention.term.becauseTrajectory', { years: trajectory.years, type: t(`retention.typeShort.${trajectory.type}`) }) : null;
}
