// Copies handed to the participant (R21, R31). A copy to the participant is not a third-party
// disclosure, so it is not a row of `disclosures` (whose recipients are organisations): each copy
// made for a request is registered here, with a SHA-256 per file and the channel the passphrase
// went by. The passphrase itself is never stored.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { participants, users } from './schema.ts';
import { requests } from './schema-requests.ts';

export const copies = sqliteTable('copies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id').notNull().references(() => requests.id),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  format: text('format', { enum: ['pdf', 'zip', 'both'] }).notNull(),
  contents: text('contents', { enum: ['full', 'overview'] }).notNull(),
  /** JSON: [{ fileName, sha256, size }] — names carry the dossier number and date only. */
  files: text('files').notNull(),
  passphraseChannel: text('passphrase_channel', { enum: ['phone', 'inPerson', 'sms', 'letter'] }).notNull(),
  madeBy: integer('made_by').notNull().references(() => users.id),
  madeAt: text('made_at').notNull(),
}, (t) => [index('copies_request').on(t.requestId)]);
