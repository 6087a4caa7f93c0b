// Shields (afscherming, R26, R22): a part of a dossier hidden from named audiences. A shield has
// one target (the dossier, a field, a data category, an entry, a document, a trajectory) and one
// or more audiences (a named user, a named recipient, the participant's copy). Shields are never
// deleted by the app: lifting records who, when and why (triggers in a custom migration).
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { participants, users } from './schema.ts';
import { requests } from './schema-requests.ts';
import { recipients } from './schema-consent.ts';

export const shields = sqliteTable('shields', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id').notNull().references(() => participants.id),
  targetKind: text('target_kind', { enum: ['dossier', 'field', 'category', 'entry', 'document', 'trajectory'] }).notNull(),
  /** The field or category name, or the id of the entry, document or trajectory; null for the dossier. */
  targetRef: text('target_ref'),
  requestedBy: text('requested_by', { enum: ['participant', 'representative', 'staff'] }).notNull(),
  representativeName: text('representative_name'),
  reason: text('reason').notNull(),
  /** An afscherming request: its shields are proposed until the request is decided. */
  requestId: integer('request_id').references(() => requests.id),
  status: text('status', { enum: ['proposed', 'active', 'lifted', 'refused'] }).notNull(),
  placedBy: integer('placed_by').notNull().references(() => users.id),
  placedAt: text('placed_at').notNull(),
  activatedAt: text('activated_at'),
  liftedBy: integer('lifted_by').references(() => users.id),
  liftedAt: text('lifted_at'),
  liftReason: text('lift_reason'),
}, (t) => [index('shields_participant').on(t.participantId, t.status), index('shields_request').on(t.requestId)]);

export const shieldAudiences = sqliteTable('shield_audiences', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  shieldId: integer('shield_id').notNull().references(() => shields.id),
  kind: text('kind', { enum: ['user', 'recipient', 'participantCopy'] }).notNull(),
  userId: integer('user_id').references(() => users.id),
  recipientId: integer('recipient_id').references(() => recipients.id),
}, (t) => [index('shield_audiences_shield').on(t.shieldId), index('shield_audiences_user').on(t.userId), index('shield_audiences_recipient').on(t.recipientId)]);
