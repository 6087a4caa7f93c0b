import type { z } from 'zod';
import type { Operation } from '../api/operation.ts';
import type { AuditNote } from './context.ts';

/**
 * The handlers of one module's contract, typed from its schemas. The first parameter is the
 * transaction context (Ctx) or, for host-level operations, the HostState; each handler names
 * which, and the router passes the matching one (see dispatch).
 */
export type Handlers<C extends Record<string, Operation>> = {
  [K in keyof C]: (ctxOrState: never, input: z.output<C[K]['input']>, note: AuditNote) => z.input<C[K]['output']> | Promise<z.input<C[K]['output']>>;
};
