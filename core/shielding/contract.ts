// Shielding (afscherming, R26, R22): parts of a dossier hidden from named audiences. Placing and
// lifting are audited; a lift needs a reason. What a shielded viewer sees is decided in
// core/access (the one read model), never here.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { dataCategoryNames, type DataCategory } from '../api/categories.ts';
import { Id } from '../api/schemas.ts';
import { ParticipantFieldName } from '../statements/contract.ts';

export const DataCategoryName = z.enum(dataCategoryNames as [DataCategory, ...DataCategory[]]);

/** What a shield covers: the whole dossier, a field, a whole data category, or one item. */
export const ShieldTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dossier') }).strict(),
  z.object({ kind: z.literal('field'), field: ParticipantFieldName }).strict(),
  z.object({ kind: z.literal('category'), category: DataCategoryName }).strict(),
  z.object({ kind: z.literal('entry'), entryId: Id }).strict(),
  z.object({ kind: z.literal('document'), documentId: Id }).strict(),
  z.object({ kind: z.literal('trajectory'), trajectoryId: Id }).strict(), // with every entry under it
]);
export type ShieldTarget = z.infer<typeof ShieldTarget>;

/** Whom a shield hides the target from: a named colleague, a named recipient, or the participant's copy (R22). */
export const ShieldAudience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: Id }).strict(),
  z.object({ kind: z.literal('recipient'), recipientId: Id }).strict(),
  z.object({ kind: z.literal('participantCopy') }).strict(),
]);
export type ShieldAudience = z.infer<typeof ShieldAudience>;

export const ShieldRequester = z.enum(['participant', 'representative', 'staff']);
export const ShieldStatus = z.enum(['proposed', 'active', 'lifted', 'refused']);

export const Shield = z.object({
  id: Id,
  participantId: Id,
  target: ShieldTarget,
  audiences: z.array(ShieldAudience.and(z.object({ name: z.string() }))),
  requestedBy: ShieldRequester,
  representativeName: z.string().nullable(),
  reason: z.string(),
  requestId: Id.nullable(),
  status: ShieldStatus,
  placedBy: z.string(),
  placedAt: z.string(),
  activatedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
});

const Reason = z.string().trim().min(10).max(2000);

export const shieldingContract = contract(
  operation({
    name: 'shielding.place', permission: 'shielding.manage', audit: 'write',
    input: z.object({
      participantId: Id,
      target: ShieldTarget,
      audiences: z.array(ShieldAudience).min(1).max(20),
      requestedBy: ShieldRequester,
      representativeName: z.string().trim().max(200).nullish().transform((v) => (v ? v : null)),
      reason: Reason,
      /** An open afscherming request: the shield is proposed until the request is decided. */
      requestId: Id.nullish().transform((v) => v ?? null),
    }).strict(),
    output: Shield,
  }),
  operation({
    name: 'shielding.lift', permission: 'shielding.manage', audit: 'write',
    input: z.object({ shieldId: Id, reason: Reason }).strict(),
    output: Shield,
  }),
  operation({
    name: 'shielding.list', permission: 'shielding.manage', audit: 'read',
    input: z.object({ participantId: Id }).strict(),
    output: z.array(Shield),
  }),
  operation({
    name: 'shielding.audiences', permission: 'shielding.manage', audit: 'none',
    input: z.object({}).strict(),
    /** Who a shield can be aimed at: active users and active recipients (names only). */
    output: z.object({
      users: z.array(z.object({ userId: Id, displayName: z.string(), role: z.string() })),
      recipients: z.array(z.object({ recipientId: Id, name: z.string() })),
    }),
  }),
);
