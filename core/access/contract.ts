import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id } from '../api/schemas.ts';

/** How the viewer came to see a dossier (R04). */
export const AccessBasis = z.enum(['caseload', 'role', 'breakGlass']);

export const accessContract = contract(
  operation({
    name: 'access.breakGlass', permission: 'dossier.breakGlass', audit: 'write',
    input: z.object({ participantId: Id, reason: z.string().trim().min(10).max(1000) }).strict(),
    output: z.object({ expiresAt: z.string() }),
  }),
);
