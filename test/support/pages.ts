// Reads a vault's database and WAL files page by page and decrypts every page with the raw vault
// key, as SQLCipher 4 wrote it, so that a test sees what an attacker with the key and the files
// sees: free pages, stale WAL frames and old index segments included, which a decrypted copy
// (VACUUM INTO, rekey) would hide (issue 11, R07, R44). Test support only: never reachable from
// the API.
//
// SQLCipher 4 defaults as SQLite3MultipleCiphers applies them (cipher='sqlcipher', legacy=4):
// page size 4096; each page ends in 80 reserved bytes, the 16-byte IV and then the HMAC-SHA512
// over ciphertext‖IV‖page number (32-bit little endian); AES-256-CBC without padding; page 1
// starts with the 16-byte salt (in its place the plain page reads "SQLite format 3\0"). With a raw
// key (key="x'…'") the AES key is the raw key; the HMAC key is still
// PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations, 32 bytes).
import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { foldForSearch } from '../../core/dossiers/fold.ts';
import { vaultPaths } from '../../core/vault/files.ts';

export const PAGE_SIZE = 4096;
const RESERVE = 80;
const IV_SIZE = 16;
const SALT_SIZE = 16;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface DecryptedPage { file: 'db' | 'wal'; page: number; frame?: number; plain: Buffer; hmacOk: boolean; blank: boolean }

interface Keys { aes: Buffer; hmac: Buffer }

function keysFor(keyHex: string, salt: Buffer): Keys {
  const aes = Buffer.from(keyHex, 'hex');
  const hmacSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
  return { aes, hmac: pbkdf2Sync(aes, hmacSalt, 2, 32, 'sha512') };
}

/** One encrypted page (as in the file or a WAL frame) to its plaintext, with the HMAC checked. */
function decryptPage(keys: Keys, raw: Buffer, pageNo: number): { plain: Buffer; hmacOk: boolean; blank: boolean } {
  const blank = raw.every((b) => b === 0);
  const start = pageNo === 1 ? SALT_SIZE : 0;
  const cipherEnd = PAGE_SIZE - RESERVE;
  const iv = raw.subarray(cipherEnd, cipherEnd + IV_SIZE);
  const mac = raw.subarray(cipherEnd + IV_SIZE, cipherEnd + IV_SIZE + 64);
  const pgno = Buffer.alloc(4);
  pgno.writeUInt32LE(pageNo);
  const expected = createHmac('sha512', keys.hmac).update(raw.subarray(start, cipherEnd)).update(iv).update(pgno).digest();
  const decipher = createDecipheriv('aes-256-cbc', keys.aes, iv);
  decipher.setAutoPadding(false);
  const body = Buffer.concat([decipher.update(raw.subarray(start, cipherEnd)), decipher.final()]);
  const plain = pageNo === 1 ? Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), body]) : body;
  return { plain, hmacOk: expected.equals(mac), blank };
}

/** Every page of the database file and every frame of its WAL, decrypted. */
export function decryptVaultPages(dir: string, keyHex: string): DecryptedPage[] {
  const p = vaultPaths(dir);
  const db = readFileSync(p.database);
  const keys = keysFor(keyHex, db.subarray(0, SALT_SIZE));
  const pages: DecryptedPage[] = [];
  for (let i = 0; i + PAGE_SIZE <= db.length; i += PAGE_SIZE) {
    pages.push({ file: 'db', page: i / PAGE_SIZE + 1, ...decryptPage(keys, db.subarray(i, i + PAGE_SIZE), i / PAGE_SIZE + 1) });
  }
  const walFile = `${p.database}-wal`;
  if (existsSync(walFile)) {
    const wal = readFileSync(walFile);
    let frame = 0;
    for (let off = WAL_HEADER; off + FRAME_HEADER + PAGE_SIZE <= wal.length; off += FRAME_HEADER + PAGE_SIZE) {
      const pageNo = wal.readUInt32BE(off);
      const raw = wal.subarray(off + FRAME_HEADER, off + FRAME_HEADER + PAGE_SIZE);
      pages.push({ file: 'wal', page: pageNo, frame: frame++, ...decryptPage(keys, raw, pageNo) });
    }
  }
  return pages;
}

/**
 * The forms a word may take on a page: as written, lowercased, and folded as the search index
 * stores it (unicode61 with remove_diacritics 2 plus core/dossiers/fold.ts). FTS5 leaves store
 * terms prefix-compressed (only the part after the prefix shared with the previous term), so the
 * last 8 letters of a long folded word are searched too: canaries must therefore end in random letters.
 */
export function needleForms(needle: string): string[] {
  const lower = needle.toLowerCase();
  const folded = foldForSearch(lower).normalize('NFD').replace(/\p{M}/gu, '');
  const forms = new Set([needle, lower, folded]);
  if (folded.length >= 12) forms.add(folded.slice(-8));
  return [...forms];
}

export interface Finding { file: 'db' | 'wal'; page: number; frame?: number; needle: string; form: string }

/** Where any of the needles (in any of its forms, UTF-8) occurs in the decrypted pages of the vault's files. */
export function findInVaultBytes(dir: string, keyHex: string, needles: string[]): Finding[] {
  const forms = needles.flatMap((needle) => needleForms(needle).map((form) => ({ needle, form, bytes: Buffer.from(form, 'utf8') })));
  const found: Finding[] = [];
  for (const pg of decryptVaultPages(dir, keyHex)) {
    for (const f of forms) {
      if (pg.plain.includes(f.bytes)) found.push({ file: pg.file, page: pg.page, ...(pg.frame === undefined ? {} : { frame: pg.frame }), needle: f.needle, form: f.form });
    }
  }
  return found;
}
