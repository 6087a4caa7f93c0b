// The recipient register (R15): organisations and persons data may go to, with the written
// agreement that governs exchange with them (FT 4.3d).
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Email, Id, IsoDate, OptionalShortText, Phone, ShortText } from '../api/schemas.ts';

export const RecipientKind = z.enum(['uwv', 'municipality', 'employer', 'veiligThuis', 'careProvider', 'school', 'other']);
export type RecipientKind = z.infer<typeof RecipientKind>;

const nullable = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? null);
const Note = z.string().trim().max(2000).nullish().transform((v) => (v ? v : null));

export const Recipient = z.object({
  id: Id,
  name: z.string(),
  kind: RecipientKind,
  contactPerson: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  agreement: z.object({ reference: z.string(), date: z.string(), note: z.string().nullable() }).nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recipient = z.infer<typeof Recipient>;

const RecipientFields = z.object({
  name: ShortText,
  kind: RecipientKind,
  contactPerson: OptionalShortText,
  address: z.string().trim().max(500).nullish().transform((v) => (v ? v : null)),
  phone: nullable(Phone),
  email: nullable(Email),
  agreementReference: OptionalShortText,
  agreementDate: nullable(IsoDate),
  agreementNote: Note,
});

export const recipientsContract = contract(
  operation({
    name: 'recipients.list', permission: 'dossier.read', audit: 'read',
    input: z.object({ includeInactive: z.boolean().default(false), kind: RecipientKind.optional() }).strict(),
    output: z.array(Recipient),
  }),
  operation({
    name: 'recipients.create', permission: 'recipients.manage', audit: 'write',
    input: RecipientFields.strict(),
    output: Recipient,
  }),
  operation({
    name: 'recipients.update', permission: 'recipients.manage', audit: 'write',
    input: RecipientFields.partial().extend({ recipientId: Id, active: z.boolean().optional() }).strict(),
    output: Recipient,
  }),
);
