// Destruction that leaves nothing (issue 11, R44, R07): every row of one participant in every
// table goes in one transaction; the search index forgets its tokens (FTS5 secure-delete,
// migration 0012); free text in its audit lines is erased while the chain still verifies
// (core/audit/chain.ts, format 2); freed pages are zeroed (secure_delete, db/connection.ts); and
// the WAL is checkpointed with TRUNCATE afterwards, its result checked. The caller (the batches of
// core/retention) decides whether a dossier may go and writes the destruction register; this
// module only makes it gone.
import { checkpointTruncate, type CheckpointResult, type Sqlite } from '../../db/connection.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { eraseAuditReasons } from '../audit/chain.ts';

/**
 * Which rows belong to the participant (`?` is its id), children before parents so the foreign
 * keys hold at every step. Every table of the schema is either here or in KEPT_TABLES: a test
 * (test/retention/destroy-tables.test.ts) and destroyParticipant itself refuse any table that
 * refers to a participant and is in neither, so a table added later cannot be forgotten.
 */
const OF_REQUESTS = 'request_id IN (SELECT id FROM requests WHERE participant_id = ?)';
export const DESTRUCTION_PLAN: readonly { table: string; where: string }[] = [
  { table: 'disclosure_items', where: 'disclosure_id IN (SELECT id FROM disclosures WHERE participant_id = ?)' },
  { table: 'disclosures', where: 'participant_id = ?' },
  { table: 'objection_recipients', where: 'objection_id IN (SELECT id FROM objections WHERE participant_id = ?)' },
  { table: 'objections', where: 'participant_id = ?' },
  { table: 'shield_audiences', where: 'shield_id IN (SELECT id FROM shields WHERE participant_id = ?)' },
  { table: 'shields', where: 'participant_id = ?' },
  { table: 'own_statements', where: 'participant_id = ?' },
  { table: 'restrictions', where: 'participant_id = ?' },
  { table: 'copies', where: 'participant_id = ?' },
  { table: 'request_board_decisions', where: OF_REQUESTS },
  { table: 'request_changes', where: OF_REQUESTS },
  { table: 'request_consultations', where: OF_REQUESTS },
  { table: 'request_notifications', where: OF_REQUESTS },
  { table: 'requests', where: 'participant_id = ?' },
  { table: 'mandates', where: 'participant_id = ?' },
  { table: 'entry_history', where: 'entry_id IN (SELECT id FROM entries WHERE participant_id = ?)' },
  { table: 'entries', where: 'participant_id = ?' },
  { table: 'documents', where: 'participant_id = ?' },
  { table: 'trajectories', where: 'participant_id = ?' },
  { table: 'participant_history', where: 'participant_id = ?' },
  { table: 'caseload', where: 'participant_id = ?' },
  { table: 'break_glass', where: 'participant_id = ?' },
  { table: 'verwijsindex_registrations', where: 'participant_id = ?' },
  { table: 'retention_holds', where: 'participant_id = ?' }, // only a lifted or expired hold: an active one refuses (trigger)
  { table: 'participants', where: 'id = ?' }, // its trigger takes the row's tokens out of the search index (0012)
];

/**
 * Tables that stay, and why. audit_log: its lines stay (R05), only their free text is erased.
 * The search index's shadow tables are FTS5's own (cleaned through the participants trigger).
 * The rest hold no participant's data (staff, recipients, settings, sequence counters, the
 * batches and register that prove the destruction).
 */
export const KEPT_TABLES: ReadonlySet<string> = new Set([
  'audit_log', 'users', 'recipients', 'settings', 'sqlite_sequence',
  // The four-eyes record of what was destroyed (ids, dossier number, basis, dates; no personal data).
  'retention_batches', 'retention_batch_items', 'destruction_register',
  'participants_fts', 'participants_fts_config', 'participants_fts_data', 'participants_fts_docsize', 'participants_fts_idx',
]);

export interface DestroyResult {
  participantId: number;
  /** Rows removed per table (tables of the plan with none are listed with 0). */
  rows: Record<string, number>;
  /** Audit lines (format 2) whose reason was erased. */
  auditReasonsErased: number;
  /** Audit lines of chain format 1 that still carry a reason: they cannot be erased (docs/security.md). */
  auditReasonsKept: number;
  /** The checkpoint after the transaction; null when the caller checkpoints once for a batch. */
  checkpoint: CheckpointResult | null;
}

export class DestroyError extends Error {
  constructor(readonly code: 'notFound' | 'unplannedTables' | 'held', readonly detail: string) { super(`destruction refused: ${code} (${detail})`); }
}

/**
 * Tables that refer to a participant (a participant_id column, or a foreign key into participants
 * or into such a table) and are neither destroyed by the plan nor kept on purpose.
 */
export function unplannedTables(sqlite: Sqlite): string[] {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const planned = new Set(DESTRUCTION_PLAN.map((p) => p.table));
  const owned = new Set(['participants']);
  const refersTo = new Map(tables.map((t) => [t, {
    participantColumn: (sqlite.prepare('SELECT name FROM pragma_table_xinfo(?)').all(t) as { name: string }[]).some((c) => c.name === 'participant_id'),
    parents: (sqlite.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(t) as { parent: string }[]).map((f) => f.parent),
  }]));
  // Ownership spreads along foreign keys: a table pointing into a participant-owned table is owned too.
  for (let grew = true; grew;) {
    grew = false;
    for (const [t, r] of refersTo) {
      if (!owned.has(t) && (r.participantColumn || r.parents.some((p) => owned.has(p)))) { owned.add(t); grew = true; }
    }
  }
  return [...owned].filter((t) => !planned.has(t) && !KEPT_TABLES.has(t)).sort();
}

const MARKER = (participantId: number) => `destroying:${participantId}`;
const REAPPLYING = (participantId: number) => `reapplying:${participantId}`;

/**
 * Runs `fn` (inside the caller's transaction) while settings 'destroying:<id>' names the dossier:
 * the only state in which the guards on statements, disclosures, mandates, shields, holds and
 * audit reasons let a delete or an erasure through. It exists only inside that transaction, so no
 * other operation ever sees it. Destruction and anonymisation (R29, anonymise.ts) both use it.
 * `reapplying`: a removal the trusted ledger proves is carried out again in a restored backup
 * (core/retention/restore.ts, erasures.ts); settings 'reapplying:<id>' then holds the ids of the
 * dossier's holds the ledger line knows — lifted or ended in the live vault before the removal,
 * which refuses an active hold — and the guard lets those go even if still active in the copy. Any
 * other active hold was placed in this copy since and still stops it (migration 0015).
 */
export function whileDestroying<T>(sqlite: Sqlite, participantId: number, fn: () => T, opts: { reapplying?: { holdIds: readonly number[] } } = {}): T {
  // Inside the caller's transaction only: outside one, the markers would outlive the step.
  if (!sqlite.inTransaction) throw new Error('whileDestroying needs the caller\'s transaction');
  const rows: [string, string][] = [[MARKER(participantId), '1'], ...(opts.reapplying ? [[REAPPLYING(participantId), JSON.stringify(opts.reapplying.holdIds)] as [string, string]] : [])];
  for (const [key, value] of rows) sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
  try {
    return fn();
  } finally {
    // Also when fn throws and the caller catches inside its transaction. After SQLite rolled the
    // transaction back by itself (a full disk) the rows are gone already, and a delete would hide the error.
    if (sqlite.inTransaction) for (const [key] of rows) sqlite.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}

/** The deletes of one participant, inside the caller's transaction. */
function destroyRows(sqlite: Sqlite, participantId: number, reapplying: { holdIds: readonly number[] } | undefined): Omit<DestroyResult, 'checkpoint'> {
  if (!sqlite.prepare('SELECT 1 FROM participants WHERE id = ?').get(participantId)) throw new DestroyError('notFound', String(participantId));
  return whileDestroying(sqlite, participantId, () => {
    const rows: Record<string, number> = {};
    for (const step of DESTRUCTION_PLAN) {
      const params = step.where.split('?').length - 1;
      rows[step.table] = sqlite.prepare(`DELETE FROM ${step.table} WHERE ${step.where}`).run(...Array<number>(params).fill(participantId)).changes;
    }
    const audit = eraseAuditReasons(sqlite, participantId);
    return { participantId, rows, auditReasonsErased: audit.erased, auditReasonsKept: audit.keptV1 };
  }, reapplying ? { reapplying } : {});
}

function refuseUnplanned(sqlite: Sqlite): void {
  const unplanned = unplannedTables(sqlite);
  if (unplanned.length) throw new DestroyError('unplannedTables', unplanned.join(', '));
}

/**
 * Removes every row of one participant in one transaction, then empties the WAL (unless
 * `checkpoint: false`, for a caller that checkpoints once after a batch). `inTransaction` runs
 * inside the same transaction after the deletes: the caller's register line and audit line.
 * A checkpoint that is not clean is returned as such (checkpoint.clean false), never hidden.
 * `reapplying` only for the restore path (see whileDestroying).
 */
export function destroyParticipant(sqlite: Sqlite, participantId: number, opts: { checkpoint?: boolean; reapplying?: { holdIds: readonly number[] }; inTransaction?: (r: Omit<DestroyResult, 'checkpoint'>) => void } = {}): DestroyResult {
  refuseUnplanned(sqlite);
  const done = sqlite.transaction(() => {
    const r = destroyRows(sqlite, participantId, opts.reapplying);
    opts.inTransaction?.(r);
    return r;
  })();
  flushAnchor(sqlite); // the caller's audit line, if any, is committed: the anchor follows (R05)
  return { ...done, checkpoint: opts.checkpoint === false ? null : checkpointTruncate(sqlite) };
}

export interface BatchResult { destroyed: DestroyResult[]; checkpoint: CheckpointResult }

/** Several dossiers, each in its own transaction, with one checkpoint at the end. */
export function destroyBatch(sqlite: Sqlite, participantIds: readonly number[], opts: { inTransaction?: (r: Omit<DestroyResult, 'checkpoint'>) => void } = {}): BatchResult {
  refuseUnplanned(sqlite);
  const destroyed = participantIds.map((id) => destroyParticipant(sqlite, id, { checkpoint: false, inTransaction: opts.inTransaction }));
  return { destroyed, checkpoint: checkpointTruncate(sqlite) };
}
