// Mandates (machtigingen, R10, R11, R17), objections to disclosure (verzet, R27) and
// Verwijsindex registrations (R13), per participant, with an organisation-wide overview.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { dataCategoryNames, type DataCategory } from '../api/categories.ts';
import { Id, IsoDate, OptionalShortText } from '../api/schemas.ts';
import { RecipientKind } from '../recipients/contract.ts';

export const DataCategoryName = z.enum(dataCategoryNames as [DataCategory, ...DataCategory[]]);
/** A set of categories: at least one, each once. */
export const DataCategories = z.array(DataCategoryName).min(1).max(dataCategoryNames.length)
  .refine((c) => new Set(c).size === c.length, 'elke categorie één keer');

/** Why data is shared or obtained; a mandate covers one purpose (MEE 7: aanmelden, indicatie aanvragen). */
export const Purpose = z.enum(['reintegration', 'registration', 'indication', 'careCoordination', 'reporting', 'other']);
export type Purpose = z.infer<typeof Purpose>;
export const Direction = z.enum(['shareWith', 'obtainFrom']);
export const WithdrawalChannel = z.enum(['oral', 'letter', 'email', 'inPerson']);
export const MandateState = z.enum(['active', 'notYetValid', 'expired', 'withdrawn']);

const Note = z.string().trim().max(2000).nullish().transform((v) => (v ? v : null));

export const Mandate = z.object({
  id: Id,
  participantId: Id,
  direction: Direction,
  recipientId: Id,
  recipientName: z.string(),
  recipientKind: RecipientKind,
  purpose: Purpose,
  purposeNote: z.string().nullable(),
  categories: z.array(DataCategoryName),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  givenHow: z.enum(['signedForm', 'oral']),
  documentId: Id.nullable(),
  documentName: z.string().nullable(),
  oralNote: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnHow: WithdrawalChannel.nullable(),
  withdrawalNote: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  state: MandateState,
  /** Calendar days until validUntil while active; null when open-ended or not active. */
  daysLeft: z.number().int().nullable(),
});
export type Mandate = z.infer<typeof Mandate>;

export const MandateOverviewRow = Mandate.extend({ participantName: z.string(), dossierNumber: z.string() });

export const Objection = z.object({
  id: Id,
  participantId: Id,
  requestId: Id.nullable(),
  recipients: z.array(z.object({ recipientId: Id, name: z.string() })),
  circumstances: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  policyName: z.string(),
  status: z.enum(['pending', 'upheld', 'rejected']),
  reasons: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  overdue: z.boolean(),
});

export const VerwijsindexRegistration = z.object({
  id: Id,
  participantId: Id,
  registeredOn: z.string(),
  ageAtRegistration: z.number().int(),
  signalReason: z.string(),
  registeredBy: z.string(),
  recordedAt: z.string(),
  objectedOn: z.string().nullable(),
  objectionNote: z.string().nullable(),
  objectionOutcome: z.enum(['pending', 'upheld', 'rejected']).nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  active: z.boolean(),
});

const ByParticipant = z.object({ participantId: Id }).strict();

export const ConsentFormSettings = z.object({ oralConsentAllowed: z.boolean(), exceptionMinArguments: z.number().int() });

export const consentContract = contract(
  // What the consent forms need from the policy (R10, R12), readable by whoever records consent.
  operation({ name: 'consent.settings', permission: 'consent.record', audit: 'none', input: z.object({}).strict(), output: ConsentFormSettings }),
  operation({
    name: 'mandates.record', permission: 'consent.record', audit: 'write',
    input: z.object({
      participantId: Id,
      direction: Direction,
      recipientId: Id,
      purpose: Purpose,
      purposeNote: OptionalShortText,
      categories: DataCategories,
      validFrom: IsoDate,
      validUntil: IsoDate.nullish().transform((v) => v ?? null),
      given: z.discriminatedUnion('how', [
        z.object({ how: z.literal('signedForm'), documentId: Id }).strict(),
        z.object({ how: z.literal('oral'), note: z.string().trim().max(2000) }).strict(),
      ]),
    }).strict(),
    output: Mandate,
  }),
  operation({
    name: 'mandates.withdraw', permission: 'consent.record', audit: 'write',
    input: z.object({ mandateId: Id, withdrawnOn: IsoDate, how: WithdrawalChannel, note: Note }).strict(),
    output: Mandate,
  }),
  operation({ name: 'mandates.list', permission: 'dossier.read', audit: 'read', input: ByParticipant, output: z.array(Mandate) }),
  operation({
    name: 'mandates.overview', permission: 'consent.register', audit: 'read',
    input: z.object({ expiringWithinDays: z.number().int().min(1).max(365).default(30) }).strict(),
    output: z.object({ today: z.string(), active: z.array(MandateOverviewRow), expiring: z.array(MandateOverviewRow), withdrawn: z.array(MandateOverviewRow) }),
  }),

  operation({
    name: 'objections.record', permission: 'requests.handle', audit: 'write',
    input: z.object({
      participantId: Id,
      requestId: Id.nullish().transform((v) => v ?? null),
      recipientIds: z.array(Id).min(1).max(20).refine((ids) => new Set(ids).size === ids.length, 'elke ontvanger één keer'),
      circumstances: z.string().trim().min(10).max(5000),
      receivedOn: IsoDate,
    }).strict(),
    output: Objection,
  }),
  operation({
    name: 'objections.decide', permission: 'requests.handle', audit: 'write',
    input: z.object({ objectionId: Id, outcome: z.enum(['upheld', 'rejected']), reasons: z.string().trim().max(5000), decidedOn: IsoDate }).strict(),
    output: Objection,
  }),
  operation({ name: 'objections.list', permission: 'dossier.read', audit: 'read', input: ByParticipant, output: z.array(Objection) }),

  operation({
    name: 'verwijsindex.register', permission: 'consent.record', audit: 'write',
    input: z.object({ participantId: Id, registeredOn: IsoDate, signalReason: z.string().trim().min(10).max(2000) }).strict(),
    output: VerwijsindexRegistration,
  }),
  operation({
    name: 'verwijsindex.recordObjection', permission: 'consent.record', audit: 'write',
    input: z.object({
      registrationId: Id, objectedOn: IsoDate, note: z.string().trim().min(5).max(2000),
      outcome: z.enum(['pending', 'upheld', 'rejected']).default('pending'),
    }).strict(),
    output: VerwijsindexRegistration,
  }),
  operation({
    name: 'verwijsindex.end', permission: 'consent.record', audit: 'write',
    input: z.object({ registrationId: Id, endedOn: IsoDate, reason: z.string().trim().min(5).max(2000) }).strict(),
    output: VerwijsindexRegistration,
  }),
  operation({ name: 'verwijsindex.list', permission: 'dossier.read', audit: 'read', input: ByParticipant, output: z.array(VerwijsindexRegistration) }),
);
