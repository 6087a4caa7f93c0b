// Anonymised statistics (R16, FT 4.3c, MEE 5): counts only, no participant can be singled out.
// Cells below the threshold, and cells that would give one back from a row or column total, are
// suppressed (null; "x" in the CSV); special-category data and
// identifying values (names, dates of birth, addresses, commissioners, recipient names) are never used.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { BasisKind } from '../disclosures/contract.ts';
import { Direction, MandateState } from '../consent/contract.ts';
import { RecipientKind } from '../recipients/contract.ts';
import { TrajectoryStatus, TrajectoryType } from '../dossiers/contract.ts';

/** A count, or null when it lies below the threshold or would give such a count back (secondary suppression). */
const Cell = z.number().int().min(0).nullable();

export const StatisticsInput = z.object({
  /** Defaults to the policy profile's threshold (5). */
  threshold: z.number().int().min(2).max(100).optional(),
  fromYear: z.number().int().min(1900).max(2200).optional(),
  toYear: z.number().int().min(1900).max(2200).optional(),
}).strict();

export const Statistics = z.object({
  threshold: z.number().int(),
  generatedOn: z.string(),
  trajectories: z.array(z.object({ type: TrajectoryType, status: TrajectoryStatus, year: z.number().int(), count: Cell })),
  mandates: z.array(z.object({ direction: Direction, givenHow: z.enum(['signedForm', 'oral']), state: MandateState, count: Cell })),
  disclosures: z.array(z.object({ basis: BasisKind, recipientKind: RecipientKind, year: z.number().int(), count: Cell })),
});

export const statisticsContract = contract(
  operation({ name: 'statistics.get', permission: 'statistics.read', audit: 'read', input: StatisticsInput, output: Statistics }),
  operation({
    name: 'statistics.csv', permission: 'statistics.read', audit: 'read',
    input: StatisticsInput,
    output: z.object({ fileName: z.string(), csv: z.string() }),
  }),
);
