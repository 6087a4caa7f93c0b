// Reading the disclosure register: one disclosure with its items, and the earlier recipients of
// given fields or entries, which a granted correction notifies (R14, R24).
import { domainError } from '../api/errors.ts';
import type { ParticipantField } from '../api/categories.ts';
import { readCategories } from '../consent/index.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { ListLens } from '../access/view.ts';
import type { z } from 'zod';
import type { Disclosure } from './contract.ts';

export type DisclosureView = z.infer<typeof Disclosure>;
type Row = Omit<DisclosureView, 'categories' | 'items' | 'flagged'> & { categories: string; flagged: number };

export const DISCLOSURE_SELECT = `SELECT s.id, s.participant_id AS participantId, s.recipient_id AS recipientId, r.name AS recipientName, r.kind AS recipientKind,
  s.disclosed_on AS disclosedOn, s.purpose, s.categories, s.channel, s.basis, s.mandate_id AS mandateId, s.legal_duty AS legalDuty,
  s.exception_arguments AS exceptionArguments, s.flagged, v.display_name AS reviewedBy, s.reviewed_at AS reviewedAt, s.review_note AS reviewNote,
  s.note, u.display_name AS recordedBy, s.recorded_at AS recordedAt
  FROM disclosures s JOIN recipients r ON r.id = s.recipient_id JOIN users u ON u.id = s.recorded_by LEFT JOIN users v ON v.id = s.reviewed_by`;

/** One register line; with a lens, items shielded from the viewer are left out (R26). */
export function disclosureView(sqlite: Sqlite, row: Row, lens?: ListLens): DisclosureView {
  const items = (sqlite.prepare('SELECT kind, field, entry_id AS entryId, document_id AS documentId FROM disclosure_items WHERE disclosure_id = ? ORDER BY id')
    .all(row.id) as { kind: 'field' | 'entry' | 'document'; field: ParticipantField | null; entryId: number | null; documentId: number | null }[])
    .filter((i) => !lens || !(i.kind === 'field' ? lens.part(row.participantId, { kind: 'field', field: i.field! })
      : i.kind === 'entry' ? lens.part(row.participantId, { kind: 'entry', entryId: i.entryId! }) : lens.part(row.participantId, { kind: 'document', documentId: i.documentId! })));
  return {
    ...row,
    categories: readCategories(row.categories),
    flagged: row.flagged === 1,
    items: {
      fields: items.filter((i) => i.kind === 'field').map((i) => i.field!),
      entryIds: items.filter((i) => i.kind === 'entry').map((i) => i.entryId!),
      documentIds: items.filter((i) => i.kind === 'document').map((i) => i.documentId!),
    },
  };
}

export function loadDisclosure(sqlite: Sqlite, id: number): DisclosureView {
  const row = sqlite.prepare(`${DISCLOSURE_SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
  if (!row) throw domainError('disclosure.notFound');
  return disclosureView(sqlite, row);
}

export function disclosuresOf(sqlite: Sqlite, participantId: number, lens?: ListLens): DisclosureView[] {
  return (sqlite.prepare(`${DISCLOSURE_SELECT} WHERE s.participant_id = ? ORDER BY s.disclosed_on DESC, s.id DESC`).all(participantId) as Row[])
    .map((r) => disclosureView(sqlite, r, lens));
}

export interface EarlierRecipient {
  recipientId: number | null;
  recipientName: string;
  disclosureIds: number[];
  disclosedOn: string[];
}

/** Every recipient that received any of these fields or entries of this participant, with which disclosures and when (R24). */
export function recipientsOfItems(sqlite: Sqlite, participantId: number, items: { fields: readonly string[]; entryIds: readonly number[]; documentIds?: readonly number[]; everything?: boolean }): EarlierRecipient[] {
  const documentIds = items.documentIds ?? [];
  if (!items.everything && items.fields.length === 0 && items.entryIds.length === 0 && documentIds.length === 0) return [];
  // everything: the whole dossier is concerned (anonymisation, R29), so every disclosure of it.
  const rows = sqlite.prepare(`SELECT DISTINCT s.id, s.recipient_id AS recipientId, r.name AS recipientName, s.disclosed_on AS disclosedOn
    FROM disclosures s JOIN recipients r ON r.id = s.recipient_id LEFT JOIN disclosure_items i ON i.disclosure_id = s.id
    WHERE s.participant_id = ? AND (? = 1 OR (i.kind = 'field' AND i.field IN (SELECT value FROM json_each(?)))
      OR (i.kind = 'entry' AND i.entry_id IN (SELECT value FROM json_each(?)))
      OR (i.kind = 'document' AND i.document_id IN (SELECT value FROM json_each(?))))
    ORDER BY r.name, s.recipient_id, s.disclosed_on, s.id`).all(participantId, items.everything ? 1 : 0, JSON.stringify(items.fields), JSON.stringify(items.entryIds), JSON.stringify(documentIds)) as
    { id: number; recipientId: number; recipientName: string; disclosedOn: string }[];
  const byRecipient = new Map<number, EarlierRecipient>();
  for (const r of rows) {
    const found = byRecipient.get(r.recipientId) ?? { recipientId: r.recipientId, recipientName: r.recipientName, disclosureIds: [], disclosedOn: [] };
    found.disclosureIds.push(r.id);
    if (!found.disclosedOn.includes(r.disclosedOn)) found.disclosedOn.push(r.disclosedOn);
    byRecipient.set(r.recipientId, found);
  }
  return [...byRecipient.values()];
}
