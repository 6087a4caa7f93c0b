// One call of every operation of the contract (a few variants each) as one caller: the engine of
// the leak and authorisation tests. Iterating apiContract means an operation added later is
// covered without anyone remembering to add it here.
import { expect } from 'vitest';
import type { Operation } from '../../core/api/operation.ts';
import { apiContract } from '../../core/contract.ts';
import type { Caller } from './vault.ts';
import { sampleInputs, type SampleContext } from './sample-input.ts';
import { fileText } from './files.ts';

const operations = Object.values(apiContract as Record<string, Operation>);
/** Calls that end the session or remove the caller's own access come last, so the rest still reach the dossier. */
const LAST = ['dossiers.unassign', 'dossiers.close', 'users.deactivate', 'auth.signOut'];
const isLast = (o: Operation) => LAST.includes(o.name) || o.permission === 'public' || o.async === true;
const byOrder = (a: Operation, b: Operation) => LAST.indexOf(a.name) - LAST.indexOf(b.name);
// Asynchronous operations (a copy, a letter PDF, password changes) after the synchronous ones but
// while still signed in: before this order, auth.signOut came first among them and the sweep
// never read a copy or a letter PDF as a signed-in caller.
const asyncOps = operations.filter((o) => o.async === true && o.permission !== 'public' && !LAST.includes(o.name));
/** Password and second-factor changes can leave the caller with a temporary password: after the rest. */
const hostLevel = (o: Operation) => /^(auth|users)\./.test(o.name);
const ordered = [
  ...operations.filter((o) => o.audit !== 'write' && !isLast(o)), ...operations.filter((o) => o.audit === 'write' && !isLast(o)),
  ...asyncOps.filter((o) => !hostLevel(o)), ...asyncOps.filter(hostLevel),
  ...operations.filter((o) => LAST.includes(o.name)).sort(byOrder),
  ...operations.filter((o) => o.permission === 'public' && !LAST.includes(o.name)),
];

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
      const files = r.ok ? await filesIn(r.value) : '';
      responses.push({ name: op.name, text: JSON.stringify(r) + (files ? ` files: ${files}` : '') });
    }
  }
  return { responses, ok };
}

/**
 * The text inside every file an answer carries (a document, a letter PDF, an encrypted copy): a
 * canary in base64, in a compressed PDF stream or in an AES zip is still a leak, so the sweep reads
 * each file as its reader would, with the passphrase the same answer gives.
 */
async function filesIn(value: unknown): Promise<string> {
  const passphrase = typeof (value as { passphrase?: unknown })?.passphrase === 'string' ? (value as { passphrase: string }).passphrase : '';
  const texts: string[] = [];
  const walk = async (v: unknown): Promise<void> => {
    if (Array.isArray(v)) { for (const x of v) await walk(x); return; }
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'contentBase64' && typeof x === 'string') texts.push(await fileText(Buffer.from(x, 'base64'), passphrase));
      else await walk(x);
    }
  };
  await walk(value);
  return texts.join(' ');
}

export function expectNoCanary(responses: Sweep['responses'], canaries: string[]): void {
  // A file's text has its whitespace folded (files.ts), so a canary is also looked for folded.
  for (const { name, text } of responses) for (const c of canaries) {
    expect(text.includes(c), `${name} returned ${c}`).toBe(false);
    expect(text.includes(c.replace(/\s+/g, ' ')), `${name} returned ${c} in a file`).toBe(false);
  }
}
