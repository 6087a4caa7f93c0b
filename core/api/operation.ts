// An operation is declared once: name, zod input and output, the permission it needs, and how
// the router audits it. Everything else (router, transports, the renderer's typed client) is
// derived from these declarations.
import type { z } from 'zod';
import type { Permission } from './permissions.ts';

/** read: audited as a read of dossier data; write: audited as a change; none: not dossier data. */
export type AuditKind = 'read' | 'write' | 'none';

export interface Operation<N extends string = string, I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: N;
  permission: Permission;
  input: I;
  output: O;
  audit: AuditKind;
  /** Operations that hash passwords are asynchronous and manage their own transactions. */
  async?: boolean;
}

export function operation<const N extends string, I extends z.ZodType, O extends z.ZodType>(op: Operation<N, I, O>): Operation<N, I, O> {
  return op;
}

type OpsByName<Ops extends readonly Operation[]> = { [K in Ops[number] as K['name']]: K };

/** Merges operations into a map by name; a name that is already taken is refused. */
export function contract<const Ops extends readonly Operation[]>(...ops: Ops): OpsByName<Ops> {
  const byName: Record<string, Operation> = {};
  for (const op of ops) {
    if (byName[op.name]) throw new Error(`duplicate operation name: ${op.name}`);
    byName[op.name] = op;
  }
  return byName as OpsByName<Ops>;
}

export function mergeContracts<A extends Record<string, Operation>, B extends Record<string, Operation>>(a: A, b: B): A & B {
  for (const name of Object.keys(b)) if (name in a) throw new Error(`duplicate operation name: ${name}`);
  return { ...a, ...b };
}

export type InputOf<C extends Record<string, Operation>, N extends keyof C> = z.input<C[N]['input']>;
export type OutputOf<C extends Record<string, Operation>, N extends keyof C> = z.output<C[N]['output']>;
