// Crash safety: a second process writes entries through dispatch, one transaction each, and is
// killed with SIGKILL at a random moment (while loading, signing in, or writing). After each kill
// the vault must open again (its lock is stale), pass SQLite's integrity check, keep a valid
// audit chain, and hold every entry the process reported as committed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { signIn, signOut } from '../../core/auth/signin.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { PASSWORD, removeVault, testVault, type TestVault } from '../support/vault.ts';
import { FULL, faultSeed, prepareChild, removeChildBundle, seededRandom, sleep, startChild, type RunningChild } from './support.ts';

let vault: TestVault;
const children: RunningChild[] = [];
beforeAll(() => prepareChild());
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill();
  removeVault(vault);
});
afterAll(() => removeChildBundle());

const KILLS = FULL ? 200 : 20;

interface Printed { entries: number[]; participants: number[] }

function printedIds(lines: string[]): Printed {
  const ids = (kind: string) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.slice(kind.length + 1)));
  return { entries: ids('entry'), participants: ids('participant') };
}

/** Opens the vault as a fresh workstation would after the crash, checks it, and locks it again. */
async function checkAfterCrash(dir: string, printed: Printed, context: string) {
  const state = createHostState({ vaultDir: dir, workstation: 'na-crash', kdfCost: TEST_KDF });
  await signIn(state, 'beheerder', PASSWORD); // throws vault.inUse if the dead child's lock were honoured
  try {
    const sqlite = state.handle!.sqlite;
    expect(sqlite.pragma('integrity_check', { simple: true }), context).toBe('ok');
    expect(sqlite.pragma('foreign_key_check'), context).toEqual([]);
    const chain = verifyAuditChain(sqlite);
    expect(chain.findings, context).toEqual([]);
    const has = (table: string, ids: number[]) => {
      if (ids.length === 0) return [];
      const found = new Set((sqlite.prepare(`SELECT id FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number }[]).map((r) => r.id));
      return ids.filter((id) => !found.has(id));
    };
    expect(has('entries', printed.entries), `${context}: printed entries missing`).toEqual([]);
    expect(has('participants', printed.participants), `${context}: printed dossiers missing`).toEqual([]);
    // Each committed entry carries its audit line (same transaction).
    const audited = sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'dossiers.addEntry' AND outcome = 'ok'").get() as { n: number };
    const entries = sqlite.prepare('SELECT count(*) AS n FROM entries').get() as { n: number };
    expect(audited.n, context).toBe(entries.n);
    return { entries: entries.n, auditLines: chain.checked };
  } finally {
    signOut(state);
  }
}

describe('crash safety (SIGKILL)', () => {
  it(`R05 R07 a writer killed ${KILLS} times at random moments leaves a vault that opens, passes integrity_check, keeps its audit chain and every committed entry`, async () => {
    vault = await testVault();
    await vault.addUser('schrijver', 'consultant');
    vault.close();
    const seed = faultSeed();
    const random = seededRandom(seed);
    const lockFile = join(vault.dir, 'vault.lock');
    let printedTotal = 0;
    let killedWhileWriting = 0;
    let killedAfterReady = 0;
    let staleLocks = 0;
    let last = { entries: 0, auditLines: 0 };
    // The next child loads its modules while the current one writes (loading is the slow part).
    let next = startChild('write', vault.dir, 'schrijver');
    children.push(next);
    for (let round = 1; round <= KILLS; round++) {
      const current = next;
      await current.waitFor(/^loaded$/);
      current.go();
      next = startChild('write', vault.dir, 'schrijver');
      children.push(next);
      // Every fourth round: somewhere in sign-in (opening, migrating, first audit lines); otherwise
      // somewhere in the writes, up to a few hundred transactions in.
      const duringSignIn = round % 4 === 1;
      if (!duringSignIn) await current.waitFor(/^ready$/);
      await sleep(Math.floor(random() * (duringSignIn ? 120 : 400)));
      const finished = await current.kill();
      children.splice(children.indexOf(current), 1);
      const context = `seed ${seed}, round ${round}`;
      expect(finished.signal, `${context}: ${finished.stderr.slice(-400)}`).toBe('SIGKILL');
      const printed = printedIds(current.lines());
      printedTotal += printed.entries.length;
      if (printed.entries.length > 0) killedWhileWriting++;
      if (current.lines().includes('ready')) killedAfterReady++;
      if (existsSync(lockFile) && readFileSync(lockFile, 'utf8') === String(current.child.pid)) staleLocks++;
      const now = await checkAfterCrash(vault.dir, printed, context);
      expect(now.entries, context).toBeGreaterThanOrEqual(last.entries + printed.entries.length);
      expect(now.auditLines, context).toBeGreaterThan(last.auditLines);
      last = now;
    }
    // The kills really hit running writers (how many entries they got to depends on the machine)
    // and left their locks behind.
    expect(killedAfterReady).toBeGreaterThanOrEqual(KILLS - Math.ceil(KILLS / 4));
    expect(killedWhileWriting).toBeGreaterThan(0);
    expect(printedTotal).toBeGreaterThan(KILLS);
    expect(staleLocks).toBeGreaterThanOrEqual(killedAfterReady);
  }, FULL ? 1_800_000 : 120_000);
});
