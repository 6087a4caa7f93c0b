// The audit trail as a hash chain (R05). Each line's hash covers its fields and the previous
// line's hash, so changing, removing or inserting a line breaks the chain; triggers in the
// schema refuse UPDATE and DELETE, so the app itself cannot edit it.
import { createHash } from 'node:crypto';
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
}

function lineHash(prevHash: string, r: Omit<Row, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.action, r.outcome, r.user_id, r.username, r.on_behalf_of, r.workstation, r.participant_id, r.objects, r.reason, r.flagged ? 1 : 0]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export function appendAudit(sqlite: Sqlite, e: AuditEvent): void {
  const last = prepared(sqlite, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1, at: e.at, action: e.action, outcome: e.outcome, user_id: e.userId, username: e.username,
    on_behalf_of: e.onBehalfOf ?? null, workstation: e.workstation, participant_id: e.participantId ?? null,
    objects: JSON.stringify(e.objects ?? {}), reason: e.reason ?? null, flagged: e.flagged ? 1 : 0,
  };
  const prevHash = last?.hash ?? GENESIS;
  prepared(sqlite, `INSERT INTO audit_log (seq, at, action, outcome, user_id, username, on_behalf_of, workstation, participant_id, objects, reason, flagged, prev_hash, hash)
    VALUES (@seq, @at, @action, @outcome, @user_id, @username, @on_behalf_of, @workstation, @participant_id, @objects, @reason, @flagged, @prev_hash, @hash)`)
    .run({ ...row, prev_hash: prevHash, hash: lineHash(prevHash, row) });
  markAuditWritten(sqlite);
}

export interface ChainFinding { seq: number; problem: 'hashMismatch' | 'chainBroken' | 'gap' | 'outOfOrder' | 'anchor'; detail?: string }

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
    if (lineHash(r.prev_hash, r) !== r.hash) findings.push({ seq: r.seq, problem: 'hashMismatch' });
    prevHash = r.hash;
    expectedSeq = r.seq + 1;
  }
  const anchor = verifyAnchor(sqlite);
  if (anchor && !anchor.ok) findings.push({ seq: anchor.seq ?? 0, problem: 'anchor', detail: anchor.message });
  return { ok: findings.length === 0, checked, findings, anchor };
}
