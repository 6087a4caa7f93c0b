// Tables of issue 5: data-subject requests (R20–R24, R27, R28, R31–R35), own statements (R25)
// and restrictions of processing (R30). Targets (which fields, entries or documents something
// concerns) are stored as JSON lists validated by the services' zod schemas.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { participants, users } from './schema.ts';

export const requests = sqliteTable('requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  type: text('type').notNull(),
  requesterKind: text('requester_kind', { enum: ['participant', 'representative'] }).notNull(),
  representativeName: text('representative_name'),
  representativeRelation: text('representative_relation'),
  channel: text('channel', { enum: ['oral', 'letter', 'email', 'inPerson'] }).notNull(),
  receivedOn: text('received_on').notNull(),
  description: text('description').notNull(),
  handlerId: integer('handler_id').notNull().references(() => users.id),
  status: text('status', { enum: ['received', 'identityVerified', 'thirdPartiesConsulted', 'decided', 'carriedOut', 'closed'] }).notNull(),
  /** The deadline computed at intake from the policy profile (R34, R50); moves only by extension. */
  dueOn: text('due_on').notNull(),
  statutoryMaxOn: text('statutory_max_on').notNull(),
  policyName: text('policy_name').notNull(),
  extendedTo: text('extended_to'),
  extensionReason: text('extension_reason'),
  extensionNoticeOn: text('extension_notice_on'),
  identityMethod: text('identity_method'),
  identityCheckedAgainst: text('identity_checked_against'),
  identityVerifiedBy: integer('identity_verified_by').references(() => users.id),
  identityVerifiedOn: text('identity_verified_on'),
  outcome: text('outcome', { enum: ['granted', 'partlyGranted', 'refused'] }),
  reasons: text('reasons'),
  exception: integer('exception', { mode: 'boolean' }).notNull().default(false),
  decidedBy: integer('decided_by').references(() => users.id),
  decidedOn: text('decided_on'),
  carriedOutBy: integer('carried_out_by').references(() => users.id),
  carriedOutOn: text('carried_out_on'),
  carriedOutNote: text('carried_out_note'),
  closedBy: integer('closed_by').references(() => users.id),
  closedOn: text('closed_on'),
  createdBy: integer('created_by').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  index('requests_status_due').on(t.status, t.dueOn),
  index('requests_participant').on(t.participantId),
]);

/** A board decision on an exception to a right, on one of the grounds of FT 4.4f (R32). */
export const requestBoardDecisions = sqliteTable('request_board_decisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => requests.id),
  ground: text('ground').notNull(),
  decision: text('decision').notNull(),
  decidedOn: text('decided_on').notNull(),
  decidedBy: integer('decided_by').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
}, (t) => [index('request_board_decisions_request').on(t.requestId)]);

/**
 * What a correction request asks to change, per field or entry (R23), or what a verwijdering
 * request asks to erase: a field, an entry, a document (R28), or the whole dossier, to be
 * forgotten (R29, target 'dossier').
 */
export const requestChanges = sqliteTable('request_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => requests.id),
  target: text('target', { enum: ['field', 'entry', 'document', 'dossier'] }).notNull(),
  field: text('field'),
  entryId: integer('entry_id'),
  documentId: integer('document_id'),
  proposedValue: text('proposed_value'),
  proposedTitle: text('proposed_title'),
  ground: text('ground', { enum: ['incorrect', 'incomplete', 'irrelevant', 'unlawful', 'consentWithdrawn', 'objection', 'legalDuty'] }).notNull(),
  accepted: integer('accepted', { mode: 'boolean' }),
  appliedAt: text('applied_at'),
}, (t) => [index('request_changes_request').on(t.requestId)]);

/** Third parties named in the dossier are asked before inzage or a copy (R22). */
export const requestConsultations = sqliteTable('request_consultations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => requests.id),
  thirdParty: text('third_party').notNull(),
  targets: text('targets').notNull(),
  askedOn: text('asked_on').notNull(),
  askedBy: integer('asked_by').notNull().references(() => users.id),
  answer: text('answer', { enum: ['pending', 'agreed', 'objected', 'unreachable'] }).notNull(),
  answeredOn: text('answered_on'),
  withhold: integer('withhold', { mode: 'boolean' }).notNull().default(false),
  note: text('note'),
}, (t) => [index('request_consultations_request').on(t.requestId)]);

/** A task to tell an earlier recipient about a granted correction, or why that is not possible (R24). */
export const requestNotifications = sqliteTable('request_notifications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => requests.id),
  recipientId: integer('recipient_id'),
  recipientName: text('recipient_name').notNull(),
  disclosureIds: text('disclosure_ids').notNull(),
  letter: text('letter').notNull(),
  status: text('status', { enum: ['open', 'sent', 'notPossible'] }).notNull(),
  reason: text('reason'),
  createdAt: text('created_at').notNull(),
  handledAt: text('handled_at'),
  handledBy: integer('handled_by').references(() => users.id),
}, (t) => [index('request_notifications_request').on(t.requestId)]);

/**
 * The participant's own statement (R25). Append-only: triggers in a custom migration refuse
 * UPDATE, and DELETE except during destruction of the whole dossier.
 */
export const ownStatements = sqliteTable('own_statements', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  requestId: integer('request_id').references(() => requests.id),
  targets: text('targets').notNull(),
  text: text('text').notNull(),
  receivedOn: text('received_on').notNull(),
  channel: text('channel', { enum: ['oral', 'letter', 'email', 'inPerson'] }).notNull(),
  recordedBy: integer('recorded_by').notNull().references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
}, (t) => [index('own_statements_participant').on(t.participantId)]);

/** Restriction of processing (R30): while active the data is kept but not used or disclosed. */
export const restrictions = sqliteTable('restrictions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  requestId: integer('request_id').references(() => requests.id),
  targets: text('targets').notNull(),
  reason: text('reason').notNull(),
  placedBy: integer('placed_by').notNull().references(() => users.id),
  placedAt: text('placed_at').notNull(),
  liftedBy: integer('lifted_by').references(() => users.id),
  liftedAt: text('lifted_at'),
  liftReason: text('lift_reason'),
}, (t) => [index('restrictions_participant').on(t.participantId)]);
