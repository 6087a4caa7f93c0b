// Field-level terms (R43): a field value whose shorter term has ended (an invitation e-mail address
// 90 days after it was recorded, applicant data four weeks after the procedure) is erased by the
// same machinery as a requested erasure (core/retention/erase.ts): the value and its history go, the
// search index forgets it, the WAL is checkpointed and its result reported. Run by the privacy
// officer from the destruction list; a dossier under a legal hold keeps its values (R45), a field
// shielded from the caller or a dossier hidden from them is not theirs to erase (R26).
import { appendAudit } from '../audit/chain.ts';
import { amsterdamDate } from '../calendar/index.ts';
import { checkpointTruncate } from '../../db/connection.ts';
import { loadPolicy } from '../requests/policy.ts';
import { auditLine } from '../router/audit-line.ts';
import { inTransaction, type AuditNote, type HostState } from '../router/context.ts';
import type { ParticipantField } from '../api/categories.ts';
import { eraseItems, REQUIRED_FIELDS } from './erase.ts';
import { ledgerAfterErasure, markErasure } from './erasures.ts';
import { bindErasure } from './identity.ts';
import { dueFieldValues, retentionLens } from './list.ts';

export interface FieldErasureResult { dossiers: number; fields: number; checkpointClean: boolean }

export function eraseDueFieldValues(state: HostState, note: AuditNote): FieldErasureResult {
  const result = inTransaction(state, note, (ctx) => {
    const due = dueFieldValues(ctx.sqlite, loadPolicy(ctx.sqlite).profile, amsterdamDate(ctx.nowIso), retentionLens(ctx)).filter((f) => !f.held && !REQUIRED_FIELDS.includes(f.field));
    const byDossier = new Map<number, ParticipantField[]>();
    for (const f of due) byDossier.set(f.participantId, [...(byDossier.get(f.participantId) ?? []), f.field]);
    let fields = 0;
    for (const [participantId, list] of byDossier) {
      const binding = bindErasure(ctx.sqlite, participantId);
      const erased = eraseItems(ctx.sqlite, participantId, list.map((field) => ({ kind: 'field' as const, field })), ctx.nowIso);
      markErasure(ctx.sqlite, { participantId, anonymise: false, anonymousNumber: null, fields: erased.fields, entryIds: [], documentIds: [] }, binding, ctx.nowIso);
      fields += erased.fields.length;
      // One line per dossier: which fields went, never their values.
      appendAudit(ctx.sqlite, auditLine(state, 'retention.fieldErased', 'ok', { participantId, objects: { fields: erased.fields } }, ctx.nowIso));
    }
    return { dossiers: byDossier.size, fields };
  });
  // After the commit: the ledger lists the erasures (R44, a restored backup has them again at open),
  // and stale WAL frames would still hold the values (R07); not clean is reported.
  if (result.dossiers > 0) ledgerAfterErasure(state.handle!.sqlite, state.handle!.dir, state.now().toISOString());
  const checkpoint = checkpointTruncate(state.handle!.sqlite);
  inTransaction(state, note, (ctx) => {
    note.objects = { ...result, checkpointClean: checkpoint.clean };
    note.flagged = !checkpoint.clean;
    appendAudit(ctx.sqlite, auditLine(state, 'retention.eraseDueFields', 'ok', note, ctx.nowIso));
    note.written = true;
  });
  return { ...result, checkpointClean: checkpoint.clean };
}
