// One call of every operation of the contract (a few variants each) as one caller: the engine of
// the leak and authorisation tests. Iterating apiContract means an operation added later is
// covered without anyone remembering to add it here.
import { expect } from 'vitest';
import type { Operation } from '../../core/api/operation.ts';
import { apiContract } from '../../core/contract.ts';
import type { Caller } from './vault.ts';
import { sampleInputs, type SampleContext } from './sample-input.ts';

const operations = Object.values(apiContract as Record<string, Operation>);
/** Calls that end the session or remove the caller's own access come last, so the rest still reach the dossier. */
const LAST = new Set(['auth.signOut', 'dossiers.unassign', 'dossiers.close', 'users.deactivate']);
const last = (o: Operation) => LAST.has(o.name) || o.permission === 'public' || o.async === true; // sign-in, first run, passwords: host state
const ordered = [...operations.filter((o) => o.audit !== 'write' && !last(o)), ...operations.filter((o) => o.audit === 'write' && !last(o)), ...operations.filter(last)];

export interface Sweep { responses: { name: string; text: string }[]; ok: Set<string> }

/**
 * Every operation, reads first, then writes, then host-level calls (auth.signOut closes a test
 * vault's shared database, so nothing can follow it). Returns each response as JSON.
 */
export async function sweepContract(caller: Caller, c: SampleContext, opts: { skip?: readonly string[] } = {}): Promise<Sweep> {
  const responses: Sweep['responses'] = [];
  const ok = new Set<string>();
  for (const op of ordered) {
    if (opts.skip?.includes(op.name)) continue;
    for (const input of sampleInputs(op, c)) {
      const r = await caller.raw(op.name, input);
      if (r.ok) ok.add(op.name);
      responses.push({ name: op.name, text: JSON.stringify(r) });
    }
  }
  return { responses, ok };
}

export function expectNoCanary(responses: Sweep['responses'], canaries: string[]): void {
  for (const { name, text } of responses) for (const c of canaries) expect(text.includes(c), `${name} returned ${c}`).toBe(false);
}
