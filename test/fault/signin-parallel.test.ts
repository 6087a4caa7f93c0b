// Issue 12, finding 6 across processes (R09): the delay was checked before key derivation and
// written after it, so N processes started together each got a guess. Now the attempt is counted
// under a lock file before the guess is checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS } from '../../core/auth/signin.ts';
import { removeVault, testVault, type TestVault } from '../support/vault.ts';
import { prepareChild, removeChildBundle, startChild, type RunningChild } from './support.ts';

let vault: TestVault;
const children: RunningChild[] = [];
beforeAll(async () => {
  await prepareChild();
  vault = await testVault();
  vault.close();
});
afterAll(async () => {
  for (const c of children) await c.kill();
  removeChildBundle();
  removeVault(vault);
});

describe('issue 12 finding 6: parallel processes', () => {
  it('R09 finding 6: six processes guessing at the same moment get no more than the free attempts; the others are refused', async () => {
    for (let i = 0; i < 6; i++) children.push(startChild('guess', vault.dir, 'beheerder'));
    for (const c of children) await c.waitFor(/^loaded$/);
    for (const c of children) c.go(); // all at once: each has its modules loaded already
    for (const c of children) await c.waitFor(/^result /);
    const results = children.map((c) => c.lines().find((l) => l.startsWith('result '))!.slice(7));
    expect(results.filter((r) => r === 'auth.wrongPassword')).toHaveLength(FREE_ATTEMPTS);
    expect(results.filter((r) => r === 'auth.rateLimited')).toHaveLength(6 - FREE_ATTEMPTS);
    const record = JSON.parse(readFileSync(join(vault.dir, 'signin-attempts.json'), 'utf8'));
    expect(record.failures.beheerder.count).toBe(FREE_ATTEMPTS);
    expect(record.pendingAudit.filter((p: { outcome: string }) => p.outcome === 'failed')).toHaveLength(FREE_ATTEMPTS);
  }, 60_000);
});
