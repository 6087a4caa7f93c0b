// The destruction ledger (R44): `destruction-ledger.json` next to the database, listing every
// dossier that was destroyed — participant id, dossier number, when the dossier was made, when it
// was destroyed — under an HMAC keyed from the database key (like the audit anchor). A backup made
// before a destruction still holds the dossier; when such a backup is restored and opened, the
// ledger names it and it is destroyed again before anything else (redestroyListed).
//
// Why these fields, and no more: ids, numbers and dates are what the destruction register in the
// database keeps too; no name, birth date, address or free text. A restored dossier is recognised
// only when id, dossier number and creation time all match, and the id sequence is moved past
// every listed id, so a dossier made after the restore can never be taken for a destroyed one.
//
// The limits, said plainly: the ledger protects against an older vault.db put back into a folder
// that kept its ledger. A whole folder restored from a backup brings its own older ledger; keep
// backups of the ledger file apart from (and newer than) those of the database, see README.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { readRegularFile, writeFileAtomic } from '../vault/files.ts';

export const LEDGER_FILE = 'destruction-ledger.json';
const FORMAT = 'dossierkluis-destruction-ledger';

export interface LedgerLine { participantId: number; dossierNumber: string; createdAt: string; destroyedAt: string }

const Line = z.object({ participantId: z.number().int().positive(), dossierNumber: z.string().max(40), createdAt: z.string().max(40), destroyedAt: z.string().max(40) }).strict();
const FileShape = z.object({ format: z.literal(FORMAT), version: z.literal(1), lines: z.array(Line), mac: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export type LedgerRead =
  | { status: 'missing'; lines: [] }
  | { status: 'ok'; lines: LedgerLine[]; keyIndex: number }
  | { status: 'unreadable' | 'badMac'; lines: [] };

export const ledgerPath = (dir: string) => join(dir, LEDGER_FILE);

function macKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'dossierkluis/destruction-ledger/v1', 32));
}

function macOf(key: Buffer, lines: LedgerLine[]): string {
  const canonical = lines.map((l) => [l.participantId, l.dossierNumber, l.createdAt, l.destroyedAt]);
  return createHmac('sha256', key).update(JSON.stringify([FORMAT, 1, canonical])).digest('hex');
}

/**
 * The ledger as it is on disk, checked against the current key and (after an interrupted rekey)
 * the previous one. An unreadable or forged ledger is never acted upon: destroying on the word of
 * a file nobody can vouch for would let anyone with access to the folder delete dossiers.
 */
export function readLedger(dir: string, keys: Buffer[]): LedgerRead {
  const file = ledgerPath(dir);
  if (!existsSync(file)) return { status: 'missing', lines: [] };
  let parsed: z.infer<typeof FileShape>;
  try {
    const shape = FileShape.safeParse(JSON.parse(readRegularFile(file)));
    if (!shape.success) return { status: 'unreadable', lines: [] };
    parsed = shape.data;
  } catch {
    return { status: 'unreadable', lines: [] };
  }
  const got = Buffer.from(parsed.mac, 'hex');
  const keyIndex = keys.findIndex((k) => timingSafeEqual(Buffer.from(macOf(macKey(k), parsed.lines), 'hex'), got));
  return keyIndex < 0 ? { status: 'badMac', lines: [] } : { status: 'ok', lines: parsed.lines, keyIndex };
}

function writeLedger(dir: string, dbKey: Buffer, lines: LedgerLine[]): void {
  const body = { format: FORMAT, version: 1, lines, mac: macOf(macKey(dbKey), lines) };
  writeFileAtomic(ledgerPath(dir), `${JSON.stringify(body, null, 1)}\n`);
}

export class LedgerUntrustedError extends Error {
  constructor(readonly status: 'unreadable' | 'badMac') { super(`destruction ledger ${status}`); }
}

/**
 * Adds dossiers to the ledger, fsynced, BEFORE their destruction commits: if the destruction then
 * fails or the process dies, the next open destroys them (they were approved and due); the other
 * order could leave a destroyed dossier unlisted, and a backup would bring it back for good.
 * Refuses to overwrite a ledger it cannot trust (that would erase the evidence of earlier ones).
 */
export function recordInLedger(dir: string, dbKey: Buffer, add: LedgerLine[]): void {
  const current = readLedger(dir, [dbKey]);
  if (current.status === 'unreadable' || current.status === 'badMac') throw new LedgerUntrustedError(current.status);
  const known = new Set(current.lines.map((l) => l.participantId));
  writeLedger(dir, dbKey, [...current.lines, ...add.filter((l) => !known.has(l.participantId))]);
}

/** After a rekey the ledger is MACed with the new key (a ledger that does not verify is left as it is). */
export function rekeyLedger(dir: string, oldKey: Buffer, newKey: Buffer): void {
  const current = readLedger(dir, [oldKey, newKey]);
  if (current.status === 'ok') writeLedger(dir, newKey, current.lines);
}

export interface Redestroyed { status: LedgerRead['status']; destroyed: LedgerLine[] }

/**
 * At open, before anything else: every listed dossier that is present again (same id, number and
 * creation time) is destroyed again through `destroy`, and the participant id sequence is moved
 * past every listed id. `destroy` runs the same destruction as the batch; the caller audits.
 */
export function redestroyListed(sqlite: Sqlite, dir: string, keys: Buffer[], destroy: (line: LedgerLine) => void): Redestroyed {
  const read = readLedger(dir, keys);
  if (read.status !== 'ok') return { status: read.status, destroyed: [] };
  if (read.keyIndex > 0) writeLedger(dir, keys[0]!, read.lines); // MACed with the key before an interrupted rekey
  const present = prepared(sqlite, 'SELECT 1 FROM participants WHERE id = ? AND dossier_number = ? AND created_at = ?');
  const destroyed: LedgerLine[] = [];
  for (const line of read.lines) {
    if (!present.get(line.participantId, line.dossierNumber, line.createdAt)) continue;
    destroy(line);
    destroyed.push(line);
  }
  const highest = Math.max(0, ...read.lines.map((l) => l.participantId));
  if (highest > 0) {
    sqlite.transaction(() => {
      const row = prepared(sqlite, "SELECT seq FROM sqlite_sequence WHERE name = 'participants'").get() as { seq: number } | undefined;
      if (!row) prepared(sqlite, "INSERT INTO sqlite_sequence (name, seq) VALUES ('participants', ?)").run(highest);
      else if (row.seq < highest) prepared(sqlite, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'participants'").run(highest);
    })();
  }
  return { status: 'ok', destroyed };
}
