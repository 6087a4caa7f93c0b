import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id, IsoDate } from '../api/schemas.ts';

export const AuditLine = z.object({
  seq: z.number().int(), at: z.string(), action: z.string(), outcome: z.enum(['ok', 'denied', 'failed']),
  userId: Id.nullable(), username: z.string().nullable(), onBehalfOf: z.string().nullable(), workstation: z.string(),
  participantId: Id.nullable(), objects: z.string(), reason: z.string().nullable(), flagged: z.boolean(),
  /** In words (core/audit/readable.ts): the action, who did it, which dossier; a visit's size. */
  description: z.string(), descriptionEn: z.string(), actor: z.string().nullable(), actorRole: z.string().nullable(),
  dossierNumber: z.string().nullable(), participantName: z.string().nullable(),
  count: z.number().int().min(1), until: z.string().nullable(), actions: z.array(z.string()),
});
export const VerifyReport = z.object({
  ok: z.boolean(), checked: z.number().int(),
  findings: z.array(z.object({ seq: z.number().int(), problem: z.enum(['hashMismatch', 'chainBroken', 'gap', 'outOfOrder', 'anchor']), detail: z.string().optional() })),
  /** The audit anchor outside the database (null when this connection has none). */
  anchor: z.object({
    status: z.enum(['ok', 'behind', 'missing', 'unreadable', 'badMac', 'chainShorter', 'hashDiffers', 'notUsed']),
    ok: z.boolean(), seq: z.number().int().nullable(), message: z.string(),
  }).nullable(),
});

export const auditContract = contract(
  operation({
    name: 'audit.list', permission: 'audit.read', audit: 'none',
    input: z.object({
      participantId: Id.optional(), userId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional(),
      /** A dossier number or (part of) a name: the lines about the dossiers it finds. */
      dossier: z.string().trim().min(1).max(100).optional(),
      flaggedOnly: z.boolean().default(false), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    /** total counts raw lines; the page takes consecutive reads together, so it may hold fewer. */
    output: z.object({ total: z.number().int(), lines: z.array(AuditLine) }),
  }),
  operation({ name: 'audit.participantLog', permission: 'dossier.read', audit: 'read', input: z.object({ participantId: Id }).strict(), output: z.array(AuditLine) }),
  operation({ name: 'audit.verify', permission: 'audit.read', audit: 'none', input: z.object({}).strict(), output: VerifyReport }),
  operation({
    name: 'audit.accessReview', permission: 'audit.read', audit: 'none', // R06
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'maand als JJJJ-MM') }).strict(),
    output: z.array(AuditLine),
  }),
);
