// Retention and destruction (issue 11, R40–R45): the schedule of one dossier, the destruction
// list with its CSV, legal holds, four-eyes destruction batches and the destruction register. The
// execution of a batch is not an operation here (core/retention/destroy.ts).
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id, IsoDate } from '../api/schemas.ts';
import { participantFieldNames, type ParticipantField } from '../api/categories.ts';
import { contactSources, retentionBases, termCategories } from './schedule.ts';

const Reason = z.string().trim().min(10).max(2000);
const Basis = z.enum(retentionBases);
const Category = z.enum(termCategories);
const LastContact = z.object({ on: z.string(), source: z.enum(contactSources) });

export const Hold = z.object({
  id: Id, participantId: Id, reason: z.string(), untilDate: z.string().nullable(), placedBy: z.string(), placedAt: z.string(),
  liftedBy: z.string().nullable(), liftedAt: z.string().nullable(), liftReason: z.string().nullable(), active: z.boolean(),
});

export const DossierTermView = z.object({
  participantId: Id, dossierNumber: z.string(),
  open: z.enum(['dossierOpen', 'trajectoryOpen']).nullable(),
  lastContact: LastContact,
  perTrajectory: z.array(z.object({ trajectoryId: Id, type: z.string(), endDate: z.string().nullable(), years: z.number().int(), until: z.string().nullable() })),
  regularUntil: z.string().nullable(), deathUntil: z.string().nullable(), until: z.string().nullable(),
  basis: Basis.nullable(), category: Category, closedOn: z.string().nullable(), openedOn: z.string(),
  due: z.boolean(), holds: z.array(Hold),
  fields: z.array(z.object({ field: z.string(), startsOn: z.string(), dueOn: z.string() })),
});

export const ListInput = z.object({
  /** Also the dossiers whose term ends within this many weeks (0: only those already ended). */
  withinWeeks: z.number().int().min(0).max(520).default(0),
  basis: Basis.optional(),
  category: Category.optional(),
  held: z.enum(['include', 'exclude', 'only']).default('include'),
}).strict();

export const DestructionListView = z.object({
  today: z.string(), horizon: z.string(),
  rows: z.array(z.object({
    participantId: Id, dossierNumber: z.string(), termEndsOn: z.string(), due: z.boolean(), basis: Basis, category: Category,
    lastContact: LastContact, closedOn: z.string().nullable(), openedOn: z.string(),
    hold: z.object({ id: Id, reason: z.string(), untilDate: z.string().nullable(), placedBy: z.string(), placedAt: z.string() }).nullable(),
    batchId: Id.nullable(),
  })),
  fields: z.array(z.object({ participantId: Id, dossierNumber: z.string(), field: z.enum(participantFieldNames as [ParticipantField, ...ParticipantField[]]), startsOn: z.string(), dueOn: z.string(), held: z.boolean() })),
  counts: z.object({ due: z.number().int(), upcoming: z.number().int(), held: z.number().int(), inBatch: z.number().int(), fieldValuesDue: z.number().int() }),
});

export const Batch = z.object({
  id: Id, status: z.enum(['proposed', 'approved', 'cancelled', 'executed']), reason: z.string(),
  proposedBy: z.string(), proposedAt: z.string(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), executableOn: z.string().nullable(),
  cancelledBy: z.string().nullable(), cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(), executedAt: z.string().nullable(),
  cancellable: z.boolean(), ownProposal: z.boolean(),
  items: z.array(z.object({ participantId: Id, dossierNumber: z.string(), basis: Basis, termEndsOn: z.string(), outcome: z.enum(['destroyed', 'skipped']).nullable() })),
});

export const RegisterEntry = z.object({
  id: Id, dossierNumber: z.string(), category: Category, openedOn: z.string(), closedOn: z.string().nullable(), termEndsOn: z.string(),
  basis: Basis, batchId: Id.nullable(), proposedBy: z.string(), approvedBy: z.string(), executedAt: z.string(),
});

export const retentionContract = contract(
  operation({ name: 'retention.list', permission: 'retention.read', audit: 'read', input: ListInput, output: DestructionListView }),
  operation({ name: 'retention.csv', permission: 'retention.read', audit: 'read', input: ListInput, output: z.object({ fileName: z.string(), csv: z.string() }) }),
  operation({ name: 'retention.term', permission: 'retention.read', audit: 'read', input: z.object({ participantId: Id }).strict(), output: DossierTermView }),
  operation({
    name: 'retention.placeHold', permission: 'retention.hold', audit: 'write',
    input: z.object({ participantId: Id, reason: Reason, untilDate: IsoDate.nullish().transform((v) => v ?? null) }).strict(),
    output: Hold,
  }),
  operation({ name: 'retention.liftHold', permission: 'retention.hold', audit: 'write', input: z.object({ holdId: Id, reason: Reason }).strict(), output: Hold }),
  operation({ name: 'retention.holds', permission: 'retention.read', audit: 'read', input: z.object({ participantId: Id.optional() }).strict(), output: z.array(Hold) }),
  operation({
    name: 'retention.propose', permission: 'retention.propose', audit: 'write',
    input: z.object({ participantIds: z.array(Id).min(1).max(1000).refine((ids) => new Set(ids).size === ids.length, 'elk dossier één keer'), reason: Reason }).strict(),
    output: Batch,
  }),
  operation({ name: 'retention.approve', permission: 'retention.approve', audit: 'write', input: z.object({ batchId: Id }).strict(), output: Batch }),
  operation({ name: 'retention.cancel', permission: 'retention.approve', audit: 'write', input: z.object({ batchId: Id, reason: Reason }).strict(), output: Batch }),
  operation({ name: 'retention.batches', permission: 'retention.read', audit: 'read', input: z.object({}).strict(), output: z.array(Batch) }),
  operation({
    // Asynchronous like copies.make: each dossier is destroyed in its own transaction, then the WAL checkpointed.
    name: 'retention.execute', permission: 'retention.approve', audit: 'write', async: true,
    input: z.object({ batchId: Id }).strict(),
    output: z.object({ batchId: Id, destroyed: z.number().int().nonnegative(), skipped: z.number().int().nonnegative(), checkpointClean: z.boolean() }),
  }),
  operation({
    // R43: every field value whose shorter term has ended is erased (asynchronous: the WAL is checkpointed after the commit).
    name: 'retention.eraseDueFields', permission: 'retention.propose', audit: 'write', async: true,
    input: z.object({}).strict(),
    output: z.object({ dossiers: z.number().int().nonnegative(), fields: z.number().int().nonnegative(), checkpointClean: z.boolean() }),
  }),
  operation({ name: 'retention.register', permission: 'retention.read', audit: 'read', input: z.object({}).strict(), output: z.array(RegisterEntry) }),
);
