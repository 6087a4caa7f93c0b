// The second factor (R08): TOTP codes (RFC 6238, through otpauth) and one-time recovery codes.
//
// Where the secret lives: in the encrypted database (setting 'totp:<userId>'), and there sealed
// to the user's own key slot (sealToSlot). So the database key alone does not reveal it: not the
// administrator, not another user's password, not the organisation's recovery code; only this
// user's password opens it. A copy of the disk plus this user's password does: the verifier must be
// able to check a code with nothing but the laptop and the password, so no design without
// hardware (a TPM, a security key) can do better. docs/security.md says what that means.
import { createHash, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Sqlite } from '../../db/connection.ts';
import { loadPolicy } from '../requests/policy.ts';
import { EnvelopeSchema } from '../vault/files.ts';
import { openFromSlot, sealToSlot, type Slot } from '../vault/keyslots.ts';

/** RFC 6238 defaults, which every authenticator app understands. */
const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
export const RECOVERY_CODE_COUNT = 8;
const SEAL = 'totp';

/** A wrong or replayed code: counted and audited like a wrong password (R09). */
export class WrongSecretError extends Error {
  constructor(readonly code: 'auth.wrongTotp' | 'auth.totpReused' = 'auth.wrongTotp') { super(code); }
}

const Stored = z.object({
  v: z.literal(1),
  /** The slot it is sealed to: a password reset makes a new slot, and with it a new enrolment. */
  slotId: z.string(),
  sealed: EnvelopeSchema,
  /** The last time step accepted: a code of that step or earlier is refused (no replay). */
  lastStep: z.number().int(),
  usedRecovery: z.array(z.number().int()),
  recoveryCount: z.number().int(),
  enrolledAt: z.string(),
});
type Stored = z.infer<typeof Stored>;
const Sealed = z.object({ secret: z.string(), recovery: z.array(z.string()) });
export type TotpSecrets = z.infer<typeof Sealed>;

const settingKey = (userId: number) => `totp:${userId}`;

export function isTotpRequired(sqlite: Sqlite): boolean {
  return loadPolicy(sqlite).profile.requireTotp;
}

export function readTotp(sqlite: Sqlite, userId: number): Stored | null {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(settingKey(userId)) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = Stored.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Enrolled = a record sealed to the user's current slot. */
export function enrolledFor(sqlite: Sqlite, userId: number, slotId: string): Stored | null {
  const s = readTotp(sqlite, userId);
  return s && s.slotId === slotId ? s : null;
}

function write(sqlite: Sqlite, userId: number, s: Stored): void {
  sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(settingKey(userId), JSON.stringify(s));
}

export function removeTotp(sqlite: Sqlite, userId: number): boolean {
  return sqlite.prepare('DELETE FROM settings WHERE key = ?').run(settingKey(userId)).changes > 0;
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The key URI for an authenticator app, as a QR code (SVG data URL: the CSP allows data: images). */
export async function enrolmentData(secret: string, issuer: string, username: string): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const uri = new TOTP({ issuer, label: username, secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD }).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The time step a code belongs to, accepting one step of clock drift either way; null if none. */
export function matchStep(secret: string, code: string, nowMs: number): number | null {
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, timestamp: nowMs, window: 1 });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD) + delta;
}

/** For tests and the CLI's help text: the code an app would show at `nowMs`. */
export function totpCode(secret: string, nowMs: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, timestamp: nowMs });
}

export function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // as the printed recovery code: no 0/O, 1/I

/** Twelve characters (60 bits) each, in groups of four; shown once, kept only as hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(12)].map((b) => ALPHABET[b & 31]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

function hashRecovery(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

export function enrol(sqlite: Sqlite, vaultId: string, slot: Pick<Slot, 'id' | 'publicKey'>, userId: number, secret: string, recoveryCodes: string[], step: number, at: string): void {
  const content: TotpSecrets = { secret, recovery: recoveryCodes.map(hashRecovery) };
  const sealed = sealToSlot(vaultId, slot, Buffer.from(JSON.stringify(content)), SEAL);
  write(sqlite, userId, { v: 1, slotId: slot.id, sealed, lastStep: step, usedRecovery: [], recoveryCount: recoveryCodes.length, enrolledAt: at });
}

/** Unseals with the private key of the user's slot, which only exists while signing in. */
export function openTotp(vaultId: string, stored: Stored, privateKey: KeyObject): TotpSecrets {
  return Sealed.parse(JSON.parse(openFromSlot(vaultId, stored.slotId, privateKey, stored.sealed, SEAL).toString('utf8')));
}

/**
 * Checks a TOTP code or a recovery code and records its use, so neither works twice.
 * Throws WrongSecretError otherwise. Returns which of the two it was.
 */
export function useSecondFactor(sqlite: Sqlite, userId: number, stored: Stored, secrets: TotpSecrets, code: string, nowMs: number): 'totp' | 'recoveryCode' {
  if (isTotpShaped(code)) {
    const step = matchStep(secrets.secret, code.replace(/\s/g, ''), nowMs);
    if (step === null) throw new WrongSecretError();
    if (step <= stored.lastStep) throw new WrongSecretError('auth.totpReused');
    write(sqlite, userId, { ...stored, lastStep: step });
    return 'totp';
  }
  const h = Buffer.from(hashRecovery(code), 'hex');
  let found = -1;
  secrets.recovery.forEach((r, i) => {
    if (timingSafeEqual(Buffer.from(r, 'hex'), h) && !stored.usedRecovery.includes(i)) found = i;
  });
  if (found < 0) throw new WrongSecretError();
  write(sqlite, userId, { ...stored, usedRecovery: [...stored.usedRecovery, found] });
  return 'recoveryCode';
}

export function recoveryCodesLeft(stored: Stored): number {
  return stored.recoveryCount - stored.usedRecovery.length;
}
