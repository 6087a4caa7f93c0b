// What an operation's handler gets: the open vault, the signed-in user, the clock, and a way to
// say what the audit line of this call should record.
import type { Db, Sqlite } from '../../db/connection.ts';
import { domainError } from '../api/errors.ts';
import type { Role } from '../api/permissions.ts';
import type { AuditEvent } from '../audit/chain.ts';
import type { KdfCost } from '../vault/keyslots.ts';
import type { VaultHandle } from '../vault/vault.ts';

export interface Session {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  workstation: string;
  onBehalfOf: string | null;
}

/** The state of one workstation's connection to one vault folder. */
export interface HostState {
  dir: string;
  workstation: string;
  handle: VaultHandle | null;
  session: Session | null;
  now: () => Date;
  /** Key-derivation cost for new slots (tests use a cheap one; the app never does). */
  kdfCost: KdfCost;
}

/** Filled in by services; the router writes it as the call's audit line (R05). */
export interface AuditNote {
  participantId?: number | null;
  objects?: Record<string, unknown>;
  reason?: string | null;
  flagged?: boolean;
  /** An asynchronous operation wrote its ok line itself, in the transaction of its last change. */
  written?: boolean;
}

export interface Ctx {
  db: Db;
  sqlite: Sqlite;
  session: Session;
  nowIso: string;
  today: string;
  note: AuditNote;
  /** Extra audit lines, for calls that touch several dossiers (lists). */
  audit(e: Omit<AuditEvent, 'userId' | 'username' | 'workstation' | 'at' | 'onBehalfOf'>): void;
}

export type SyncHandler<I, O> = (ctx: Ctx, input: I) => O;
export type AsyncHandler<I, O> = (state: HostState, input: I, note: AuditNote) => Promise<O> | O;

/**
 * A context for one step of an asynchronous operation, in its own transaction like the router's
 * (an async operation reads, then builds outside any transaction, e.g. a PDF, then records).
 */
export function inTransaction<T>(state: HostState, note: AuditNote, fn: (ctx: Ctx) => T): T {
  if (!state.handle || !state.session) throw domainError('auth.required');
  const { sqlite, db } = state.handle;
  const nowIso = state.now().toISOString();
  const ctx: Ctx = { db, sqlite, session: state.session, nowIso, today: nowIso.slice(0, 10), note, audit: () => undefined };
  return sqlite.transaction(() => fn(ctx))();
}
