// dispatch(state, name, input): the one way in. Validate → authorise → run in one transaction
// with its audit line → validate the output. Any failure rolls everything back, so bad input
// changes nothing, and every failure comes back as a coded error (never a stack).
import { z } from 'zod';
import { DomainError, domainError, isDomainError, type ApiResult } from '../api/errors.ts';
import { roleHas } from '../api/permissions.ts';
import type { Operation } from '../api/operation.ts';
import { flushAnchor } from '../audit/anchor.ts';
import { appendAudit } from '../audit/chain.ts';
import { apiContract, type OperationName } from '../contract.ts';
import { handlers } from './handlers.ts';
import { passwordChangeRequired } from '../auth/service.ts';
import type { AuditNote, Ctx, HostState } from './context.ts';
import { auditLine, idsOf } from './audit-line.ts';

function inputError(err: z.ZodError): DomainError {
  const issues = err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
  const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ').slice(0, 300);
  return new DomainError('input.invalid', { detail }, issues);
}

/**
 * zod can throw instead of reporting an issue on some hostile values (an object whose `length` has
 * no primitive value reaches a max-length check): that is bad input too, refused as such.
 */
function safeParse(op: Operation, input: unknown): ReturnType<Operation['input']['safeParse']> {
  try {
    return op.input.safeParse(input);
  } catch {
    throw new DomainError('input.invalid', { detail: 'de invoer heeft een onverwachte vorm' }, []);
  }
}

/** Denials are audited too (R04/R05), in their own transaction since the call's was rolled back. */
function auditDenial(state: HostState, name: string, note: AuditNote, error: DomainError): void {
  if (!state.handle) return;
  const sqlite = state.handle.sqlite;
  sqlite.transaction(() => appendAudit(sqlite, auditLine(state, name, 'denied', { ...note, objects: { ...note.objects, error: error.code } }, state.now().toISOString())))();
  flushAnchor(sqlite);
}

export async function dispatch(state: HostState, name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  const op = (apiContract as Record<string, Operation>)[name];
  if (!op || !Object.hasOwn(apiContract, name)) return { ok: false, error: domainError('operation.unknown', { name: String(name).slice(0, 80) }).toApiError() };
  const note: AuditNote = {};
  try {
    if (op.permission !== 'public') {
      if (!state.session || !state.handle) throw domainError('auth.required');
      if (!roleHas(state.session.role, op.permission)) {
        const err = domainError('auth.forbidden');
        auditDenial(state, op.name, note, err);
        throw err;
      }
      // A password someone else set opens nothing but the password change (issue 12, finding 5).
      if (op.name !== 'auth.changePassword' && passwordChangeRequired(state)) throw domainError('auth.passwordChangeRequired');
    }
    const parsed = safeParse(op, rawInput ?? {});
    if (!parsed.success) throw inputError(parsed.error);
    const handler = handlers[op.name as OperationName];
    if (op.async || op.permission === 'public') {
      // Host-level operations (sign-in, first run, password changes) work on the host state and
      // manage their own transactions, because key derivation is asynchronous.
      const value = await (handler as (s: HostState, i: unknown, n: AuditNote) => Promise<unknown>)(state, parsed.data, note);
      const out = op.output.parse(value);
      // An operation that wrote its line in its own last transaction (note.written) is not audited twice.
      if (op.audit !== 'none' && state.handle && !note.written) {
        const sqlite = state.handle.sqlite;
        sqlite.transaction(() => appendAudit(sqlite, auditLine(state, op.name, 'ok', { ...note, objects: { ...idsOf(parsed.data), ...note.objects } }, state.now().toISOString())))();
      }
      if (state.handle) flushAnchor(state.handle.sqlite);
      return { ok: true, value: out };
    }
    return { ok: true, value: runInTransaction(state, op, parsed.data, note) };
  } catch (e) {
    if (isDomainError(e)) {
      if (e.code.startsWith('access.')) auditDenial(state, op.name, note, e);
      return { ok: false, error: e.toApiError() };
    }
    // Never a stack or a value to the caller or the log: only which operation failed.
    console.error(`dossierkluis: ${op.name} failed (${(e as Error)?.name ?? 'error'})`);
    return { ok: false, error: domainError('operation.failed').toApiError() };
  }
}

function runInTransaction(state: HostState, op: Operation, input: unknown, note: AuditNote): unknown {
  const { sqlite, db } = state.handle!;
  const session = state.session!;
  const now = state.now();
  const nowIso = now.toISOString();
  const extra: Parameters<Ctx['audit']>[0][] = [];
  const ctx: Ctx = {
    db, sqlite, session, nowIso, today: nowIso.slice(0, 10), note,
    audit: (e) => { extra.push(e); },
  };
  const handler = handlers[op.name as OperationName] as (c: Ctx, i: unknown) => unknown;
  const result = sqlite.transaction(() => {
    const value = handler(ctx, input);
    const out = op.output.parse(value); // inside the transaction: a bad output rolls back
    if (op.audit !== 'none') {
      const participantId = note.participantId ?? (idsOf(input).participantId as number | undefined) ?? (idsOf(value).participantId as number | undefined) ?? null;
      appendAudit(sqlite, auditLine(state, op.name, 'ok', { ...note, participantId, objects: { ...idsOf(input), ...note.objects } }, nowIso));
    }
    for (const e of extra) appendAudit(sqlite, { ...auditLine(state, e.action, e.outcome, e, nowIso) });
    return out;
  })();
  flushAnchor(sqlite); // committed: the audit anchor outside the database follows (R05)
  return result;
}
