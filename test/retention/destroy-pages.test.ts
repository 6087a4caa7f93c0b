// The page scanner of test/support/pages.ts (issue 11): it must really decrypt SQLCipher 4 pages,
// or every "found nowhere" of the destruction tests would prove nothing.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptVaultPages, findInVaultBytes } from '../support/pages.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
let keyHex: string;
const suffix = () => Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');
const canary = `Kanarie${suffix()}`;

beforeAll(async () => {
  vault = await testVault();
  keyHex = vault.admin.state.handle!.key.toString('hex');
  const anna = await vault.addUser('anna', 'consultant');
  await anna.call('dossiers.create', aParticipant({ lastName: canary }));
});
afterAll(() => removeVault(vault));

describe('page scanner (R07, R44)', () => {
  it('R07 every page of the database and WAL decrypts with a valid HMAC under the vault key', () => {
    const pages = decryptVaultPages(vault.dir, keyHex);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.some((p) => p.file === 'wal')).toBe(true);
    expect(pages.filter((p) => !p.blank && !p.hmacOk)).toEqual([]);
    expect(pages.find((p) => p.file === 'db' && p.page === 1)!.plain.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });

  it('R07 finds a canary that was written, and not a random string that was not', () => {
    const hits = findInVaultBytes(vault.dir, keyHex, [canary, `Nooit${suffix()}`]);
    expect(hits.some((h) => h.needle === canary && h.form === canary)).toBe(true);
    expect(hits.some((h) => h.needle === canary && h.form === canary.toLowerCase())).toBe(true); // the search index's term
    expect(hits.filter((h) => h.needle !== canary)).toEqual([]);
  });

  it('R07 a wrong key decrypts nothing: every HMAC fails', () => {
    const pages = decryptVaultPages(vault.dir, randomBytes(32).toString('hex'));
    expect(pages.filter((p) => !p.blank && p.hmacOk)).toEqual([]);
    expect(findInVaultBytes(vault.dir, randomBytes(32).toString('hex'), [canary])).toEqual([]);
  });
});
