// The disclosure register (R14): data actually provided to a third party, with its basis — a
// valid mandate (R10), a named legal duty, or an exception with written arguments (R12).
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id, IsoDate } from '../api/schemas.ts';
import { DataCategoryName, Purpose } from '../consent/contract.ts';
import { RecipientKind } from '../recipients/contract.ts';
import { ParticipantFieldName } from '../statements/contract.ts';

export const DisclosureChannel = z.enum(['letter', 'email', 'secureEmail', 'portal', 'phone', 'inPerson']);
export const BasisKind = z.enum(['mandate', 'legalDuty', 'exception']);

const unique = <T extends z.ZodType>(t: T, max: number) => z.array(t).max(max).default([]).refine((a) => new Set(a).size === a.length, 'elk onderdeel één keer');

/** Which items were provided: participant fields, journal entries, documents (at least one). */
export const DisclosureItems = z.object({
  fields: unique(ParticipantFieldName, 50),
  entryIds: unique(Id, 500),
  documentIds: unique(Id, 500),
}).strict().refine((i) => i.fields.length + i.entryIds.length + i.documentIds.length > 0, 'noem minstens één verstrekt onderdeel');

export const DisclosureBasisInput = z.discriminatedUnion('kind', [
  /** Without mandateId the service looks for a mandate of this participant that covers the disclosure. */
  z.object({ kind: z.literal('mandate'), mandateId: Id.nullish().transform((v) => v ?? null) }).strict(),
  z.object({ kind: z.literal('legalDuty'), duty: z.string().trim().max(500) }).strict(),
  z.object({ kind: z.literal('exception'), arguments: z.string().trim().max(20_000) }).strict(),
]);

export const DisclosureRequest = z.object({
  participantId: Id,
  recipientId: Id,
  disclosedOn: IsoDate,
  purpose: Purpose,
  channel: DisclosureChannel,
  items: DisclosureItems,
  basis: DisclosureBasisInput,
  note: z.string().trim().max(2000).nullish().transform((v) => (v ? v : null)),
}).strict();

export const Disclosure = z.object({
  id: Id,
  participantId: Id,
  recipientId: Id,
  recipientName: z.string(),
  recipientKind: RecipientKind,
  disclosedOn: z.string(),
  purpose: Purpose,
  categories: z.array(DataCategoryName),
  items: z.object({ fields: z.array(ParticipantFieldName), entryIds: z.array(Id), documentIds: z.array(Id) }),
  channel: DisclosureChannel,
  basis: BasisKind,
  mandateId: Id.nullable(),
  legalDuty: z.string().nullable(),
  exceptionArguments: z.string().nullable(),
  /** An exception (R12) waits for the privacy officer's review. */
  flagged: z.boolean(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const RegisterRow = Disclosure.extend({ participantName: z.string(), dossierNumber: z.string() });

export const disclosuresContract = contract(
  operation({ name: 'disclosures.record', permission: 'consent.record', audit: 'write', input: DisclosureRequest, output: Disclosure }),
  operation({
    name: 'disclosures.check', permission: 'consent.record', audit: 'read',
    input: DisclosureRequest,
    output: z.object({ allowed: z.boolean(), code: z.string().nullable(), message: z.string().nullable(), messageEn: z.string().nullable(), mandateId: Id.nullable() }),
  }),
  operation({ name: 'disclosures.list', permission: 'dossier.read', audit: 'read', input: z.object({ participantId: Id }).strict(), output: z.array(Disclosure) }),
  operation({
    name: 'disclosures.register', permission: 'consent.register', audit: 'read',
    input: z.object({
      recipientId: Id.optional(),
      basis: BasisKind.optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      flaggedOnly: z.boolean().default(false),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(RegisterRow) }),
  }),
  operation({
    name: 'disclosures.package', permission: 'dossier.read', audit: 'read',
    input: z.object({ disclosureId: Id }).strict(),
    output: z.object({
      disclosureId: Id,
      recipientName: z.string(),
      fields: z.array(z.object({ field: ParticipantFieldName, category: DataCategoryName, value: z.string().nullable() })),
      entries: z.array(z.object({ id: Id, entryDate: z.string(), title: z.string(), body: z.string() })),
      documents: z.array(z.object({ id: Id, kind: z.string(), fileName: z.string() })),
      /** Items left out now: secret (R03) or restricted (R30) since the disclosure. */
      withheld: z.array(z.object({ kind: z.enum(['field', 'entry', 'document']), ref: z.string(), reason: z.enum(['secret', 'restricted']) })),
      /** Parts are shielded from this recipient or from you (R26): left out without saying which. */
      shieldNotice: z.boolean(),
    }),
  }),
  operation({
    name: 'disclosures.reviewException', permission: 'consent.register', audit: 'write',
    input: z.object({ disclosureId: Id, note: z.string().trim().min(10).max(5000) }).strict(),
    output: Disclosure,
  }),
);
