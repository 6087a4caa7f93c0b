// Retention and destruction (issue 11, R40–R45): legal holds, four-eyes destruction batches and
// the destruction register. Invariants the services check are also guarded by CHECKs and triggers
// in the custom part of migration 0013 (approver ≠ proposer, status only moves forward, the
// register is append-only), so no code path can skip them.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { participants, users } from './schema.ts';

/** A legal hold (R45): while active (not lifted, end date not passed) the dossier is never due. */
export const retentionHolds = sqliteTable('retention_holds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  reason: text('reason').notNull(),
  /** The last day the hold applies; null: until lifted. */
  untilDate: text('until_date'),
  placedBy: integer('placed_by').notNull().references(() => users.id),
  placedAt: text('placed_at').notNull(),
  liftedBy: integer('lifted_by').references(() => users.id),
  liftedAt: text('lifted_at'),
  liftReason: text('lift_reason'),
}, (t) => [index('retention_holds_participant').on(t.participantId)]);

/** A batch of dossiers proposed for destruction by one person and approved by another (R45). */
export const retentionBatches = sqliteTable('retention_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  status: text('status', { enum: ['proposed', 'approved', 'cancelled', 'executed'] }).notNull(),
  reason: text('reason').notNull(),
  proposedBy: integer('proposed_by').notNull().references(() => users.id),
  proposedAt: text('proposed_at').notNull(),
  approvedBy: integer('approved_by').references(() => users.id),
  approvedAt: text('approved_at'),
  /** The first day (Europe/Amsterdam) the batch may be executed: approval + the waiting period. */
  executableOn: text('executable_on'),
  cancelledBy: integer('cancelled_by').references(() => users.id),
  cancelledAt: text('cancelled_at'),
  cancelReason: text('cancel_reason'),
  executedAt: text('executed_at'),
}, (t) => [index('retention_batches_status').on(t.status)]);

/**
 * One dossier of a batch. The participant id carries no foreign key on purpose: the line outlives
 * the participant's rows, and after destruction the id points at nothing.
 */
export const retentionBatchItems = sqliteTable('retention_batch_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => retentionBatches.id),
  participantId: integer('participant_id').notNull(),
  dossierNumber: text('dossier_number').notNull(),
  basis: text('basis', { enum: ['term', 'death', 'request'] }).notNull(),
  termEndsOn: text('term_ends_on').notNull(),
  outcome: text('outcome', { enum: ['destroyed', 'skipped'] }),
}, (t) => [uniqueIndex('retention_batch_items_pair').on(t.batchId, t.participantId), index('retention_batch_items_participant').on(t.participantId)]);

/**
 * The destruction register (R44): one line per destroyed dossier, without personal data — no
 * name, birth date, address or free text; the category is the trajectory type that set the term.
 */
export const destructionRegister = sqliteTable('destruction_register', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dossierNumber: text('dossier_number').notNull(),
  category: text('category', { enum: ['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other', 'contact'] }).notNull(),
  openedOn: text('opened_on').notNull(),
  closedOn: text('closed_on'),
  termEndsOn: text('term_ends_on').notNull(),
  basis: text('basis', { enum: ['term', 'death', 'request'] }).notNull(),
  batchId: integer('batch_id').references(() => retentionBatches.id),
  proposedBy: integer('proposed_by').notNull().references(() => users.id),
  approvedBy: integer('approved_by').notNull().references(() => users.id),
  executedAt: text('executed_at').notNull(),
}, (t) => [index('destruction_register_dossier').on(t.dossierNumber)]);
