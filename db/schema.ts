// Drizzle schema of the vault database. Migrations are generated from this file by drizzle-kit
// (`npm run db:generate`); the FTS5 index and the audit guards live in custom SQL migrations
// because drizzle-kit cannot express virtual tables or triggers.
import { sqliteTable, integer, text, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['consultant', 'administration', 'privacyOfficer', 'board', 'administrator'] }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  deactivatedAt: text('deactivated_at'),
  // Issue 12 finding 5: a password set by someone else (created, reset, recovered) is temporary
  // until its owner replaces it; who set it and when is shown to the owner at sign-in.
  passwordTemporary: integer('password_temporary', { mode: 'boolean' }).notNull().default(false),
  passwordSetHow: text('password_set_how', { enum: ['created', 'reset', 'recovery', 'self'] }),
  passwordSetBy: integer('password_set_by'),
  passwordSetAt: text('password_set_at'),
  // A new account with dossier access waits for a privacy officer's approval (finding 5).
  approval: text('approval', { enum: ['approved', 'pending'] }).notNull().default('approved'),
  createdBy: integer('created_by'),
}, (t) => [uniqueIndex('users_username').on(t.username)]);

export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dossierNumber: text('dossier_number').notNull(),
  firstName: text('first_name').notNull(),
  lastNamePrefix: text('last_name_prefix'),
  lastName: text('last_name').notNull(),
  birthDate: text('birth_date'),
  gender: text('gender'),
  street: text('street'),
  houseNumber: text('house_number'),
  postcode: text('postcode'),
  city: text('city'),
  phone: text('phone'),
  email: text('email'),
  phoneSecret: integer('phone_secret', { mode: 'boolean' }).notNull().default(false),
  emailSecret: integer('email_secret', { mode: 'boolean' }).notNull().default(false),
  livingSituation: text('living_situation'),
  familySituation: text('family_situation'),
  financialSituation: text('financial_situation'),
  workHistory: text('work_history'),
  workCapabilities: text('work_capabilities'),
  medicalNotes: text('medical_notes'),
  disability: text('disability'),
  source: text('source', { enum: ['participant', 'commissioner'] }).notNull(),
  sourceNote: text('source_note'),
  dateOfDeath: text('date_of_death'),
  status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  closedAt: text('closed_at'),
}, (t) => [
  uniqueIndex('participants_dossier_number').on(t.dossierNumber),
  index('participants_birth_date').on(t.birthDate),
  index('participants_name').on(t.lastName, t.firstName, t.id),
  // Sorting a few hundred name matches reads this small index instead of the wide rows (search.ts).
  index('participants_sort').on(t.id, t.lastName, t.firstName),
]);

/** Every change of a participant field keeps the previous value (issue 2: history of changes). */
export const participantHistory = sqliteTable('participant_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  field: text('field').notNull(),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  changedBy: integer('changed_by').notNull().references(() => users.id),
  changedAt: text('changed_at').notNull(),
  reason: text('reason'),
}, (t) => [index('participant_history_participant').on(t.participantId)]);

export const trajectories = sqliteTable('trajectories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  type: text('type', { enum: ['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other'] }).notNull(),
  commissioner: text('commissioner').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date'),
  status: text('status', { enum: ['planned', 'active', 'closed'] }).notNull(),
  description: text('description'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('trajectories_participant').on(t.participantId)]);

export const entries = sqliteTable('entries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  trajectoryId: integer('trajectory_id').references(() => trajectories.id),
  kind: text('kind', { enum: ['note', 'conversation', 'report'] }).notNull(),
  entryDate: text('entry_date').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  authorId: integer('author_id').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  index('entries_participant_date').on(t.participantId, t.entryDate),
  // Deleting a trajectory (destruction, issue 11) checks the foreign key of every entry: without
  // this index a full scan of all entries per trajectory (0.1 s at 10,000 participants).
  index('entries_trajectory').on(t.trajectoryId),
]);

export const entryHistory = sqliteTable('entry_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  entryId: integer('entry_id').notNull().references(() => entries.id),
  oldTitle: text('old_title').notNull(),
  oldBody: text('old_body').notNull(),
  changedBy: integer('changed_by').notNull().references(() => users.id),
  changedAt: text('changed_at').notNull(),
}, (t) => [index('entry_history_entry').on(t.entryId)]);

/** Attachments are BLOBs inside the encrypted database, never loose files (R07). */
export const documents = sqliteTable('documents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  kind: text('kind', { enum: ['cv', 'idCopy', 'consentForm', 'actionPlan', 'report', 'conversationReport', 'other'] }).notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: blob('content', { mode: 'buffer' }).notNull(),
  uploadedBy: integer('uploaded_by').notNull().references(() => users.id),
  uploadedAt: text('uploaded_at').notNull(),
}, (t) => [
  index('documents_participant').on(t.participantId),
  // The retention schedule reads each dossier's last upload without walking the content pages.
  index('documents_participant_uploaded').on(t.participantId, t.uploadedAt),
]);

export const caseload = sqliteTable('caseload', {
  participantId: integer('participant_id').notNull().references(() => participants.id),
  userId: integer('user_id').notNull().references(() => users.id),
  assignedAt: text('assigned_at').notNull(),
  assignedBy: integer('assigned_by').notNull().references(() => users.id),
}, (t) => [
  uniqueIndex('caseload_pair').on(t.participantId, t.userId),
  index('caseload_user').on(t.userId),
]);

/** Access outside the caseload, with the stated reason (R04). */
export const breakGlass = sqliteTable('break_glass', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  reason: text('reason').notNull(),
  grantedAt: text('granted_at').notNull(),
  expiresAt: text('expires_at').notNull(),
}, (t) => [index('break_glass_user_participant').on(t.userId, t.participantId)]);

/**
 * Audit trail (R05, NEN 7513 fields). Hash-chained; triggers in a custom migration refuse
 * UPDATE and DELETE so no code path of the app can edit it.
 */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  action: text('action').notNull(),
  outcome: text('outcome').notNull(),
  userId: integer('user_id'),
  username: text('username'),
  onBehalfOf: text('on_behalf_of'),
  workstation: text('workstation').notNull(),
  participantId: integer('participant_id'),
  objects: text('objects').notNull(),
  reason: text('reason'),
  flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  // Chain format 2 (issue 11): the hash covers reason_digest = sha256(reason_salt ‖ reason), so
  // destroying a dossier can erase the reason and its salt while the line still verifies.
  chainVersion: integer('chain_version').notNull().default(1),
  reasonSalt: text('reason_salt'),
  reasonDigest: text('reason_digest'),
}, (t) => [
  index('audit_participant').on(t.participantId),
  index('audit_at').on(t.at),
]);
export * from './schema-requests.ts';
export * from './schema-consent.ts';
export * from './schema-shielding.ts';
export * from './schema-copies.ts';
export * from './schema-retention.ts';
