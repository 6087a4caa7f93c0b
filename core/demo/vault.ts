// A demo vault: one that `dossierkluis demo` made itself, marked in its settings. Only there does
// demo create accounts, each with a generated password shown once (issue 12, finding 9: demo used
// to put `administratie1` with a fixed, printed password into any vault, a real one included).
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../../db/connection.ts';

export const DEMO_VAULT_SETTING = 'demoVault';

export function markDemoVault(sqlite: Sqlite, at: string): void {
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(DEMO_VAULT_SETTING, at);
}

export function isDemoVault(sqlite: Sqlite): boolean {
  return sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(DEMO_VAULT_SETTING) !== undefined;
}

/** 20 characters of 5 random bits each (100 bits), without l, o, 0 and 1, so it can be typed over. */
export function demoPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15, 20)}`;
}
