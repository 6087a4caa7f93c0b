// The audit trail as a hash chain (R05). Each line's hash covers its fields and the previous
// line's hash, so changing, removing or inserting a line breaks the chain; triggers in the
// schema refuse UPDATE and DELETE, so the app itself cannot edit it.
//
// Chain format 2 (issue 11, R44): the free-text reason is covered through a salted digest,
// sha256(salt ‖ reason), kept in its own column. Destroying a dossier sets the reason and salt of
// its lines to NULL (the only update the trigger of migration 0012 allows); the digest stays, so
// the line still verifies, and without the salt the digest tells nothing about the words.
// Format-1 lines (written before) cover the reason itself and cannot be erased: docs/security.md.
import { createHash, randomBytes } from 'node:crypto';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { markAuditWritten, verifyAnchor, type AnchorReport } from './anchor.ts';

export interface AuditEvent {
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  userId: number | null;
  username: string | null;
  onBehalfOf?: string | null;
  workstation: string;
  participantId?: number | null;
  /** Which objects, as ids and field names: never field values, passwords or keys. */
  objects?: Record<string, unknown>;
  reason?: string | null;
  flagged?: boolean;
  at: string;
}

export const GENESIS = '0'.repeat(64);

interface Row {
  seq: number; at: string; action: string; outcome: string; user_id: number | null; username: string | null;
  on_behalf_of: string | null; workstation: string; participant_id: number | null; objects: string;
  reason: string | null; flagged: number; prev_hash: string; hash: string;
  chain_version: number; reason_salt: string | null; reason_digest: string | null;
}

export const CHAIN_VERSION = 2;

/** The salted digest of a reason that a format-2 line's hash covers. */
export function reasonDigest(salt: string, reason: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(reason, 'utf8').digest('hex');
}

function lineHash(prevHash: string, r: Omit<Row, 'hash' | 'prev_hash'>): string {
  const common = [r.seq, r.at, r.action, r.outcome, r.user_id, r.username, r.on_behalf_of, r.workstation, r.participant_id, r.objects];
  const canonical = r.chain_version === 2
    ? JSON.stringify([2, ...common, r.reason_digest, r.flagged ? 1 : 0])
    : JSON.stringify([...common, r.reason, r.flagged ? 1 : 0]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** A format-2 line whose reason is still there must match its digest; an erased one (reason and salt NULL) keeps only the digest. */
function reasonIntact(r: Row): boolean {
  if (r.chain_version !== 2) return true;
  if (r.reason === null) return r.reason_salt === null;
  return r.reason_salt !== null && r.reason_digest === reasonDigest(r.reason_salt, r.reason);
}

function saltedDigest(reason: string | null): { reason_salt: string | null; reason_digest: string | null } {
  if (reason === null) return { reason_salt: null, reason_digest: null };
  const salt = randomBytes(16).toString('hex');
  return { reason_salt: salt, reason_digest: reasonDigest(salt, reason) };
}

export function appendAudit(sqlite: Sqlite, e: AuditEvent): void {
  const last = prepared(sqlite, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1, at: e.at, action: e.action, outcome: e.outcome, user_id: e.userId, username: e.username,
    on_behalf_of: e.onBehalfOf ?? null, workstation: e.workstation, participant_id: e.participantId ?? null,
    objects: JSON.stringify(e.objects ?? {}), reason: e.reason ?? null, flagged: e.flagged ? 1 : 0, chain_version: CHAIN_VERSION,
    ...saltedDigest(e.reason ?? null),
  };
  const prevHash = last?.hash ?? GENESIS;
  prepared(sqlite, `INSERT INTO audit_log (seq, at, action, outcome, user_id, username, on_behalf_of, workstation, participant_id, objects, reason, flagged, prev_hash, hash, chain_version, reason_salt, reason_digest)
    VALUES (@seq, @at, @action, @outcome, @user_id, @username, @on_behalf_of, @workstation, @participant_id, @objects, @reason, @flagged, @prev_hash, @hash, @chain_version, @reason_salt, @reason_digest)`)
    .run({ ...row, prev_hash: prevHash, hash: lineHash(prevHash, row) });
  markAuditWritten(sqlite);
}

export interface ChainFinding { seq: number; problem: 'hashMismatch' | 'chainBroken' | 'gap' | 'outOfOrder' | 'anchor'; detail?: string }

/**
 * Erases the free text of one dossier's format-2 lines (reason and salt to NULL, the digest
 * stays). Only inside a destruction: the trigger refuses it without the 'destroying:' marker.
 * Returns how many lines were erased and how many format-1 lines still carry a reason (those
 * cannot be erased without breaking the chain).
 */
export function eraseAuditReasons(sqlite: Sqlite, participantId: number): { erased: number; keptV1: number } {
  const erased = sqlite.prepare('UPDATE audit_log SET reason = NULL, reason_salt = NULL WHERE participant_id = ? AND chain_version = 2 AND reason IS NOT NULL').run(participantId).changes;
  const keptV1 = (sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE participant_id = ? AND chain_version = 1 AND reason IS NOT NULL').get(participantId) as { n: number }).n;
  return { erased, keptV1 };
}

/**
 * Walks the whole chain; reports every line whose hash, link or sequence number is off, and
 * compares the end of the chain with the audit anchor outside the database (anchor.ts), which is
 * what shows lines cut off at the end or a database rolled back to an older copy.
 */
export function verifyAuditChain(sqlite: Sqlite): { ok: boolean; checked: number; findings: ChainFinding[]; anchor: AnchorReport | null } {
  const findings: ChainFinding[] = [];
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (const r of sqlite.prepare('SELECT * FROM audit_log ORDER BY rowid').iterate() as Iterable<Row>) {
    checked++;
    if (r.seq !== expectedSeq) findings.push({ seq: r.seq, problem: r.seq > expectedSeq ? 'gap' : 'outOfOrder' });
    if (r.prev_hash !== prevHash) findings.push({ seq: r.seq, problem: 'chainBroken' });
    if (lineHash(r.prev_hash, r) !== r.hash || !reasonIntact(r)) findings.push({ seq: r.seq, problem: 'hashMismatch' });
    prevHash = r.hash;
    expectedSeq = r.seq + 1;
  }
  const anchor = verifyAnchor(sqlite);
  if (anchor && !anchor.ok) findings.push({ seq: anchor.seq ?? 0, problem: 'anchor', detail: anchor.message });
  return { ok: findings.length === 0, checked, findings, anchor };
}
