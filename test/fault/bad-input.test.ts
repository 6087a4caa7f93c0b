// Bad input at scale: one generic property over EVERY operation of the API contract (the contract
// is iterated, so an operation added later is covered without touching this file). Each operation
// gets generated malformed inputs (wrong types, missing fields, huge strings, negative and huge
// ids, prototype-pollution keys, nested junk), sent through dispatch by a user who holds the
// operation's permission, so the refusal comes from validation and not from the role check.
// Each must come back as a coded error with a Dutch sentence, never a crash, and the database
// must not change: not one row written (SQLite's change counter), and the same content hash of
// all tables, audit trail included, before and after. FAULT_FULL=1 runs many more inputs.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { messages } from '../../core/api/messages.ts';
import type { Operation } from '../../core/api/operation.ts';
import { roleHas, roles, type Role } from '../../core/api/permissions.ts';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { apiContract } from '../../core/contract.ts';
import { aParticipant, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';
import { FULL, faultSeed } from './support.ts';

const operations = Object.values(apiContract as Record<string, Operation>);
/** Quick: a few thousand inputs in all; full: a thousand per operation. */
const RUNS_PER_OPERATION = FULL ? 1000 : Math.ceil(4000 / operations.length);

let vault: TestVault;
const callers = new Map<Role, Caller>();
let contentBefore: string;
let dataBefore: string;
const seed = faultSeed();

/** Every row of every table (FTS shadow tables included; the audit trail unless asked), hashed. */
function contentHash(v: TestVault, withAudit = true): string {
  const sqlite = v.admin.state.handle!.sqlite;
  const hash = createHash('sha256');
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    if (name === 'audit_log' && !withAudit) continue;
    hash.update(`\n#${name}\n`);
    for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).iterate()) hash.update(JSON.stringify(row, (_k, val: unknown) => (Buffer.isBuffer(val) ? val.toString('base64') : typeof val === 'bigint' ? String(val) : val)));
  }
  return hash.digest('hex');
}

function changeCounter(v: TestVault): number {
  return (v.admin.state.handle!.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

// ----- generators -----------------------------------------------------------------------------
const hugeStrings = [10_000, 100_000, 1_000_000].map((n) => 'é'.repeat(n));
const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const oddNumbers = [-1, 0, -0, 0.5, -(2 ** 31), 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, Number.NaN, Infinity, -Infinity];
const oddStrings = ['', ' ', '\0', '\u202e', '1', '-1', '1e999', 'null', 'undefined', 'true', '[]', '{}', "'; DROP TABLE participants; --", '" OR 1=1 --', 'NEAR(a b', '"*', '*', 'AND', '2026-02-30', '9999-99-99T99:99', '😀'.repeat(50), '<script>alert(1)</script>', '../../etc/passwd', 'x'.repeat(257)];
/** Objects as they arrive from JSON.parse over a transport: "__proto__" as an own key. */
const pollutionPayloads = [
  '{"__proto__":{"polluted":"ja","role":"administrator"}}',
  '{"constructor":{"prototype":{"polluted":"ja"}}}',
  '{"__proto__":{"__proto__":{"polluted":"ja"}},"participantId":{"__proto__":{"polluted":"ja"}}}',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constantFrom(...oddNumbers), fc.constantFrom(...oddStrings), fc.constantFrom(...hugeStrings), fc.bigInt(), fc.date({ noInvalidDate: false }),
);
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...pollutionKeys));
const { junk } = fc.letrec<{ junk: unknown; junkObject: Record<string, unknown> }>((tie) => ({
  junk: fc.oneof({ depthSize: 'small', maxDepth: 4 }, scalar, fc.array(tie('junk'), { maxLength: 4 }), tie('junkObject')),
  // Object.fromEntries makes "__proto__" an own key, like JSON.parse does.
  junkObject: fc.array(fc.tuple(key, tie('junk')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
}));
const pollution = fc.constantFrom(...pollutionPayloads).map((text) => JSON.parse(text) as unknown);

function shapeKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
}

/** Malformed inputs for one operation, built from its own field names. */
function malformedInput(op: Operation): fc.Arbitrary<unknown> {
  const fields = shapeKeys(op.input);
  const fieldsWithJunk = fields.length
    ? fc.record(Object.fromEntries(fields.map((f) => [f, fc.oneof(junk, pollution)])), { requiredKeys: [] })
    : fc.constant({});
  const extras = fc.array(fc.tuple(key, fc.oneof(junk, pollution)), { maxLength: 3 });
  return fc.oneof(
    junk, // anything at all instead of an object
    pollution,
    fc.tuple(fieldsWithJunk, extras).map(([own, extra]) => Object.fromEntries([...Object.entries(own), ...extra])), // wrong types, missing fields, unknown keys
    // a single field wrong in an otherwise empty object, deeply nested
    fc.tuple(fc.constantFrom(...(fields.length ? fields : ['x'])), junk).map(([f, v]) => Object.fromEntries([[f, { nested: [v, { [f]: v }] }]])),
  );
}

/**
 * Odd but often well-formed input: the operation's own fields with edge values (huge and negative
 * ids, FTS5 syntax, control and bidi characters, impossible dates), many of which pass the schema
 * and reach the handler and the SQL underneath.
 */
function oddInput(op: Operation): fc.Arbitrary<unknown> {
  const fields = shapeKeys(op.input);
  const value = fc.oneof(fc.constantFrom(...oddNumbers), fc.integer({ min: 1, max: 6 }), fc.constantFrom(...oddStrings), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null));
  return fields.length ? fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }) : fc.constant({});
}

/** Operations that only read (their audit line aside) and leave the session alone. */
const readOperations = operations.filter((op) => op.audit !== 'write' && !op.async && op.permission !== 'public');

function auditLines(v: TestVault): number {
  return (v.admin.state.handle!.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** dispatch treats a missing input as {}; an input the schema accepts is not malformed. */
function acceptedBySchema(op: Operation, input: unknown): boolean {
  try {
    return op.input.safeParse(input ?? {}).success;
  } catch {
    return false; // a schema that throws is exactly what dispatch must survive
  }
}

beforeAll(async () => {
  vault = await testVault();
  for (const role of roles) callers.set(role, role === 'administrator' ? vault.admin : await vault.as(role));
  // Some content in most tables, so that "unchanged" means something.
  const consultant = callers.get('consultant')!;
  const { participantId } = await consultant.call('dossiers.create', aParticipant());
  await consultant.call('dossiers.addTrajectory', { participantId, type: 'wmo', commissioner: 'Gemeente Utrecht', startDate: '2026-01-05', endDate: null, description: null });
  await consultant.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Notitie', body: 'Inhoud' });
  await consultant.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: 'cv.txt', mimeType: 'text/plain', contentBase64: Buffer.from('cv').toString('base64') });
  await callers.get('administration')!.call('requests.intake', { participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: '2026-03-02', description: 'Inzage' });
  contentBefore = contentHash(vault);
  dataBefore = contentHash(vault, false);
});
afterAll(() => removeVault(vault));

describe(`bad input at scale: every operation of the API contract (${RUNS_PER_OPERATION} inputs each)`, () => {
  it('R05 the property covers every operation, each with a caller who holds its permission', () => {
    expect(operations.length).toBe(Object.keys(apiContract).length);
    for (const op of operations) expect(roles.some((r) => roleHas(r, op.permission)), op.name).toBe(true);
  });

  for (const op of operations) {
    it(`R05 R07 ${op.name}: malformed inputs are refused with input.invalid and a Dutch sentence; nothing crashes and no row changes`, async () => {
      const role = roles.find((r) => roleHas(r, op.permission) && (op.permission !== 'public' || r === 'administrator'))!;
      const who = callers.get(role)!;
      const failures = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      let refused = 0;
      try {
        await fc.assert(fc.asyncProperty(malformedInput(op), async (input) => {
          if (acceptedBySchema(op, input)) return;
          const changes = changeCounter(vault);
          const r = await who.raw(op.name, input);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.error.code).toBe('input.invalid');
          expect(messages[r.error.code]).toBeDefined();
          expect(r.error.message).toMatch(/^De invoer is niet geldig: /);
          expect(JSON.stringify(r).length).toBeLessThan(20_000); // huge input is not echoed back
          expect(changeCounter(vault)).toBe(changes);
          refused++;
        }), { numRuns: RUNS_PER_OPERATION, seed });
      } finally {
        failures.mockRestore();
      }
      expect(failures).not.toHaveBeenCalled(); // dispatch logs only unexpected (uncoded) failures
      expect(refused).toBeGreaterThan(RUNS_PER_OPERATION / 2);
      expect(who.state.session, 'the caller is still signed in').not.toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    });
  }

  it('R05 after all malformed input the database holds exactly what it held before, audit trail included', () => {
    expect(contentHash(vault)).toBe(contentBefore);
  });

  for (const op of readOperations) {
    it(`R05 ${op.name}: odd but well-formed input (huge ids, FTS5 syntax, impossible dates) gives an answer or a coded error, never a crash, and writes nothing but audit lines`, async () => {
      const role = roles.find((r) => roleHas(r, op.permission))!;
      const who = callers.get(role)!;
      const failures = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const codes = new Set<string>();
      try {
        await fc.assert(fc.asyncProperty(oddInput(op), async (input) => {
          const changes = changeCounter(vault);
          const lines = auditLines(vault);
          const r = await who.raw(op.name, input);
          if (!r.ok) {
            codes.add(r.error.code);
            expect(r.error.code).not.toBe('operation.failed');
            expect(messages[r.error.code]?.nl.length).toBeGreaterThan(0);
          }
          // Reads and denials write their audit line, and nothing else.
          expect(changeCounter(vault) - changes).toBe(auditLines(vault) - lines);
        }), { numRuns: RUNS_PER_OPERATION, seed });
      } finally {
        failures.mockRestore();
      }
      expect(failures).not.toHaveBeenCalled();
      expect(codes).not.toContain('operation.failed');
    });
  }

  it('R05 after the well-formed odd reads the data is still the same (only audit lines were added), and the audit chain verifies', () => {
    expect(contentHash(vault, false)).toBe(dataBefore);
    expect(verifyAuditChain(vault.admin.state.handle!.sqlite).ok).toBe(true);
  });
});
