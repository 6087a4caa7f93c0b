// To be forgotten (R29, MEE 8): the dossier is anonymised so that it no longer links to the
// person, and stays only as a record for the statistics (R16) until the retention schedule
// destroys it at the end of its term (R40, R44). What stays and what goes is one plan over every
// table of the destruction plan (a test refuses a table that is in one and not the other):
// - gone: journal entries with their history, documents, the field history, statements,
//   restrictions, shields, objections, break-the-glass grants, Verwijsindex registrations,
//   caseload, copies (their file names carry the old dossier number), lifted or expired holds;
// - kept, without free text: the participant (names → a placeholder, birth date → its year,
//   contact, address and every free-text field → empty, a new random dossier number), the
//   trajectories (type and status for the statistics; commissioner and description gone; dates to
//   the year), mandates and disclosures (counted by the statistics; their notes gone, their dates
//   kept: the register of R14 and the notices to recipients need them), the requests (their
//   descriptions, names, identity checks, reasons and letters gone);
// - audit lines stay (R05), their free-text reasons erased (chain format 2, as in destruction).
// An open dossier is closed (a running trajectory ends today): nobody can work on it any more, and
// an open dossier has no term, so it would never be destroyed. Dates a term counts from (a
// trajectory's end, death, closing) go to the last day of their year, or today if that is
// earlier, so the term never ends before the real one and never lies in the future by more than
// a year; birth and start dates go to the first day of their year. The caller checkpoints the WAL
// with TRUNCATE after its transaction, as for destruction.
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../../db/connection.ts';
import { eraseAuditReasons } from '../audit/chain.ts';
import { whileDestroying } from './destroy.ts';
import { activeHoldsSplit } from './holds.ts';

export const ANONYMOUS_NAME = 'Geanonimiseerd';
const BLANK = `${ANONYMOUS_NAME} (R29)`;

type Step = { action: 'delete'; where: string } | { action: 'blank'; sql: string } | { action: 'keep'; why: string };
const yearEnd = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL ELSE min(substr(${col}, 1, 4) || '-12-31', @today) END`;
const yearStart = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL ELSE substr(${col}, 1, 4) || '-01-01' END`;

/** Per table of the destruction plan, in an order the foreign keys allow (children first). `?`/@p is the participant. */
export const ANONYMISATION_PLAN: Readonly<Record<string, Step>> = {
  disclosure_items: { action: 'keep', why: 'ids of what was disclosed, no content' },
  disclosures: { action: 'blank', sql: 'UPDATE disclosures SET note = NULL, exception_arguments = NULL, review_note = NULL WHERE participant_id = @p' },
  objection_recipients: { action: 'delete', where: 'objection_id IN (SELECT id FROM objections WHERE participant_id = ?)' },
  objections: { action: 'delete', where: 'participant_id = ?' },
  shield_audiences: { action: 'delete', where: 'shield_id IN (SELECT id FROM shields WHERE participant_id = ?)' },
  shields: { action: 'delete', where: 'participant_id = ?' },
  own_statements: { action: 'delete', where: 'participant_id = ?' },
  restrictions: { action: 'delete', where: 'participant_id = ?' },
  copies: { action: 'delete', where: 'participant_id = ?' },
  request_board_decisions: { action: 'blank', sql: `UPDATE request_board_decisions SET decision = '${BLANK}' WHERE request_id IN (SELECT id FROM requests WHERE participant_id = @p)` },
  request_changes: { action: 'blank', sql: 'UPDATE request_changes SET proposed_value = NULL, proposed_title = NULL WHERE request_id IN (SELECT id FROM requests WHERE participant_id = @p)' },
  request_consultations: { action: 'blank', sql: `UPDATE request_consultations SET third_party = '${BLANK}', note = NULL WHERE request_id IN (SELECT id FROM requests WHERE participant_id = @p)` },
  request_notifications: { action: 'blank', sql: `UPDATE request_notifications SET letter = '${BLANK}', reason = NULL WHERE request_id IN (SELECT id FROM requests WHERE participant_id = @p)` },
  requests: {
    action: 'blank',
    sql: `UPDATE requests SET description = '${BLANK}', representative_name = NULL, representative_relation = NULL, identity_checked_against = NULL,
      reasons = NULL, extension_reason = NULL, carried_out_note = NULL WHERE participant_id = @p`,
  },
  mandates: { action: 'blank', sql: 'UPDATE mandates SET purpose_note = NULL, oral_note = NULL, withdrawal_note = NULL, document_id = NULL WHERE participant_id = @p' },
  entry_history: { action: 'delete', where: 'entry_id IN (SELECT id FROM entries WHERE participant_id = ?)' },
  entries: { action: 'delete', where: 'participant_id = ?' },
  documents: { action: 'delete', where: 'participant_id = ?' },
  trajectories: {
    action: 'blank',
    sql: `UPDATE trajectories SET commissioner = '${ANONYMOUS_NAME}', description = NULL, status = CASE WHEN status = 'active' THEN 'closed' ELSE status END,
      end_date = CASE WHEN status = 'active' AND end_date IS NULL THEN @today ELSE ${yearEnd('end_date')} END, start_date = ${yearStart('start_date')} WHERE participant_id = @p`,
  },
  participant_history: { action: 'delete', where: 'participant_id = ?' },
  caseload: { action: 'delete', where: 'participant_id = ?' },
  break_glass: { action: 'delete', where: 'participant_id = ?' },
  verwijsindex_registrations: { action: 'delete', where: 'participant_id = ?' },
  // An active hold refuses anonymisation (anonymiseParticipant); the trigger lets only a lifted or expired one go.
  retention_holds: { action: 'delete', where: 'participant_id = ?' },
  participants: {
    action: 'blank',
    sql: `UPDATE participants SET first_name = '', last_name_prefix = NULL, last_name = '${ANONYMOUS_NAME}', dossier_number = @number,
      birth_date = ${yearStart('birth_date')}, gender = NULL, street = NULL, house_number = NULL, postcode = NULL, city = NULL, phone = NULL, email = NULL,
      phone_secret = 0, email_secret = 0, living_situation = NULL, family_situation = NULL, financial_situation = NULL, work_history = NULL,
      work_capabilities = NULL, medical_notes = NULL, disability = NULL, source_note = NULL, date_of_death = ${yearEnd('date_of_death')},
      status = 'closed', closed_at = coalesce(${yearEnd('closed_at')} || 'T12:00:00.000Z', @now), created_at = substr(created_at, 1, 4) || '-01-01T12:00:00.000Z',
      updated_at = @now WHERE id = @p`,
  },
};

export interface AnonymiseResult {
  participantId: number;
  dossierNumber: string;
  /** Rows removed or blanked per table. */
  rows: Record<string, number>;
  auditReasonsErased: number;
  /** Chain-format-1 reasons that cannot be erased (docs/security.md). */
  auditReasonsKept: number;
}

/** A new dossier number that carries nothing: not sequential, not the year, not the old one (ANONYMOUS_NUMBER). */
function anonymousNumber(sqlite: Sqlite): string {
  for (;;) {
    const n = `AN-${randomBytes(8).toString('hex').toUpperCase()}`;
    if (!sqlite.prepare('SELECT 1 FROM participants WHERE dossier_number = ?').get(n)) return n;
  }
}

export class AnonymiseError extends Error {
  constructor(readonly code: 'notFound' | 'held') { super(`anonymisation refused: ${code}`); }
}

/**
 * Anonymises one dossier inside the caller's transaction (see the plan above). `today` is the Dutch
 * date. `reapplying` (with `dossierNumber`): an anonymisation the trusted ledger proves, carried out
 * again in a restored backup (core/retention/erasures.ts) — the holds it names (`holdIds`, known to
 * the ledger line, so lifted in the live vault before the anonymisation) go with the dossier's holds
 * even if still active in this copy; any other active hold stops it.
 */
export function anonymiseParticipant(sqlite: Sqlite, participantId: number, at: { today: string; nowIso: string; dossierNumber?: string; reapplying?: { holdIds: number[] } }): AnonymiseResult {
  if (!sqlite.prepare('SELECT 1 FROM participants WHERE id = ?').get(participantId)) throw new AnonymiseError('notFound');
  // A legal hold keeps the dossier as it is (R45): nothing of it may go while the hold is active.
  if (activeHoldsSplit(sqlite, participantId, at.today, at.reapplying?.holdIds).newer > 0) throw new AnonymiseError('held');
  // Given when a restored backup is anonymised again (core/retention/erasures.ts): the number it got the first time.
  const dossierNumber = at.dossierNumber ?? anonymousNumber(sqlite);
  return whileDestroying(sqlite, participantId, () => {
    const rows: Record<string, number> = {};
    for (const [table, step] of Object.entries(ANONYMISATION_PLAN)) {
      if (step.action === 'keep') continue;
      if (step.action === 'delete') {
        const params = step.where.split('?').length - 1;
        rows[table] = sqlite.prepare(`DELETE FROM ${table} WHERE ${step.where}`).run(...Array<number>(params).fill(participantId)).changes;
      } else {
        const named: Record<string, string | number> = { p: participantId, today: at.today, now: at.nowIso, number: dossierNumber };
        const used = Object.fromEntries(Object.entries(named).filter(([k]) => step.sql.includes(`@${k}`)));
        rows[table] = sqlite.prepare(step.sql).run(used).changes;
      }
    }
    const audit = eraseAuditReasons(sqlite, participantId);
    return { participantId, dossierNumber, rows, auditReasonsErased: audit.erased, auditReasonsKept: audit.keptV1 };
  }, at.reapplying ? { reapplying: at.reapplying } : {});
}
