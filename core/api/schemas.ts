// Shared building blocks of the contract. Strings are trimmed and bounded everywhere so that bad
// input is refused at the door (no operation ever sees an unbounded or malformed value).
import { z } from 'zod';

export const Id = z.number().int().positive().max(2 ** 53 - 1);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum als JJJJ-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'geen bestaande datum');
export const IsoInstant = z.string().datetime();
export const ShortText = z.string().trim().min(1).max(200);
export const OptionalShortText = z.string().trim().max(200).nullish().transform((v) => (v ? v : null));
export const LongText = z.string().trim().min(1).max(100_000);
export const OptionalLongText = z.string().trim().max(20_000).nullish().transform((v) => (v ? v : null));
export const Username = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, '3–40 tekens: letters, cijfers, punt, streepje');
export const Password = z.string().min(1).max(1024);
export const Postcode = z.string().trim().toUpperCase().regex(/^\d{4} ?[A-Z]{2}$/, 'postcode als 1234 AB').transform((p) => `${p.slice(0, 4)} ${p.slice(-2)}`);
export const Phone = z.string().trim().regex(/^[+0-9 ()-]{6,20}$/, 'telefoonnummer');
export const Email = z.string().trim().toLowerCase().email().max(254);
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
