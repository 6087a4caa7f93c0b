// Valid-looking inputs for any operation of the contract, built from its zod schema: ids come from
// the test's dossier (participantId, entryId, …), texts and dates from the field names. Leak and
// authorisation tests call every operation with these, so an operation added later is covered
// without anyone remembering to add it. Variant k picks the k-th enum value and union option,
// so several calls per operation reach different branches.
import type { z } from 'zod';
import type { Operation } from '../../core/api/operation.ts';

export interface SampleContext {
  ids: Record<string, number>;
  /** Candidates for search boxes (names, prefixes, dossier numbers, birth dates). */
  queries: string[];
  today: string;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (t: unknown): Def => (t as { _zod: { def: Def } })._zod.def;

function stringFor(key: string, def: Def, c: SampleContext, k: number): string {
  const checks = (def.checks as { _zod: { def: { check: string; format?: string; minimum?: number } } }[] | undefined) ?? [];
  const formats = checks.map((x) => x._zod.def.format).filter(Boolean);
  const min = Math.max(0, ...checks.map((x) => x._zod.def.minimum ?? 0));
  if (/query/i.test(key)) return c.queries[k % c.queries.length]!;
  if (formats.includes('email')) return 'lektest@example.nl';
  if (formats.includes('datetime')) return `${c.today}T09:00:00.000Z`;
  if (/month/i.test(key)) return c.today.slice(0, 7);
  if (/(On|Date|From|Until|^from|^to|At)$/.test(key)) return c.today;
  if (/postcode/i.test(key)) return '1234 AB';
  if (/phone/i.test(key)) return '0201234567';
  if (/username/i.test(key)) return 'lektest.gebruiker';
  if (/password|code/i.test(key)) return 'een-lang-testwachtwoord';
  if (/mimeType/.test(key)) return 'text/plain';
  if (/fileName/.test(key)) return 'lektest.txt';
  if (/Base64$/.test(key)) return Buffer.from('lektest').toString('base64');
  return 'Testwaarde voor een generieke aanroep'.padEnd(min, '.');
}

/** One value for a schema; `key` is the field name it sits under. */
export function sampleValue(schema: z.ZodType, c: SampleContext, k: number, key = ''): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.fromEntries(Object.entries(shape).map(([name, t]) => [name, sampleValue(t, c, k, name)]));
    }
    case 'string': return stringFor(key, def, c, k);
    case 'number': {
      if (/Id$/.test(key)) return c.ids[key] ?? c.ids.participantId ?? 1;
      if (/limit/i.test(key)) return 50;
      if (/offset/i.test(key)) return 0;
      if (/year/i.test(key)) return Number(c.today.slice(0, 4));
      return 10;
    }
    case 'boolean': return k % 2 === 1;
    case 'enum': { const values = Object.values(def.entries as Record<string, string>); return values[k % values.length]; }
    case 'literal': return (def.values as unknown[])[0];
    case 'array': {
      const element = def.element as z.ZodType;
      if (/Ids$/.test(key)) return [c.ids[key.replace(/s$/, '')] ?? 1];
      return [sampleValue(element, c, k, key.replace(/s$/, ''))];
    }
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return sampleValue(def.innerType as z.ZodType, c, k, key);
    case 'pipe': return sampleValue(def.in as z.ZodType, c, k, key);
    case 'union': { const options = def.options as z.ZodType[]; return sampleValue(options[k % options.length]!, c, Math.floor(k / options.length), key); }
    case 'intersection': return { ...(sampleValue(def.left as z.ZodType, c, k, key) as object), ...(sampleValue(def.right as z.ZodType, c, k, key) as object) };
    case 'record': return {};
    case 'lazy': return sampleValue((def.getter as () => z.ZodType)(), c, k, key);
    default: return null;
  }
}

/** A few inputs per operation (variants over enums and unions). */
export function sampleInputs(op: Operation, c: SampleContext, variants = 6): unknown[] {
  return Array.from({ length: variants }, (_, k) => sampleValue(op.input, c, k));
}
