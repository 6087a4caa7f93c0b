import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Email, Id, IsoDate, LongText, OptionalLongText, OptionalShortText, Phone, Postcode, ShortText } from '../api/schemas.ts';
import { AccessBasis } from '../access/contract.ts';
import { OwnStatement } from '../statements/contract.ts';
import { Restriction } from '../restriction/contract.ts';

export const TrajectoryType = z.enum(['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other']);
export const TrajectoryStatus = z.enum(['planned', 'active', 'closed']);
export const EntryKind = z.enum(['note', 'conversation', 'report']);
// consentForm: a signed consent form (machtiging, R10), so it need not be filed as 'other'.
export const DocumentKind = z.enum(['cv', 'idCopy', 'consentForm', 'actionPlan', 'report', 'conversationReport', 'other']);
export const DataSource = z.enum(['participant', 'commissioner']);
export const Gender = z.enum(['female', 'male', 'other', 'unknown']);

/** Documents above this size are refused with a clear message. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

const nullable = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? null);

/** The editable participant fields; each is listed with its category in core/api/categories.ts. */
export const ParticipantFieldsInput = z.object({
  firstName: ShortText,
  lastNamePrefix: OptionalShortText,
  lastName: ShortText,
  birthDate: nullable(IsoDate),
  gender: nullable(Gender),
  street: OptionalShortText,
  houseNumber: z.string().trim().max(20).nullish().transform((v) => (v ? v : null)),
  postcode: nullable(Postcode),
  city: OptionalShortText,
  phone: nullable(Phone),
  email: nullable(Email),
  livingSituation: OptionalLongText,
  familySituation: OptionalLongText,
  financialSituation: OptionalLongText,
  workHistory: OptionalLongText,
  workCapabilities: OptionalLongText,
  medicalNotes: OptionalLongText,
  disability: OptionalLongText,
}).strict();

export const CreateParticipantInput = ParticipantFieldsInput.extend({
  phoneSecret: z.boolean().default(false),
  emailSecret: z.boolean().default(false),
  source: DataSource,
  sourceNote: OptionalShortText,
}).strict();

export const Participant = z.object({
  id: Id,
  dossierNumber: z.string(),
  firstName: z.string(), lastNamePrefix: z.string().nullable(), lastName: z.string(),
  birthDate: z.string().nullable(), gender: z.string().nullable(),
  street: z.string().nullable(), houseNumber: z.string().nullable(), postcode: z.string().nullable(), city: z.string().nullable(),
  phone: z.string().nullable(), email: z.string().nullable(),
  phoneSecret: z.boolean(), emailSecret: z.boolean(),
  livingSituation: z.string().nullable(), familySituation: z.string().nullable(), financialSituation: z.string().nullable(),
  workHistory: z.string().nullable(), workCapabilities: z.string().nullable(),
  medicalNotes: z.string().nullable(), disability: z.string().nullable(),
  source: DataSource, sourceNote: z.string().nullable(),
  dateOfDeath: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(), updatedAt: z.string(), closedAt: z.string().nullable(),
});

export const Trajectory = z.object({
  id: Id, participantId: Id, type: TrajectoryType, commissioner: z.string(), startDate: z.string(),
  endDate: z.string().nullable(), status: TrajectoryStatus, description: z.string().nullable(), shielded: z.boolean().optional(),
});
export const Entry = z.object({
  id: Id, participantId: Id, trajectoryId: Id.nullable(), kind: EntryKind, entryDate: z.string(), title: z.string(),
  body: z.string(), authorId: Id, authorName: z.string(), createdAt: z.string(), updatedAt: z.string(), edited: z.boolean(),
  /** Own statements about this entry (R25) and whether its processing is restricted (R30); set by view filters. */
  ownStatementIds: z.array(Id).optional(), restricted: z.boolean().optional(),
  /** Shielded from someone else (R26): marked for those who may still see it. */
  shielded: z.boolean().optional(),
});
export const DocumentMeta = z.object({
  id: Id, participantId: Id, kind: DocumentKind, fileName: z.string(), mimeType: z.string(), size: z.number().int(),
  sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string(), shielded: z.boolean().optional(),
});
export const ListRow = z.object({
  participantId: Id, dossierNumber: z.string(), displayName: z.string().nullable(), birthDate: z.string().nullable(),
  city: z.string().nullable(), status: z.enum(['active', 'closed']),
  /** 'needsReason': outside the caseload, opening requires break-the-glass (R04). */
  access: z.enum(['caseload', 'role', 'breakGlass', 'needsReason']),
});
export const Dossier = z.object({
  participant: Participant,
  access: AccessBasis,
  consultants: z.array(z.object({ userId: Id, displayName: z.string() })),
  trajectories: z.array(Trajectory),
  entries: z.array(Entry),
  documents: z.array(DocumentMeta),
  ownStatements: z.array(OwnStatement).optional(), // R25, shown next to what they concern
  restrictions: z.array(Restriction).optional(),   // R30, active restrictions only
  /** Part of this dossier is shielded from the viewer (R26): one notice, never what or where. */
  shieldNotice: z.boolean(),
  /** Special categories (R01) are shown only to the caseload. */
  specialHidden: z.boolean(),
  /** What of this dossier is shielded from others (R26), for those who may see it: fields, and whether the whole dossier is. */
  shieldedFromOthers: z.object({ whole: z.boolean(), fields: z.array(z.string()) }),
});
export const HistoryItem = z.object({
  at: z.string(), by: z.string(),
  what: z.enum(['field', 'entry', 'entryAdded', 'document', 'trajectory', 'trajectoryChanged', 'caseloadAdded', 'caseloadRemoved']),
  field: z.string().nullable(), entryId: Id.nullable(), documentId: Id.nullable(), trajectoryId: Id.nullable(),
  oldValue: z.string().nullable(), newValue: z.string().nullable(), reason: z.string().nullable(),
});

const ById = z.object({ participantId: Id }).strict();

export const dossiersContract = contract(
  operation({
    name: 'dossiers.list', permission: 'dossier.read', audit: 'read',
    input: z.object({
      query: z.string().trim().max(100).optional(),
      scope: z.enum(['caseload', 'all']).default('caseload'),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }).strict(),
    /** totalCapped: a name search counts at most 1,000 matches; total is then 1,000 and means "more than". */
    output: z.object({ total: z.number().int(), totalCapped: z.boolean(), rows: z.array(ListRow) }),
  }),
  operation({ name: 'dossiers.create', permission: 'dossier.write', audit: 'write', input: CreateParticipantInput, output: z.object({ participantId: Id, dossierNumber: z.string() }) }),
  operation({ name: 'dossiers.get', permission: 'dossier.read', audit: 'read', input: ById, output: Dossier }),
  operation({
    name: 'dossiers.update', permission: 'dossier.write', audit: 'write',
    input: z.object({
      participantId: Id,
      changes: ParticipantFieldsInput.partial().extend({ phoneSecret: z.boolean().optional(), emailSecret: z.boolean().optional(), dateOfDeath: nullable(IsoDate).optional() }).strict(),
      reason: OptionalShortText,
    }).strict(),
    output: Participant,
  }),
  operation({
    name: 'dossiers.close', permission: 'dossier.write', audit: 'write',
    input: z.object({ participantId: Id, takeHome: z.string().trim().min(1).max(2000) }).strict(), // R42
    output: Participant,
  }),
  operation({ name: 'dossiers.history', permission: 'dossier.read', audit: 'read', input: ById, output: z.array(HistoryItem) }),
  operation({
    name: 'dossiers.addTrajectory', permission: 'dossier.write', audit: 'write',
    input: z.object({ participantId: Id, type: TrajectoryType, commissioner: ShortText, startDate: IsoDate, endDate: nullable(IsoDate), description: OptionalLongText }).strict(),
    output: Trajectory,
  }),
  operation({
    name: 'dossiers.updateTrajectory', permission: 'dossier.write', audit: 'write',
    input: z.object({ trajectoryId: Id, status: TrajectoryStatus.optional(), endDate: nullable(IsoDate).optional(), description: OptionalLongText.optional() }).strict(),
    output: Trajectory,
  }),
  operation({
    name: 'dossiers.addEntry', permission: 'dossier.write', audit: 'write',
    input: z.object({ participantId: Id, trajectoryId: nullable(Id), kind: EntryKind, entryDate: IsoDate, title: ShortText, body: LongText }).strict(),
    output: Entry,
  }),
  operation({
    name: 'dossiers.updateEntry', permission: 'dossier.write', audit: 'write',
    input: z.object({ entryId: Id, title: ShortText, body: LongText }).strict(),
    output: Entry,
  }),
  operation({
    name: 'dossiers.uploadDocument', permission: 'dossier.write', audit: 'write',
    input: z.object({
      participantId: Id, kind: DocumentKind, fileName: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'bestandsnaam zonder mappen'),
      mimeType: z.string().trim().min(3).max(100).regex(/^[\w.+-]+\/[\w.+-]+$/, 'bestandstype'),
      contentBase64: z.string().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 16 + 4096).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }).strict(),
    output: DocumentMeta,
  }),
  operation({
    name: 'dossiers.downloadDocument', permission: 'dossier.read', audit: 'read',
    input: z.object({ documentId: Id }).strict(),
    output: DocumentMeta.extend({ contentBase64: z.string() }),
  }),
  operation({ name: 'dossiers.assign', permission: 'dossier.write', audit: 'write', input: z.object({ participantId: Id, userId: Id }).strict(), output: z.object({ ok: z.literal(true) }) }),
  operation({ name: 'dossiers.unassign', permission: 'dossier.write', audit: 'write', input: z.object({ participantId: Id, userId: Id }).strict(), output: z.object({ ok: z.literal(true) }) }),
  operation({ name: 'dossiers.consultants', permission: 'dossier.read', audit: 'none', input: z.object({}).strict(), output: z.array(z.object({ userId: Id, displayName: z.string() })) }),
  operation({ name: 'dossiers.recent', permission: 'dossier.read', audit: 'read', input: z.object({}).strict(), output: z.array(ListRow) }),
);
