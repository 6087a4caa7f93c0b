// Which basis covers a disclosure (R10, R12, R17): a mandate of this participant that shares with
// this recipient, for this purpose and every category of every item, valid and not withdrawn on
// the date; or a named legal duty; or an exception with written arguments, flagged for the
// privacy officer. Every refusal names its reason.
import { DomainError, domainError } from '../api/errors.ts';
import type { DataCategory } from '../api/categories.ts';
import { dataCategories } from '../api/categories.ts';
import { loadMandate, mandatesOf, mandateStateOn, readCategories, type MandateRow } from '../consent/index.ts';
import type { ConsentSettings } from '../policy/index.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { z } from 'zod';
import type { DisclosureRequest } from './contract.ts';

type Request = z.output<typeof DisclosureRequest>;

export interface Basis {
  kind: 'mandate' | 'legalDuty' | 'exception';
  mandateId: number | null;
  legalDuty: string | null;
  exceptionArguments: string | null;
  flagged: boolean;
}

export const purposeNl: Record<Request['purpose'], string> = {
  reintegration: 're-integratie', registration: 'aanmelding', indication: 'indicatie aanvragen',
  careCoordination: 'afstemming van hulpverlening', reporting: 'rapportage aan de opdrachtgever', other: 'ander doel',
};

/** Why this mandate does not cover the disclosure, or null when it does. */
export function mandateProblem(m: MandateRow, req: Request, categories: readonly DataCategory[]): DomainError | null {
  if (m.participantId !== req.participantId) return domainError('disclosure.mandateOtherParticipant');
  if (m.direction !== 'shareWith') return domainError('disclosure.mandateObtainOnly');
  const state = mandateStateOn(m, req.disclosedOn);
  if (state === 'withdrawn') return domainError('disclosure.mandateWithdrawn', { on: m.withdrawnOn! });
  if (state === 'notYetValid') return domainError('disclosure.mandateNotYetValid', { from: m.validFrom });
  if (state === 'expired') return domainError('disclosure.mandateExpired', { until: m.validUntil! });
  if (m.recipientId !== req.recipientId) return domainError('disclosure.mandateOtherRecipient', { recipient: m.recipientName });
  if (m.purpose !== req.purpose) return domainError('disclosure.mandateOtherPurpose', { purpose: purposeNl[m.purpose] });
  const covered = readCategories(m.categories);
  const missing = categories.find((c) => !covered.includes(c));
  if (missing) return domainError('disclosure.mandateCategory', { category: dataCategories[missing].nl });
  return null;
}

export function findBasis(sqlite: Sqlite, req: Request, categories: readonly DataCategory[], recipientName: string, consent: ConsentSettings): Basis {
  const none = { mandateId: null, legalDuty: null, exceptionArguments: null, flagged: false };
  switch (req.basis.kind) {
    case 'legalDuty':
      if (req.basis.duty.length < 5) throw domainError('disclosure.legalDutyRequired');
      return { ...none, kind: 'legalDuty', legalDuty: req.basis.duty };
    case 'exception':
      // R12: only with the arguments recorded in the dossier; the privacy officer reviews it.
      if (req.basis.arguments.length < consent.exceptionMinArguments) throw domainError('disclosure.argumentsRequired', { min: consent.exceptionMinArguments });
      return { ...none, kind: 'exception', exceptionArguments: req.basis.arguments, flagged: true };
    case 'mandate': {
      if (req.basis.mandateId !== null) {
        // Another participant's mandate is answered as one that does not exist: ids confirm nothing (issue 12).
        const mandate = sqlite.prepare('SELECT participant_id AS p FROM mandates WHERE id = ?').get(req.basis.mandateId) as { p: number } | undefined;
        if (!mandate || mandate.p !== req.participantId) throw domainError('mandate.notFound');
        const problem = mandateProblem(loadMandate(sqlite, req.basis.mandateId), req, categories);
        if (problem) throw problem;
        return { ...none, kind: 'mandate', mandateId: req.basis.mandateId };
      }
      const candidates = mandatesOf(sqlite, req.participantId).filter((m) => m.recipientId === req.recipientId && m.direction === 'shareWith');
      const covering = candidates.find((m) => mandateProblem(m, req, categories) === null);
      if (covering) return { ...none, kind: 'mandate', mandateId: covering.id };
      // The most recent mandate for this recipient explains best why nothing covers (R17: withdrawn).
      const nearest = candidates[0];
      if (nearest) throw mandateProblem(nearest, req, categories)!;
      throw domainError('disclosure.noBasis', { recipient: recipientName, purpose: purposeNl[req.purpose], date: req.disclosedOn });
    }
  }
}
