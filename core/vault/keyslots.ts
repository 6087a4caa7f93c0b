// Key slots: how a password (or the printed recovery code) leads to the database key.
//
// Each slot holds an X25519 key pair. Its private key is wrapped with AES-256-GCM under a key
// derived from the password with argon2id; the database key is sealed to its public key. That
// split is what makes removing a user safe: the database can be rekeyed and the new key sealed
// to every remaining slot's public key without knowing anyone's password.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';

export interface KdfParams {
  alg: 'argon2id';
  memoryCost: number; // KiB
  timeCost: number;
  parallelism: number;
  salt: string; // base64
}

/**
 * Default: deliberately slow to resist guessing, and not annoying (issue 6: unlock between 200 and
 * 1,500 ms). Measured on a 2-core server: t=4 signed in in 165 ms and t=6 in 145 ms p50 (samples
 * 136–178 ms; argon2id at 64 MiB costs about 20–25 ms per pass there), both below the floor; t=12
 * lands around 250–350 ms there and stays under a second on a machine three times slower. Each
 * slot stores its own parameters, so slots made at an earlier cost still open.
 */
export const STRONG_KDF = { memoryCost: 65536, timeCost: 12, parallelism: 1 } as const;
/** Only for tests, which create hundreds of slots; never used by the CLI or the app. */
export const TEST_KDF = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;
export type KdfCost = { memoryCost: number; timeCost: number; parallelism: number };

interface Sealed { iv: string; data: string; tag: string }
export interface Envelope extends Sealed { ephemeralPublicKey: string }

export interface Slot {
  id: string;
  kind: 'user' | 'recovery';
  userId: number | null;
  username: string | null;
  kdf: KdfParams;
  publicKey: string; // SPKI DER, base64
  wrappedPrivateKey: Sealed; // PKCS8 DER under the password-derived key
  envelope: Envelope; // the database key sealed to publicKey
}

export class SlotOpenError extends Error {
  constructor() { super('wrong password or damaged slot'); }
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function gcmSeal(key: Buffer, plain: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { iv: b64(iv), data: b64(data), tag: b64(c.getAuthTag()) };
}

function gcmOpen(key: Buffer, sealed: Sealed, aad: string): Buffer {
  try {
    const d = createDecipheriv('aes-256-gcm', key, unb64(sealed.iv));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(unb64(sealed.tag));
    return Buffer.concat([d.update(unb64(sealed.data)), d.final()]);
  } catch {
    throw new SlotOpenError();
  }
}

export async function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  return hashRaw(secret.normalize('NFC'), {
    algorithm: 2, // argon2id
    memoryCost: kdf.memoryCost, timeCost: kdf.timeCost, parallelism: kdf.parallelism,
    salt: unb64(kdf.salt), outputLen: 32,
  });
}

function newKdf(cost: KdfCost): KdfParams {
  return { alg: 'argon2id', ...cost, salt: b64(randomBytes(16)) };
}

/** Associated data binds a sealed value to its vault and slot, so slots cannot be swapped. */
const aadFor = (vaultId: string, slotId: string, what: string) => `dossierkluis:${vaultId}:${slotId}:${what}`;

function sharedKey(privateKey: KeyObject, publicKey: KeyObject, info: string): Buffer {
  const secret = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
}

/** Seals `data` to a slot's public key (ECIES: X25519 + HKDF + AES-256-GCM), bound to `what`. */
export function sealToSlot(vaultId: string, slot: Pick<Slot, 'id' | 'publicKey'>, data: Buffer, what: string): Envelope {
  const eph = generateKeyPairSync('x25519');
  const recipient = createPublicKey({ key: unb64(slot.publicKey), format: 'der', type: 'spki' });
  const aad = aadFor(vaultId, slot.id, what);
  const sealed = gcmSeal(sharedKey(eph.privateKey, recipient, aad), data, aad);
  return { ...sealed, ephemeralPublicKey: b64(eph.publicKey.export({ format: 'der', type: 'spki' })) };
}

/** Opens what sealToSlot sealed; needs the slot's private key, so only its password opens it. */
export function openFromSlot(vaultId: string, slotId: string, privateKey: KeyObject, env: Envelope, what: string): Buffer {
  const eph = createPublicKey({ key: unb64(env.ephemeralPublicKey), format: 'der', type: 'spki' });
  const aad = aadFor(vaultId, slotId, what);
  return gcmOpen(sharedKey(privateKey, eph, aad), env, aad);
}

export function sealEnvelope(vaultId: string, slot: Pick<Slot, 'id' | 'publicKey'>, dbKey: Buffer): Envelope {
  return sealToSlot(vaultId, slot, dbKey, 'envelope');
}

export function openEnvelope(vaultId: string, slotId: string, privateKey: KeyObject, env: Envelope): Buffer {
  return openFromSlot(vaultId, slotId, privateKey, env, 'envelope');
}

/** Makes a slot for `secret` holding `dbKey`. */
export async function createSlot(vaultId: string, init: { kind: Slot['kind']; userId: number | null; username: string | null; secret: string; dbKey: Buffer; cost: KdfCost }): Promise<Slot> {
  const id = randomBytes(8).toString('hex');
  const pair = generateKeyPairSync('x25519');
  const kdf = newKdf(init.cost);
  const kek = await deriveKek(init.secret, kdf);
  const publicKey = b64(pair.publicKey.export({ format: 'der', type: 'spki' }));
  const wrappedPrivateKey = gcmSeal(kek, pair.privateKey.export({ format: 'der', type: 'pkcs8' }), aadFor(vaultId, id, 'private'));
  kek.fill(0);
  const slot = { id, kind: init.kind, userId: init.userId, username: init.username, kdf, publicKey, wrappedPrivateKey };
  return { ...slot, envelope: sealEnvelope(vaultId, slot, init.dbKey) };
}

/** Unwraps a slot's private key with its secret; throws SlotOpenError on a wrong secret. */
export async function openSlotPrivateKey(vaultId: string, slot: Slot, secret: string): Promise<KeyObject> {
  const kek = await deriveKek(secret, slot.kdf);
  const der = gcmOpen(kek, slot.wrappedPrivateKey, aadFor(vaultId, slot.id, 'private'));
  kek.fill(0);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** A password change: the same key pair, wrapped under the new password (one slot changes). */
export async function rewrapSlot(vaultId: string, slot: Slot, privateKey: KeyObject, newSecret: string, cost: KdfCost): Promise<Slot> {
  const kdf = newKdf(cost);
  const kek = await deriveKek(newSecret, kdf);
  const wrappedPrivateKey = gcmSeal(kek, privateKey.export({ format: 'der', type: 'pkcs8' }), aadFor(vaultId, slot.id, 'private'));
  kek.fill(0);
  return { ...slot, kdf, wrappedPrivateKey };
}

/** A printed recovery code: 120 random bits as six groups of four base32 characters. */
export function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed by people
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b) => alphabet[b & 31]);
  return [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export function normaliseRecoveryCode(code: string): string {
  const c = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c.length === 24 ? [0, 4, 8, 12, 16, 20].map((i) => c.slice(i, i + 4)).join('-') : code.trim();
}
