// The audit anchor (R05): a small file outside the database, `audit-anchor.json` in the vault
// folder, holding the sequence number and hash of the last committed audit line plus an
// HMAC-SHA256 over them. The hash chain inside the database shows changed, removed or inserted
// lines in the middle, but not lines cut off at the END, nor a database swapped for an older copy;
// the anchor does: verification reports a chain that ends before the anchored line, or whose
// anchored line has another hash.
//
// What it does and does not defend against, honestly:
// - The MAC key is derived (HKDF) from the database key, so without that key nobody can write an
//   anchor that verifies: file-level truncation, rollback of vault.db to an older copy, or editing
//   the anchor are all detected.
// - Someone WITH the database key can rewrite the chain and re-forge a matching anchor. Against
//   that only copies kept elsewhere help (backups, an exported anchor).
// - The anchor is written after the commit, without fsync (the commit itself is fsynced): after a
//   crash or power loss it can lag behind the database, which verification accepts as long as the
//   anchored line is still in the chain with the same hash. It is never ahead of a commit.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, existsSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { prepared, type Sqlite } from '../../db/connection.ts';
import { GENESIS, appendAudit } from './chain.ts';
import { openRegularFile, readRegularFile, replaceFile, vaultPaths } from '../vault/files.ts'; // a cycle of functions only: both sides are used at call time

export const ANCHOR_FILE = basename(vaultPaths('.').anchor);
/** Set in the database once the vault has an anchor: from then on a missing anchor file is a finding. */
const SETTING = 'auditAnchor';

export type AnchorStatus = 'ok' | 'behind' | 'missing' | 'unreadable' | 'badMac' | 'chainShorter' | 'hashDiffers' | 'notUsed';
export interface AnchorReport { status: AnchorStatus; ok: boolean; seq: number | null; message: string }

interface Anchor { seq: number; hash: string; at: string; mac: string }
interface State {
  dir: string; macKey: Buffer; live: boolean; dirty: boolean;
  /** The anchor file, open for in-place writes once this session has written it. */
  fd: number | null;
  /** What the check at unlock found, before this session wrote anything: reported by every verify of the session. */
  atOpen: AnchorReport | null;
}

/** Per open connection: where its anchor lives, its MAC key, and whether it is still kept up to date. */
const states = new WeakMap<Sqlite, State>();

export function anchorPath(dir: string): string {
  return vaultPaths(dir).anchor;
}

function deriveMacKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'dossierkluis/audit-anchor/v1', 32));
}

function macOf(key: Buffer, a: Omit<Anchor, 'mac'>): string {
  return createHmac('sha256', key).update(JSON.stringify(['dossierkluis-audit-anchor', 1, a.seq, a.hash, a.at])).digest('hex');
}

function macMatches(key: Buffer, a: Anchor): boolean {
  const want = Buffer.from(macOf(key, a), 'hex');
  const got = Buffer.from(a.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

type Read = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'ok'; anchor: Anchor };

function readAnchor(dir: string): Read {
  const p = anchorPath(dir);
  if (!existsSync(p)) return { kind: 'missing' };
  try {
    // A link or FIFO in its place is refused (never waited on) and reported like a damaged anchor.
    const a = JSON.parse(readRegularFile(p)) as Partial<Anchor>;
    if (Number.isInteger(a.seq) && a.seq! >= 0 && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash)
      && typeof a.at === 'string' && typeof a.mac === 'string' && /^[0-9a-f]{64}$/.test(a.mac)) return { kind: 'ok', anchor: a as Anchor };
  } catch { /* fall through */ }
  return { kind: 'unreadable' };
}

/** Every anchor is written at this fixed length (JSON padded with spaces), so overwriting it in place never leaves a longer old tail. */
const RECORD_BYTES = 256;

/**
 * One small write per write transaction. The file is created once per session (temp file +
 * rename) and then kept open and overwritten in place with one fixed-length pwrite of 256 bytes
 * at offset 0, within one disk sector, without fsync: a temp file + rename per transaction cost
 * a third of a millisecond per audited call (measured), this costs microseconds. The database
 * commit before it is fsynced; if this write is lost in a crash or power failure the anchor only
 * lags, which verification tolerates.
 */
function writeAnchor(s: State, seq: number, hash: string, at: string): void {
  const body = { seq, hash, at };
  const text = JSON.stringify({ ...body, mac: macOf(s.macKey, body) });
  const record = Buffer.from(text.padEnd(RECORD_BYTES, ' '), 'utf8');
  if (s.fd !== null && record.length === RECORD_BYTES) {
    writeSync(s.fd, record, 0, record.length, 0);
    return;
  }
  const file = anchorPath(s.dir);
  replaceFile(file, (fd) => writeSync(fd, record));
  if (s.fd !== null) closeSync(s.fd);
  s.fd = openRegularFile(file, constants.O_RDWR);
}

function lastLine(sqlite: Sqlite): { seq: number; hash: string } {
  return (prepared(sqlite, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS };
}

function anchorInUse(sqlite: Sqlite): boolean {
  return prepared(sqlite, 'SELECT 1 FROM settings WHERE key = ?').get(SETTING) !== undefined;
}

const report = (status: AnchorStatus, seq: number | null, message: string): AnchorReport => ({ status, ok: status === 'ok' || status === 'behind' || status === 'notUsed', seq, message });

/** Compares the anchor file with the database's audit trail; reads only. */
function check(sqlite: Sqlite, dir: string, keys: Buffer[]): AnchorReport & { anchor?: Anchor; keyIndex?: number } {
  const read = readAnchor(dir);
  if (read.kind === 'missing') {
    return anchorInUse(sqlite)
      ? report('missing', null, `Het auditanker (${ANCHOR_FILE}) ontbreekt, terwijl deze kluis er een had: het bestand is verwijderd of de map is deels teruggezet.`)
      : report('notUsed', null, 'Deze kluis heeft nog geen auditanker.');
  }
  if (read.kind === 'unreadable') return report('unreadable', null, `Het auditanker (${ANCHOR_FILE}) is onleesbaar of ongeldig.`);
  const a = read.anchor;
  const keyIndex = keys.findIndex((k) => macMatches(k, a));
  if (keyIndex < 0) return report('badMac', a.seq, `Het auditanker (${ANCHOR_FILE}) is vervalst of hoort niet bij deze database: de controlecode klopt niet.`);
  const last = lastLine(sqlite);
  const extra = { anchor: a, keyIndex };
  if (last.seq < a.seq) {
    return { ...report('chainShorter', a.seq, `De audittrail eindigt bij regel ${last.seq}, maar het auditanker legde regel ${a.seq} vast (${a.at}): de laatste regels zijn verwijderd of de database is teruggezet naar een oudere kopie.`), ...extra };
  }
  const anchored = a.seq === 0 ? { hash: GENESIS } : prepared(sqlite, 'SELECT hash FROM audit_log WHERE seq = ?').get(a.seq) as { hash: string } | undefined;
  if (!anchored || anchored.hash !== a.hash) {
    return { ...report('hashDiffers', a.seq, `Regel ${a.seq} van de audittrail is niet de regel die het auditanker vastlegde (${a.at}): de laatste regels zijn verwijderd en er zijn nieuwe bijgekomen, de audittrail is herschreven of de database is vervangen.`), ...extra };
  }
  if (last.seq > a.seq) return { ...report('behind', a.seq, `Het auditanker loopt achter (regel ${a.seq} van ${last.seq}), bijvoorbeeld na een crash; de regels tot en met het anker kloppen.`), ...extra };
  return { ...report('ok', a.seq, `Het auditanker klopt (regel ${a.seq}).`), ...extra };
}

/**
 * Called when a vault's database has been opened (before anything is written): checks the anchor
 * BEFORE this session moves it on, so that evidence of truncation or rollback is not overwritten.
 * - ok / behind: the anchor is kept up to date from now on (behind: caught up at once).
 * - a vault without an anchor yet (made before anchors existed, or brand new): the anchor is
 *   created, and for a vault that already has audit lines that is noted in the trail.
 * - any finding: the anchor file is left exactly as it is (so every later verify still reports
 *   it) and a flagged audit line records what was found at this unlock.
 * `previousKey`: the database key before an interrupted rekey; an anchor MACed with it is
 * re-MACed with the current key.
 */
export function openAnchor(sqlite: Sqlite, dir: string, dbKey: Buffer, previousKey?: Buffer): void {
  const macKey = deriveMacKey(dbKey);
  const keys = previousKey ? [macKey, deriveMacKey(previousKey)] : [macKey];
  const state: State = { dir, macKey, live: true, dirty: false, fd: null, atOpen: null };
  states.set(sqlite, state);
  const found = check(sqlite, dir, keys);
  const at = new Date().toISOString();
  if (found.status === 'notUsed') {
    const last = lastLine(sqlite);
    sqlite.transaction(() => {
      prepared(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?)').run(SETTING, at);
      if (last.seq > 0) appendSystemLine(sqlite, 'audit.anchorCreated', at, { anchoredSeq: last.seq + 1 }, false);
    })();
    state.dirty = true;
    flushAnchor(sqlite);
    return;
  }
  if (!found.ok) {
    state.live = false;
    state.atOpen = { status: found.status, ok: false, seq: found.seq, message: found.message };
    sqlite.transaction(() => appendSystemLine(sqlite, 'audit.anchorMismatch', at, { problem: found.status, anchorSeq: found.seq }, true))();
    return;
  }
  if (found.status === 'behind' || found.keyIndex !== 0) {
    state.dirty = true;
    flushAnchor(sqlite);
  }
}

/** An audit line written by the vault itself (no user), in the chain like any other. */
export function appendSystemLine(sqlite: Sqlite, action: string, at: string, objects: Record<string, unknown>, flagged: boolean, participantId: number | null = null): void {
  appendAudit(sqlite, { action, outcome: flagged ? 'failed' : 'ok', at, userId: null, username: null, workstation: '-', objects, flagged, participantId });
}

/** appendAudit calls this: the anchor is due for an update after the commit. */
export function markAuditWritten(sqlite: Sqlite): void {
  const s = states.get(sqlite);
  if (s) s.dirty = true;
}

/**
 * After a commit that wrote audit lines: the anchor moves to the last COMMITTED line (read back
 * from the database, so a rolled-back line is never anchored). Inside a transaction it waits.
 * A failed write (disk full) leaves the anchor behind, which is tolerated; the next commit retries.
 */
export function flushAnchor(sqlite: Sqlite): void {
  const s = states.get(sqlite);
  if (!s || !s.live || !s.dirty || sqlite.inTransaction || !sqlite.open) return;
  const last = lastLine(sqlite);
  try {
    writeAnchor(s, last.seq, last.hash, new Date().toISOString());
    s.dirty = false;
  } catch (e) {
    console.error(`dossierkluis: audit anchor not written (${(e as NodeJS.ErrnoException)?.code ?? 'error'})`);
  }
}

/** After a rekey the anchor is MACed with the new key (rekeyVault calls this before promoting the slots). */
export function rekeyAnchor(sqlite: Sqlite, newDbKey: Buffer): void {
  const s = states.get(sqlite);
  if (!s) return;
  s.macKey = deriveMacKey(newDbKey);
  if (!s.live) return;
  s.dirty = true;
  flushAnchor(sqlite);
}

/** When the connection closes: a last flush (not when opening failed half-way), then forget the key. */
export function closeAnchor(sqlite: Sqlite, opts: { flush: boolean } = { flush: true }): void {
  const s = states.get(sqlite);
  if (!s) return;
  if (opts.flush) flushAnchor(sqlite);
  if (s.fd !== null) closeSync(s.fd);
  s.macKey.fill(0);
  states.delete(sqlite);
}

/** For verification: the anchor compared with the trail as it is now (null if this connection has none). */
export function verifyAnchor(sqlite: Sqlite): AnchorReport | null {
  const s = states.get(sqlite);
  if (!s) return null;
  if (s.atOpen) return s.atOpen;
  const { status, ok, seq, message } = check(sqlite, s.dir, [s.macKey]);
  return { status, ok, seq, message };
}
