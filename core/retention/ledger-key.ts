// The destruction ledger's key (R44): a random secret kept in the database (settings), made once.
// It does not change when the database key is rotated (a user deactivated), so a backup from before
// a rotation still verifies the ledger; only someone holding the database key can read it. The
// ledger's MAC (ledger.ts) and the tags that bind its lines to what they name (identity.ts) use it.
import { randomBytes } from 'node:crypto';
import { prepared, type Sqlite } from '../../db/connection.ts';

const SECRET_SETTING = 'destructionLedgerKey';

/** The ledger's MAC key, made once per vault and kept in the database (so every later backup holds it). */
export function ledgerSecret(sqlite: Sqlite): Buffer {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(SECRET_SETTING) as { value: string } | undefined;
  if (row && /^[0-9a-f]{64}$/.test(row.value)) return Buffer.from(row.value, 'hex');
  const secret = randomBytes(32);
  sqlite.transaction(() => prepared(sqlite, 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SECRET_SETTING, secret.toString('hex')))();
  return secret;
}
