// Mandates (R10, R11, R17): written consent of the participant to share data with, or obtain it
// from, one named recipient, for one purpose and named data categories, in a period. A withdrawal
// is recorded with its date and how it was given, and from that date the mandate covers nothing.
import { assertTargetsVisible, listLens, type ListLens } from '../access/view.ts';
import { requireAccess } from '../access/service.ts';
import { domainError } from '../api/errors.ts';
import { addCalendarDays } from '../calendar/index.ts';
import { loadPolicy } from '../requests/policy.ts';
import { activeRecipient } from '../recipients/service.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { Sqlite } from '../../db/connection.ts';
import { z } from 'zod';
import { DataCategoryName, type consentContract, type Mandate } from './contract.ts';

type MandateState = Mandate['state'];

export interface MandateRow {
  id: number; participantId: number; direction: Mandate['direction']; recipientId: number; recipientName: string; recipientKind: Mandate['recipientKind'];
  purpose: Mandate['purpose']; purposeNote: string | null; categories: string; validFrom: string; validUntil: string | null;
  givenHow: Mandate['givenHow']; documentId: number | null; documentName: string | null; oralNote: string | null; recordedBy: string; recordedAt: string;
  withdrawnOn: string | null; withdrawnHow: Mandate['withdrawnHow']; withdrawalNote: string | null; withdrawnBy: string | null;
}

export const MANDATE_SELECT = `SELECT m.id, m.participant_id AS participantId, m.direction, m.recipient_id AS recipientId, r.name AS recipientName,
  r.kind AS recipientKind, m.purpose, m.purpose_note AS purposeNote, m.categories, m.valid_from AS validFrom, m.valid_until AS validUntil,
  m.given_how AS givenHow, m.document_id AS documentId, d.file_name AS documentName, m.oral_note AS oralNote, u.display_name AS recordedBy,
  m.recorded_at AS recordedAt, m.withdrawn_on AS withdrawnOn, m.withdrawn_how AS withdrawnHow, m.withdrawal_note AS withdrawalNote,
  w.display_name AS withdrawnBy
  FROM mandates m JOIN recipients r ON r.id = m.recipient_id JOIN users u ON u.id = m.recorded_by
  LEFT JOIN documents d ON d.id = m.document_id LEFT JOIN users w ON w.id = m.withdrawn_by`;

const StoredCategories = z.array(DataCategoryName);
export const readCategories = (json: string) => StoredCategories.parse(JSON.parse(json));

/** The state of a mandate on a date: a withdrawal blocks from its date on (R17). */
export function mandateStateOn(m: Pick<MandateRow, 'validFrom' | 'validUntil' | 'withdrawnOn'>, date: string): MandateState {
  if (m.withdrawnOn !== null && m.withdrawnOn <= date) return 'withdrawn';
  if (date < m.validFrom) return 'notYetValid';
  if (m.validUntil !== null && date > m.validUntil) return 'expired';
  return 'active';
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function mandateView(m: MandateRow, today: string, lens?: ListLens): Mandate {
  const state = mandateStateOn(m, today);
  // The signed form is a document of the dossier: not named where it is shielded from the viewer (R26).
  if (lens && m.documentId !== null && lens.part(m.participantId, { kind: 'document', documentId: m.documentId })) m = { ...m, documentId: null, documentName: null };
  return { ...m, categories: readCategories(m.categories), state, daysLeft: state === 'active' && m.validUntil ? daysBetween(today, m.validUntil) : null };
}

export function loadMandate(sqlite: Sqlite, mandateId: number): MandateRow {
  const row = sqlite.prepare(`${MANDATE_SELECT} WHERE m.id = ?`).get(mandateId) as MandateRow | undefined;
  if (!row) throw domainError('mandate.notFound');
  return row;
}

export function mandatesOf(sqlite: Sqlite, participantId: number): MandateRow[] {
  return sqlite.prepare(`${MANDATE_SELECT} WHERE m.participant_id = ? ORDER BY m.valid_from DESC, m.id DESC`).all(participantId) as MandateRow[];
}

export const mandateHandlers: Pick<Handlers<typeof consentContract>, 'mandates.record' | 'mandates.withdraw' | 'mandates.list' | 'mandates.overview'> = {
  'mandates.record': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    activeRecipient(ctx.sqlite, input.recipientId);
    if (input.validUntil !== null && input.validUntil < input.validFrom) throw domainError('mandate.periodInvalid');
    let documentId: number | null = null;
    let oralNote: string | null = null;
    if (input.given.how === 'signedForm') {
      // The signed form is a document of this participant's dossier (MEE 7, FT 3.2: in writing).
      if (!ctx.sqlite.prepare('SELECT 1 FROM documents WHERE id = ? AND participant_id = ?').get(input.given.documentId, input.participantId)) {
        throw domainError('mandate.documentRequired');
      }
      assertTargetsVisible(ctx, input.participantId, [{ kind: 'document', documentId: input.given.documentId }]);
      documentId = input.given.documentId;
    } else {
      if (!loadPolicy(ctx.sqlite).profile.consent.oralConsentAllowed) throw domainError('mandate.oralNotAllowed');
      if (input.given.note.length < 10) throw domainError('mandate.oralNoteRequired');
      oralNote = input.given.note;
    }
    const { id } = ctx.sqlite.prepare(`INSERT INTO mandates (participant_id, direction, recipient_id, purpose, purpose_note, categories, valid_from, valid_until,
      given_how, document_id, oral_note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(
      input.participantId, input.direction, input.recipientId, input.purpose, input.purposeNote, JSON.stringify(input.categories), input.validFrom,
      input.validUntil, input.given.how, documentId, oralNote, ctx.session.userId, ctx.nowIso) as { id: number };
    ctx.note.objects = { mandateId: id, recipientId: input.recipientId, categories: input.categories };
    return mandateView(loadMandate(ctx.sqlite, id), ctx.today, listLens(ctx));
  },

  'mandates.withdraw': (ctx: Ctx, input) => {
    const m = loadMandate(ctx.sqlite, input.mandateId);
    requireAccess(ctx, m.participantId);
    if (m.withdrawnOn !== null) throw domainError('mandate.alreadyWithdrawn', { on: m.withdrawnOn });
    if (input.withdrawnOn > ctx.today) throw domainError('date.inFuture');
    // R17: consent can be withdrawn at any time, however it is expressed; from this date it covers nothing.
    ctx.sqlite.prepare('UPDATE mandates SET withdrawn_on = ?, withdrawn_how = ?, withdrawal_note = ?, withdrawn_by = ?, withdrawn_at = ? WHERE id = ?')
      .run(input.withdrawnOn, input.how, input.note, ctx.session.userId, ctx.nowIso, m.id);
    ctx.note.objects = { mandateId: m.id };
    return mandateView(loadMandate(ctx.sqlite, m.id), ctx.today, listLens(ctx));
  },

  'mandates.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    const lens = listLens(ctx);
    return mandatesOf(ctx.sqlite, input.participantId).map((m) => mandateView(m, ctx.today, lens));
  },

  'mandates.overview': (ctx: Ctx, input) => {
    const lens = listLens(ctx);
    const rows = (ctx.sqlite.prepare(`${MANDATE_SELECT.replace('FROM mandates m', ', p.first_name AS firstName, p.last_name_prefix AS prefix, p.last_name AS lastName, p.dossier_number AS dossierNumber FROM mandates m JOIN participants p ON p.id = m.participant_id')}
      ORDER BY coalesce(m.valid_until, '9999-12-31'), m.id`).all() as (MandateRow & { firstName: string; prefix: string | null; lastName: string; dossierNumber: string })[])
      .filter((m) => !lens.hidden(m.participantId))
      .map(({ firstName, prefix, lastName, ...m }) => ({ ...mandateView(m, ctx.today, lens), participantName: lens.name(m.participantId, [firstName, prefix, lastName].filter(Boolean).join(' ')), dossierNumber: m.dossierNumber }));
    const horizon = addCalendarDays(ctx.today, input.expiringWithinDays);
    const active = rows.filter((m) => m.state === 'active');
    const withdrawn = rows.filter((m) => m.state === 'withdrawn' || m.withdrawnOn !== null);
    // A list of many dossiers: the audit line names each one shown (R05).
    ctx.note.objects = { shown: [...new Set(rows.map((m) => m.participantId))] };
    return {
      today: ctx.today,
      active,
      expiring: active.filter((m) => m.validUntil !== null && m.validUntil <= horizon),
      withdrawn: withdrawn.sort((a, b) => (b.withdrawnOn ?? '').localeCompare(a.withdrawnOn ?? '')),
    };
  },
};
