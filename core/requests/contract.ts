// Data-subject requests from intake to decision (R20–R24, R27, R28, R31–R35) and the
// organisation's policy profile as settings (R50). No operation here returns dossier content
// (entries, fields, documents) before the requester's identity is verified (R20, R33).
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id, IsoDate, ShortText } from '../api/schemas.ts';
import { PolicyProfile, RequestType, presetNames } from '../policy/profile.ts';
import { Channel, DossierTarget, ParticipantFieldName } from '../statements/contract.ts';
import { Dossier } from '../dossiers/contract.ts';

export { RequestType };
export const RequestStatus = z.enum(['received', 'identityVerified', 'thirdPartiesConsulted', 'decided', 'carriedOut', 'closed']);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const RequestOutcome = z.enum(['granted', 'partlyGranted', 'refused']);
export const CorrectionGround = z.enum(['incorrect', 'incomplete', 'irrelevant', 'unlawful']); // FT 4.4b
/** Why data is erased (R28, FT 4.4d; AVG art. 17(1)): consent withdrawn, objection, unlawful, irrelevant, a legal duty. */
export const ErasureGround = z.enum(['consentWithdrawn', 'objection', 'unlawful', 'irrelevant', 'legalDuty']);
/** The ground stored with a requested change: a correction's or an erasure's (the service checks which fits the type). */
export const ChangeGround = z.enum([...CorrectionGround.options, 'consentWithdrawn', 'objection', 'legalDuty']);
/** How identity was established (R33): with data comparable to the first identification. */
export const IdentityMethod = z.enum(['idDocumentInPerson', 'idDocumentCopy', 'knownDetails', 'callbackKnownNumber']);
/** The grounds on which the board may make an exception to a right (FT 4.4f, R32). */
export const ExceptionGround = z.enum(['stateSecurity', 'crimePrevention', 'economicInterests', 'supervision', 'protectionOfOthers']);
export const ConsultationAnswer = z.enum(['pending', 'agreed', 'objected', 'unreachable']);
export const NotificationStatus = z.enum(['open', 'sent', 'notPossible']);
export const LetterKind = z.enum(['acknowledgement', 'decision', 'extension']);
export const Urgency = z.enum(['overdue', 'dueSoon', 'onTrack', 'answered']);

const Reasons = z.string().trim().min(10).max(5000);
const nullish = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? null);

/**
 * What a correction asks to change (R23): a participant field or a journal entry, with the new
 * value. What a verwijdering asks to erase (R28): a field, an entry or a document, without a
 * value; or the whole dossier, to be forgotten (R29: target 'dossier', the only item). Which
 * targets, grounds and values fit which request type is checked by the service.
 */
export const RequestedChange = z.discriminatedUnion('target', [
  z.object({ target: z.literal('field'), field: ParticipantFieldName, proposedValue: nullish(z.string().trim().max(20_000)), ground: ChangeGround }).strict(),
  z.object({ target: z.literal('entry'), entryId: Id, proposedTitle: nullish(ShortText), proposedValue: nullish(z.string().trim().min(1).max(100_000)), ground: ChangeGround }).strict(),
  z.object({ target: z.literal('document'), documentId: Id, ground: ErasureGround }).strict(),
  z.object({ target: z.literal('dossier'), ground: ErasureGround }).strict(),
]);

export const RequestSummary = z.object({
  id: Id,
  participantId: Id,
  dossierNumber: z.string(),
  participantName: z.string(),
  type: RequestType,
  requesterKind: z.enum(['participant', 'representative']),
  representativeName: z.string().nullable(),
  representativeRelation: z.string().nullable(),
  channel: Channel,
  receivedOn: z.string(),
  description: z.string(),
  handlerId: Id,
  handlerName: z.string(),
  status: RequestStatus,
  dueOn: z.string(),
  statutoryMaxOn: z.string(),
  policyName: z.string(),
  extendedTo: z.string().nullable(),
  extensionReason: z.string().nullable(),
  extensionNoticeOn: z.string().nullable(),
  identityMethod: IdentityMethod.nullable(),
  identityCheckedAgainst: z.string().nullable(),
  identityVerifiedBy: z.string().nullable(),
  identityVerifiedOn: z.string().nullable(),
  outcome: RequestOutcome.nullable(),
  reasons: z.string().nullable(),
  exception: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedOn: z.string().nullable(),
  carriedOutOn: z.string().nullable(),
  carriedOutNote: z.string().nullable(),
  closedOn: z.string().nullable(),
  createdAt: z.string(),
});

export const Change = z.object({
  id: Id,
  target: z.enum(['field', 'entry', 'document', 'dossier']),
  field: z.string().nullable(),
  entryId: Id.nullable(),
  documentId: Id.nullable(),
  proposedValue: z.string().nullable(),
  proposedTitle: z.string().nullable(),
  ground: ChangeGround,
  accepted: z.boolean().nullable(),
  appliedAt: z.string().nullable(),
  /** The value in the dossier now; null until identity is verified (R33). */
  current: z.string().nullable(),
});

export const Consultation = z.object({
  id: Id, thirdParty: z.string(), targets: z.array(DossierTarget), askedOn: z.string(), askedBy: z.string(),
  answer: ConsultationAnswer, answeredOn: z.string().nullable(), withhold: z.boolean(), note: z.string().nullable(),
});
export const BoardDecision = z.object({ id: Id, ground: ExceptionGround, decision: z.string(), decidedOn: z.string(), decidedBy: z.string() });
export const Notification = z.object({
  id: Id, recipientId: Id.nullable(), recipientName: z.string(), disclosureIds: z.array(Id), letter: z.string(),
  status: NotificationStatus, reason: z.string().nullable(), createdAt: z.string(), handledAt: z.string().nullable(), handledBy: z.string().nullable(),
});
export const Action = z.enum(['verifyIdentity', 'consult', 'decide', 'extend', 'carryOut', 'close']);

export const RequestDetail = z.object({
  request: RequestSummary,
  changes: z.array(Change),
  consultations: z.array(Consultation),
  boardDecisions: z.array(BoardDecision),
  notifications: z.array(Notification),
  /** What may be done next from this status: the screen's buttons (invalid ones are refused anyway). */
  actions: z.array(Action),
  workingDaysLeft: z.number().int(),
  urgency: Urgency,
});

/** What carrying out a verwijdering removed (R28) or whether it anonymised the dossier (R29), and the WAL checkpoint after it. */
export const Erasure = z.object({
  anonymised: z.boolean(),
  fields: z.array(z.string()),
  entryIds: z.array(Id),
  documentIds: z.array(Id),
  /** Rows removed or blanked per table. */
  rows: z.record(z.string(), z.number().int()),
  /** Chain-format-1 audit reasons that could not be erased (docs/security.md). */
  auditReasonsKept: z.number().int(),
  /** wal_checkpoint(TRUNCATE) after the transaction; clean false: a reader held the WAL, old frames may remain until the next clean checkpoint. */
  checkpoint: z.object({ busy: z.number().int(), log: z.number().int(), checkpointed: z.number().int(), clean: z.boolean() }),
});

export const DashboardRow = RequestSummary.pick({
  id: true, participantId: true, dossierNumber: true, participantName: true, type: true, status: true, receivedOn: true,
  dueOn: true, statutoryMaxOn: true, handlerId: true, handlerName: true, extendedTo: true,
}).extend({ workingDaysLeft: z.number().int(), urgency: Urgency });

// place: the organisation's place for the date line of letters ("Utrecht, 2 december 2026").
export const PolicySettings = z.object({ preset: z.enum(presetNames), profile: PolicyProfile, customised: z.boolean(), place: z.string().nullable() });

const ByRequest = z.object({ requestId: Id }).strict();

export const requestsContract = contract(
  operation({
    name: 'requests.intake', permission: 'requests.handle', audit: 'write',
    input: z.object({
      participantId: Id,
      type: RequestType,
      requester: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('participant') }).strict(),
        z.object({ kind: z.literal('representative'), name: ShortText, relation: ShortText }).strict(), // R20
      ]),
      channel: Channel,
      receivedOn: IsoDate,
      description: z.string().trim().min(3).max(5000),
      handlerId: nullish(Id),
      changes: z.array(RequestedChange).max(50).default([]),
    }).strict(),
    output: RequestDetail,
  }),
  operation({ name: 'requests.get', permission: 'requests.read', audit: 'read', input: ByRequest, output: RequestDetail }),
  operation({
    name: 'requests.list', permission: 'requests.read', audit: 'read',
    input: z.object({
      participantId: Id.optional(),
      open: z.boolean().default(true),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(DashboardRow) }),
  }),
  operation({
    name: 'requests.dashboard', permission: 'requests.read', audit: 'read',
    input: z.object({}).strict(),
    output: z.object({
      today: z.string(),
      rows: z.array(DashboardRow),
      byType: z.array(z.object({ type: RequestType, open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() })),
      byHandler: z.array(z.object({ handlerId: Id, handlerName: z.string(), open: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() })),
    }),
  }),
  operation({
    name: 'requests.handlers', permission: 'requests.handle', audit: 'none',
    input: z.object({}).strict(),
    output: z.array(z.object({ userId: Id, displayName: z.string() })),
  }),
  operation({ name: 'requests.assign', permission: 'requests.handle', audit: 'write', input: z.object({ requestId: Id, handlerId: Id }).strict(), output: RequestDetail }),
  operation({
    name: 'requests.verifyIdentity', permission: 'requests.handle', audit: 'write',
    input: z.object({ requestId: Id, method: IdentityMethod, checkedAgainst: z.string().trim().min(3).max(1000), verifiedOn: IsoDate }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.content', permission: 'requests.handle', audit: 'read',
    input: ByRequest,
    output: z.object({ requestId: Id, dossier: Dossier, withheld: z.array(DossierTarget) }),
  }),
  operation({
    name: 'requests.consult', permission: 'requests.handle', audit: 'write',
    input: z.object({
      requestId: Id, thirdParty: ShortText, targets: z.array(DossierTarget).min(1).max(50), askedOn: IsoDate,
      answer: ConsultationAnswer.default('pending'), withhold: z.boolean().default(false), note: nullish(z.string().trim().max(2000)),
    }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.answerConsultation', permission: 'requests.handle', audit: 'write',
    input: z.object({ consultationId: Id, answer: ConsultationAnswer.exclude(['pending']), answeredOn: IsoDate, withhold: z.boolean(), note: nullish(z.string().trim().max(2000)) }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.boardDecision', permission: 'requests.boardDecide', audit: 'write',
    input: z.object({ requestId: Id, ground: ExceptionGround, decision: Reasons, decidedOn: IsoDate }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.decide', permission: 'requests.handle', audit: 'write',
    input: z.object({
      requestId: Id,
      outcome: RequestOutcome,
      reasons: nullish(z.string().trim().max(5000)),
      exception: z.boolean().default(false),
      changeDecisions: z.array(z.object({ changeId: Id, accepted: z.boolean() }).strict()).max(50).default([]),
    }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.extend', permission: 'requests.handle', audit: 'write',
    input: z.object({ requestId: Id, reason: Reasons, noticeOn: IsoDate, extendedTo: IsoDate }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.recipientsToNotify', permission: 'requests.handle', audit: 'read',
    input: ByRequest,
    output: z.object({ available: z.boolean(), recipients: z.array(z.object({ recipientId: Id.nullable(), recipientName: z.string(), disclosureIds: z.array(Id), disclosedOn: z.array(z.string()) })) }),
  }),
  // Asynchronous because a carried-out verwijdering (R28, R29) checkpoints the WAL after its
  // transaction has committed; the checkpoint's result is part of the answer, never hidden.
  operation({
    name: 'requests.carryOut', permission: 'requests.handle', audit: 'write', async: true,
    input: z.object({ requestId: Id, note: nullish(z.string().trim().max(2000)) }).strict(),
    output: RequestDetail.extend({ erasure: Erasure.nullable() }),
  }),
  operation({ name: 'requests.close', permission: 'requests.handle', audit: 'write', input: ByRequest, output: RequestDetail }),
  operation({
    name: 'requests.markNotification', permission: 'requests.handle', audit: 'write',
    input: z.object({ notificationId: Id, status: NotificationStatus.exclude(['open']), reason: nullish(z.string().trim().max(2000)) }).strict(),
    output: RequestDetail,
  }),
  operation({
    name: 'requests.letter', permission: 'requests.read', audit: 'read',
    input: z.object({ requestId: Id, kind: LetterKind }).strict(),
    output: z.object({ kind: LetterKind, subject: z.string(), body: z.string() }),
  }),
  // The same letter as a PDF to print and post (issue 13): no name in the file name.
  operation({
    name: 'requests.letterPdf', permission: 'requests.read', audit: 'read', async: true,
    input: z.object({ requestId: Id, kind: LetterKind }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.literal('application/pdf'), contentBase64: z.string() }),
  }),
  operation({ name: 'policy.get', permission: 'policy.manage', audit: 'none', input: z.object({}).strict(), output: PolicySettings }),
  operation({
    name: 'policy.update', permission: 'policy.manage', audit: 'write',
    input: z.object({ preset: z.enum(presetNames).optional(), profile: PolicyProfile.nullish(), place: z.string().trim().max(100).nullish() }).strict(),
    output: PolicySettings,
  }),
);
