// Found by the bad-input property (seed 876433099): zod throws, instead of reporting an issue, on
// an object whose `length` has no primitive value. The router answers it as bad input (R05).
import { afterEach, expect, it } from 'vitest';
import { removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault | undefined;
afterEach(() => { if (vault) removeVault(vault); vault = undefined; });

it('R05 a value that makes the schema library throw is refused as input.invalid with a Dutch sentence, and nothing changes', async () => {
  vault = await testVault();
  const consultant = await vault.as('consultant');
  const before = (vault.admin.state.handle!.sqlite.prepare('SELECT count(*) AS n FROM participants').get() as { n: number }).n;
  const r = await consultant.raw('dossiers.create', { workCapabilities: { length: { toString: [] } } });
  expect(r).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  if (!r.ok) expect(r.error.message).toMatch(/invoer/);
  expect((vault.admin.state.handle!.sqlite.prepare('SELECT count(*) AS n FROM participants').get() as { n: number }).n).toBe(before);
});
