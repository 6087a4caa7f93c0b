// Erasure of named items of a dossier (R28, FT 4.4d, AVG art. 17): a participant field, a journal
// entry or a document, with the same guarantees as destruction (R44, R07). The value and every
// earlier value go (the field's history, the entry's history); the search index forgets an erased
// name or place (the participants trigger of migration 0012 hands the old values to FTS5's
// secure 'delete'); freed cells are zeroed (secure_delete); the caller checkpoints the WAL with
// TRUNCATE after its transaction (checkpointTruncate) and reports a checkpoint that is not clean.
// Where the erased value was copied into a request, it goes too: the value an earlier correction
// proposed for it, and the stored letter that told a recipient about that correction.
// Audit reasons are per operation (break-the-glass, restriction, extension), never per field,
// entry or document, so there is none to erase here; dossiers.update's reason lives in the field
// history, which goes. The caller (a carried-out verwijdering request, core/requests) decides that
// the items may go and lists their earlier recipients (AVG art. 19).
import type { Sqlite } from '../../db/connection.ts';
import { participantFields, type ParticipantField } from '../api/categories.ts';

export type ErasureItem =
  | { kind: 'field'; field: ParticipantField }
  | { kind: 'entry'; entryId: number }
  | { kind: 'document'; documentId: number };

/** Fields a dossier cannot do without: erasing them would leave a dossier without a name (R29 forgets the whole dossier instead). */
export const REQUIRED_FIELDS: readonly ParticipantField[] = ['firstName', 'lastName'];

export type ErasureRefusal = 'requiredField' | 'notInDossier' | 'mandateDocument';

/** Why an item cannot be erased, or null: checked at intake and again when the request is carried out. */
export function erasureRefusal(sqlite: Sqlite, participantId: number, item: ErasureItem): ErasureRefusal | null {
  switch (item.kind) {
    case 'field':
      if (!Object.hasOwn(participantFields, item.field)) return 'notInDossier';
      return REQUIRED_FIELDS.includes(item.field) ? 'requiredField' : null;
    case 'entry':
      return sqlite.prepare('SELECT 1 FROM entries WHERE id = ? AND participant_id = ?').get(item.entryId, participantId) ? null : 'notInDossier';
    case 'document':
      if (!sqlite.prepare('SELECT 1 FROM documents WHERE id = ? AND participant_id = ?').get(item.documentId, participantId)) return 'notInDossier';
      // The signed form of a mandate is the proof of consent (R10, R17): it stays while the mandate does.
      return sqlite.prepare('SELECT 1 FROM mandates WHERE document_id = ?').get(item.documentId) ? 'mandateDocument' : null;
  }
}

export class ErasureError extends Error {
  constructor(readonly code: ErasureRefusal, readonly item: ErasureItem) { super(`erasure refused: ${code}`); }
}

/** The text that replaces a stored notification letter that quoted erased data. */
export const ERASED_LETTER = 'De tekst van deze brief is gewist: hij noemde gegevens die later op verzoek van de deelnemer zijn verwijderd (AVG art. 17).';

export interface EraseResult {
  fields: ParticipantField[];
  entryIds: number[];
  documentIds: number[];
  /** Rows removed or blanked per table. */
  rows: Record<string, number>;
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Earlier corrections that carried the item's value: the proposed value, and the letters that quoted it. */
function forgetInRequests(sqlite: Sqlite, participantId: number, where: string, ref: string | number, rows: Record<string, number>): void {
  const ofParticipant = `request_id IN (SELECT id FROM requests WHERE participant_id = ?) AND ${where}`;
  const letters = sqlite.prepare(`UPDATE request_notifications SET letter = ? WHERE letter <> ? AND request_id IN (SELECT request_id FROM request_changes WHERE ${ofParticipant} AND accepted = 1)`)
    .run(ERASED_LETTER, ERASED_LETTER, participantId, ref).changes;
  const proposed = sqlite.prepare(`UPDATE request_changes SET proposed_value = NULL, proposed_title = NULL WHERE ${ofParticipant} AND (proposed_value IS NOT NULL OR proposed_title IS NOT NULL)`)
    .run(participantId, ref).changes;
  rows.request_notifications = (rows.request_notifications ?? 0) + letters;
  rows.request_changes = (rows.request_changes ?? 0) + proposed;
}

/**
 * Erases the items inside the caller's transaction; refuses (ErasureError, nothing changed once
 * the caller rolls back) an item that may not go. An item already gone counts 0 rows.
 */
export function eraseItems(sqlite: Sqlite, participantId: number, items: readonly ErasureItem[], nowIso: string): EraseResult {
  for (const item of items) {
    const refusal = erasureRefusal(sqlite, participantId, item);
    if (refusal && refusal !== 'notInDossier') throw new ErasureError(refusal, item);
  }
  const rows: Record<string, number> = { participants: 0, participant_history: 0, entry_history: 0, entries: 0, documents: 0 };
  const out: EraseResult = { fields: [], entryIds: [], documentIds: [], rows };
  for (const item of items) {
    if (item.kind === 'field') {
      // A searched column (name prefix, city): the BEFORE UPDATE trigger removes the old tokens.
      rows.participants! += sqlite.prepare(`UPDATE participants SET "${snake(item.field)}" = NULL, updated_at = ? WHERE id = ?`).run(nowIso, participantId).changes;
      rows.participant_history! += sqlite.prepare('DELETE FROM participant_history WHERE participant_id = ? AND field = ?').run(participantId, item.field).changes;
      forgetInRequests(sqlite, participantId, "target = 'field' AND field = ?", item.field, rows);
      out.fields.push(item.field);
    } else if (item.kind === 'entry') {
      rows.entry_history! += sqlite.prepare('DELETE FROM entry_history WHERE entry_id IN (SELECT id FROM entries WHERE id = ? AND participant_id = ?)').run(item.entryId, participantId).changes;
      rows.entries! += sqlite.prepare('DELETE FROM entries WHERE id = ? AND participant_id = ?').run(item.entryId, participantId).changes;
      forgetInRequests(sqlite, participantId, "target = 'entry' AND entry_id = ?", item.entryId, rows);
      out.entryIds.push(item.entryId);
    } else {
      rows.documents! += sqlite.prepare('DELETE FROM documents WHERE id = ? AND participant_id = ?').run(item.documentId, participantId).changes;
      out.documentIds.push(item.documentId);
    }
  }
  return out;
}
