// Restriction of processing (R30): while active, the restricted data is kept but not used or
// disclosed. Lifting keeps the record (who, when, why).
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id } from '../api/schemas.ts';
import { DossierTarget, DossierTargets } from '../statements/contract.ts';

export const Restriction = z.object({
  id: Id,
  participantId: Id,
  requestId: Id.nullable(),
  targets: z.array(DossierTarget),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  liftedBy: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  active: z.boolean(),
});

export const restrictionContract = contract(
  operation({
    name: 'restriction.place', permission: 'requests.handle', audit: 'write',
    input: z.object({
      participantId: Id,
      requestId: Id.nullish().transform((v) => v ?? null),
      targets: DossierTargets,
      reason: z.string().trim().min(10).max(2000),
    }).strict(),
    output: Restriction,
  }),
  operation({
    name: 'restriction.lift', permission: 'requests.handle', audit: 'write',
    input: z.object({ restrictionId: Id, reason: z.string().trim().min(10).max(2000) }).strict(),
    output: Restriction,
  }),
  operation({
    name: 'restriction.list', permission: 'dossier.read', audit: 'read',
    input: z.object({ participantId: Id }).strict(),
    output: z.array(Restriction),
  }),
);
