import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

/** Everything but the audit trail, which records denied calls by design. */
function contentOf(v: TestVault): string {
  const sqlite = v.admin.state.handle!.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'audit_log' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return JSON.stringify(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]), (_k, val) => (Buffer.isBuffer(val) ? val.toString('base64') : val));
}

const junk = fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

describe('bad input to dossier operations', () => {
  it('R05 malformed input to every dossier operation is refused with a coded error and changes nothing', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    const valid = {
      'dossiers.create': aParticipant(),
      'dossiers.update': { participantId, changes: { city: 'Zeist' }, reason: null },
      'dossiers.addEntry': { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 't', body: 'b' },
      'dossiers.addTrajectory': { participantId, type: 'wmo', commissioner: 'Gemeente', startDate: '2026-01-01', endDate: null, description: null },
      'dossiers.close': { participantId, takeHome: 'niets' },
      'dossiers.uploadDocument': { participantId, kind: 'cv', fileName: 'a.txt', mimeType: 'text/plain', contentBase64: 'YQ==' },
      'dossiers.assign': { participantId, userId: 1 },
    } as Record<string, Record<string, unknown>>;
    let refused = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(valid)), fc.string({ minLength: 1, maxLength: 20 }), junk, async (name, key, value) => {
      // One field of a valid input replaced by junk, or an unknown key added.
      const input = { ...valid[name] };
      input[key in input || key.length % 2 === 0 ? key : Object.keys(input)[key.length % Object.keys(input).length]!] = value;
      const before = contentOf(vault);
      const r = await anna.raw(name, input);
      // Some replacements are still valid (null for an optional field); every refusal is coded
      // and leaves the database exactly as it was.
      if (!r.ok) {
        refused++;
        expect(r.error.code).toMatch(/^(input\.invalid|dossier\.|access\.)/);
        expect(contentOf(vault)).toBe(before);
      }
    }), { numRuns: 300 });
    expect(refused).toBeGreaterThan(200);
    expect(verifyAuditChain(vault.admin.state.handle!.sqlite).ok).toBe(true);
  });

  it('R05 unknown operations and non-object inputs are refused without a stack', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    for (const input of [null, 42, 'tekst', [1, 2], { __proto__: { admin: true } }]) {
      const r = await anna.raw('dossiers.get', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    expect(await anna.raw('dossiers.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'operation.unknown' } });
    expect(await anna.raw('toString', {})).toMatchObject({ ok: false, error: { code: 'operation.unknown' } });
  });
});
