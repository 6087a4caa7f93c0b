// Own statements (R25): the participant's statement, attached to the dossier or to specific
// entries, fields or documents. There is deliberately no operation to edit or delete one.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { participantFieldNames, type ParticipantField } from '../api/categories.ts';
import { Id, IsoDate } from '../api/schemas.ts';

export const ParticipantFieldName = z.enum(participantFieldNames as [ParticipantField, ...ParticipantField[]]);

/** What a statement, restriction or consultation concerns: the whole dossier or named items. */
export const DossierTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dossier') }).strict(),
  z.object({ kind: z.literal('field'), field: ParticipantFieldName }).strict(),
  z.object({ kind: z.literal('entry'), entryId: Id }).strict(),
  z.object({ kind: z.literal('document'), documentId: Id }).strict(),
]);
export type DossierTarget = z.infer<typeof DossierTarget>;
export const DossierTargets = z.array(DossierTarget).min(1).max(50);

export const Channel = z.enum(['oral', 'letter', 'email', 'inPerson']);

export const OwnStatement = z.object({
  id: Id,
  participantId: Id,
  requestId: Id.nullable(),
  targets: z.array(DossierTarget),
  text: z.string(),
  receivedOn: z.string(),
  channel: Channel,
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const statementsContract = contract(
  operation({
    name: 'statements.record', permission: 'dossier.write', audit: 'write',
    input: z.object({
      participantId: Id,
      requestId: Id.nullish().transform((v) => v ?? null),
      targets: DossierTargets,
      text: z.string().trim().min(1).max(20_000),
      receivedOn: IsoDate,
      channel: Channel,
    }).strict(),
    output: OwnStatement,
  }),
  operation({
    name: 'statements.list', permission: 'dossier.read', audit: 'read',
    input: z.object({ participantId: Id }).strict(),
    output: z.array(OwnStatement),
  }),
);
