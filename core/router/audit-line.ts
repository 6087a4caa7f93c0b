// The audit line of one call (R05), built the same way by the router and by an asynchronous
// operation that writes its line inside its own last transaction (copies.make).
import type { AuditNote, HostState } from './context.ts';

/** Ids the call touched, for the audit line: keys ending in "Id", never values of fields. */
export function idsOf(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => /Id$/.test(k) && typeof v === 'number'));
}

export function auditLine(state: HostState, name: string, outcome: 'ok' | 'denied' | 'failed', note: AuditNote, at: string) {
  return {
    action: name, outcome, at,
    userId: state.session?.userId ?? null, username: state.session?.username ?? null,
    onBehalfOf: state.session?.onBehalfOf ?? null, workstation: state.workstation,
    participantId: note.participantId ?? null, objects: note.objects ?? {}, reason: note.reason ?? null, flagged: note.flagged ?? false,
  };
}
