// Tables of issue 4: the recipient register (R15), mandates (R10, R11, R17), the disclosure
// register (R12, R14), objections to disclosure (R27) and Verwijsindex registrations (R13).
// Lists of categories are JSON validated by the services' zod schemas; disclosed items get their
// own table so that a correction can find every earlier recipient of one field or entry (R24).
import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { documents, participants, users } from './schema.ts';
import { requests } from './schema-requests.ts';

export const recipients = sqliteTable('recipients', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['uwv', 'municipality', 'employer', 'veiligThuis', 'careProvider', 'school', 'other'] }).notNull(),
  contactPerson: text('contact_person'),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  /** The written agreement that governs exchange with this recipient (R15, FT 4.3d). */
  agreementReference: text('agreement_reference'),
  agreementDate: text('agreement_date'),
  agreementNote: text('agreement_note'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('recipients_name').on(t.name)]);

export const mandates = sqliteTable('mandates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  direction: text('direction', { enum: ['shareWith', 'obtainFrom'] }).notNull(),
  recipientId: integer('recipient_id').notNull().references(() => recipients.id),
  purpose: text('purpose').notNull(),
  purposeNote: text('purpose_note'),
  categories: text('categories').notNull(),
  validFrom: text('valid_from').notNull(),
  validUntil: text('valid_until'),
  givenHow: text('given_how', { enum: ['signedForm', 'oral'] }).notNull(),
  documentId: integer('document_id').references(() => documents.id),
  oralNote: text('oral_note'),
  recordedBy: integer('recorded_by').notNull().references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
  withdrawnOn: text('withdrawn_on'),
  withdrawnHow: text('withdrawn_how'),
  withdrawalNote: text('withdrawal_note'),
  withdrawnBy: integer('withdrawn_by').references(() => users.id),
  withdrawnAt: text('withdrawn_at'),
}, (t) => [
  index('mandates_participant').on(t.participantId),
  index('mandates_valid_until').on(t.validUntil),
  index('mandates_document').on(t.documentId), // foreign-key check when a document is destroyed (issue 11)
]);

export const disclosures = sqliteTable('disclosures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  recipientId: integer('recipient_id').notNull().references(() => recipients.id),
  disclosedOn: text('disclosed_on').notNull(),
  purpose: text('purpose').notNull(),
  categories: text('categories').notNull(),
  channel: text('channel').notNull(),
  basis: text('basis', { enum: ['mandate', 'legalDuty', 'exception'] }).notNull(),
  mandateId: integer('mandate_id').references(() => mandates.id),
  legalDuty: text('legal_duty'),
  exceptionArguments: text('exception_arguments'),
  /** Exceptions (R12) are flagged for the privacy officer until reviewed. */
  flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewedAt: text('reviewed_at'),
  reviewNote: text('review_note'),
  note: text('note'),
  recordedBy: integer('recorded_by').notNull().references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
}, (t) => [
  index('disclosures_participant').on(t.participantId, t.disclosedOn),
  index('disclosures_recipient').on(t.recipientId),
  index('disclosures_mandate').on(t.mandateId), // foreign-key check when a mandate is destroyed (issue 11)
]);

export const disclosureItems = sqliteTable('disclosure_items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  disclosureId: integer('disclosure_id').notNull().references(() => disclosures.id),
  kind: text('kind', { enum: ['field', 'entry', 'document'] }).notNull(),
  field: text('field'),
  entryId: integer('entry_id'),
  documentId: integer('document_id'),
}, (t) => [index('disclosure_items_disclosure').on(t.disclosureId)]);

export const objections = sqliteTable('objections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  requestId: integer('request_id').references(() => requests.id),
  circumstances: text('circumstances').notNull(),
  receivedOn: text('received_on').notNull(),
  dueOn: text('due_on').notNull(),
  policyName: text('policy_name').notNull(),
  status: text('status', { enum: ['pending', 'upheld', 'rejected'] }).notNull(),
  reasons: text('reasons'),
  decidedOn: text('decided_on'),
  decidedBy: integer('decided_by').references(() => users.id),
  recordedBy: integer('recorded_by').notNull().references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
}, (t) => [index('objections_participant').on(t.participantId)]);

export const objectionRecipients = sqliteTable('objection_recipients', {
  objectionId: integer('objection_id').notNull().references(() => objections.id),
  recipientId: integer('recipient_id').notNull().references(() => recipients.id),
}, (t) => [primaryKey({ columns: [t.objectionId, t.recipientId] })]);

export const verwijsindexRegistrations = sqliteTable('verwijsindex_registrations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  registeredOn: text('registered_on').notNull(),
  signalReason: text('signal_reason').notNull(),
  registeredBy: integer('registered_by').notNull().references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
  objectedOn: text('objected_on'),
  objectionNote: text('objection_note'),
  objectionOutcome: text('objection_outcome', { enum: ['pending', 'upheld', 'rejected'] }),
  endedOn: text('ended_on'),
  endReason: text('end_reason'),
}, (t) => [index('verwijsindex_participant').on(t.participantId)]);
