// Disclosures (R10, R12, R14, R03, R27, R30): recording that data was provided to a third party.
// The service refuses a disclosure to a recipient the participant objected to, of a contact field
// the participant keeps secret, of restricted data, or without a covering basis; every accepted
// disclosure becomes a line in the register, per participant and organisation-wide.
import { requireAccess } from '../access/service.ts';
import { searchShieldsFor } from '../access/shields.ts';
import { dataCategories, participantFields, type DataCategory, type ParticipantField } from '../api/categories.ts';
import { domainError, isDomainError } from '../api/errors.ts';
import { upheldObjection } from '../consent/index.ts';
import { loadPolicy } from '../requests/policy.ts';
import { activeRestrictionOn } from '../restriction/index.ts';
import { activeRecipient } from '../recipients/service.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { DossierTarget } from '../statements/contract.ts';
import { assertTargetsVisible, hiddenFrom, listLens, readDossier } from '../access/view.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { z } from 'zod';
import { findBasis, type Basis } from './basis.ts';
import type { DisclosureRequest, disclosuresContract } from './contract.ts';
import { DISCLOSURE_SELECT, disclosureView, disclosuresOf, loadDisclosure } from './register.ts';

type Request = z.output<typeof DisclosureRequest>;
type Items = Request['items'];

/** Journal entries are trajectory data; attachments are the documents category (DOMAIN.md, "Data held"). */
const ENTRY_CATEGORY: DataCategory = 'trajectory';
const DOCUMENT_CATEGORY: DataCategory = 'documents';

export function categoriesOf(items: Items): DataCategory[] {
  const found = new Set<DataCategory>(items.fields.map((f) => participantFields[f].category));
  if (items.entryIds.length) found.add(ENTRY_CATEGORY);
  if (items.documentIds.length) found.add(DOCUMENT_CATEGORY);
  return (Object.keys(dataCategories) as DataCategory[]).filter((c) => found.has(c));
}

function targetsOf(items: Items): DossierTarget[] {
  return [
    ...items.fields.map((field) => ({ kind: 'field' as const, field })),
    ...items.entryIds.map((entryId) => ({ kind: 'entry' as const, entryId })),
    ...items.documentIds.map((documentId) => ({ kind: 'document' as const, documentId })),
  ];
}

const secretLabel: Partial<Record<ParticipantField, string>> = { phone: 'telefoonnummer', email: 'e-mailadres' };

/** R03: the contact fields this participant keeps secret; they never go to a third party. */
function secretFields(sqlite: Sqlite, participantId: number): ParticipantField[] {
  const p = sqlite.prepare('SELECT phone_secret AS phone, email_secret AS email FROM participants WHERE id = ?').get(participantId) as { phone: number; email: number };
  return [...(p.phone === 1 ? ['phone' as const] : []), ...(p.email === 1 ? ['email' as const] : [])];
}

interface Assessment { recipientName: string; categories: DataCategory[]; basis: Basis }

/** Every check a disclosure must pass, in the order a person would explain a refusal. */
function assess(ctx: Ctx, req: Request): Assessment {
  requireAccess(ctx, req.participantId);
  if (req.disclosedOn > ctx.today) throw domainError('date.inFuture');
  const recipient = activeRecipient(ctx.sqlite, req.recipientId);
  const objection = upheldObjection(ctx.sqlite, req.participantId, req.recipientId); // R27
  if (objection) throw domainError('disclosure.recipientObjected', { recipient: recipient.name, on: objection.decidedOn });
  const targets = targetsOf(req.items);
  // What this user may not see does not exist for them; what is shielded from the recipient is
  // refused with its own reason (R26).
  assertTargetsVisible(ctx, req.participantId, targets);
  if (hiddenFrom(ctx, req.participantId, { kind: 'recipient', recipientId: req.recipientId }, targets)) throw domainError('disclosure.shielded');
  const secret = secretFields(ctx.sqlite, req.participantId).find((f) => req.items.fields.includes(f)); // R03
  if (secret) throw domainError('disclosure.secretField', { field: secretLabel[secret]! });
  const restriction = activeRestrictionOn(ctx.sqlite, req.participantId, targets); // R30
  if (restriction) throw domainError('disclosure.restricted', { since: restriction.placedAt.slice(0, 10) });
  const categories = categoriesOf(req.items);
  const basis = findBasis(ctx.sqlite, req, categories, recipient.name, loadPolicy(ctx.sqlite).profile.consent);
  return { recipientName: recipient.name, categories, basis };
}

export const disclosureHandlers: Handlers<typeof disclosuresContract> = {
  'disclosures.record': (ctx: Ctx, input) => {
    const { categories, basis } = assess(ctx, input);
    const { id } = ctx.sqlite.prepare(`INSERT INTO disclosures (participant_id, recipient_id, disclosed_on, purpose, categories, channel, basis, mandate_id,
      legal_duty, exception_arguments, flagged, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(
      input.participantId, input.recipientId, input.disclosedOn, input.purpose, JSON.stringify(categories), input.channel, basis.kind, basis.mandateId,
      basis.legalDuty, basis.exceptionArguments, basis.flagged ? 1 : 0, input.note, ctx.session.userId, ctx.nowIso) as { id: number };
    const item = ctx.sqlite.prepare('INSERT INTO disclosure_items (disclosure_id, kind, field, entry_id, document_id) VALUES (?, ?, ?, ?, ?)');
    for (const f of input.items.fields) item.run(id, 'field', f, null, null);
    for (const e of input.items.entryIds) item.run(id, 'entry', null, e, null);
    for (const d of input.items.documentIds) item.run(id, 'document', null, null, d);
    ctx.note.objects = { disclosureId: id, recipientId: input.recipientId, basis: basis.kind, mandateId: basis.mandateId, fields: input.items.fields, entryIds: input.items.entryIds, documentIds: input.items.documentIds };
    // R12: a disclosure without consent is flagged on the audit trail and in the register for the privacy officer.
    if (basis.flagged) { ctx.note.flagged = true; ctx.note.reason = 'Verstrekking zonder toestemming (uitzondering, R12)'; }
    return loadDisclosure(ctx.sqlite, id);
  },

  'disclosures.check': (ctx: Ctx, input) => {
    try {
      const { basis } = assess(ctx, input);
      return { allowed: true, code: null, message: null, messageEn: null, mandateId: basis.mandateId };
    } catch (e) {
      // Access is decided (and denials audited) by the router as for any other call.
      if (!isDomainError(e) || e.code.startsWith('access.') || e.code.startsWith('dossier.')) throw e;
      const api = e.toApiError();
      return { allowed: false, code: api.code, message: api.message, messageEn: api.messageEn, mandateId: null };
    }
  },

  'disclosures.list': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    return disclosuresOf(ctx.sqlite, input.participantId, listLens(ctx));
  },

  'disclosures.register': (ctx: Ctx, input) => {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const lens = listLens(ctx);
    // Dossiers shielded as a whole from this user are left out before counting (R26).
    const hidden = searchShieldsFor(ctx.sqlite, ctx.session.userId).hidden;
    if (hidden.length > 0) { where.push('s.participant_id NOT IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(hidden)); }
    if (input.recipientId !== undefined) { where.push('s.recipient_id = ?'); args.push(input.recipientId); }
    if (input.basis) { where.push('s.basis = ?'); args.push(input.basis); }
    if (input.from) { where.push('s.disclosed_on >= ?'); args.push(input.from); }
    if (input.to) { where.push('s.disclosed_on <= ?'); args.push(input.to); }
    if (input.flaggedOnly) where.push('s.flagged = 1 AND s.reviewed_at IS NULL');
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const from = 'FROM disclosures s JOIN recipients r ON r.id = s.recipient_id JOIN users u ON u.id = s.recorded_by LEFT JOIN users v ON v.id = s.reviewed_by';
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM disclosures s${clause}`).get(...args) as { n: number }).n;
    const select = DISCLOSURE_SELECT.replace(from, `, p.first_name AS firstName, p.last_name_prefix AS prefix, p.last_name AS lastName, p.dossier_number AS dossierNumber
      ${from} JOIN participants p ON p.id = s.participant_id`);
    const rows = (ctx.sqlite.prepare(`${select}${clause} ORDER BY s.disclosed_on DESC, s.id DESC LIMIT ? OFFSET ?`).all(...args, input.limit, input.offset) as
      (Parameters<typeof disclosureView>[1] & { firstName: string; prefix: string | null; lastName: string; dossierNumber: string })[])
      .map(({ firstName, prefix, lastName, dossierNumber, ...r }) => ({ ...disclosureView(ctx.sqlite, r, lens), participantName: lens.name(r.participantId, [firstName, prefix, lastName].filter(Boolean).join(' ')), dossierNumber }));
    ctx.note.objects = { shown: [...new Set(rows.map((r) => r.participantId))], total };
    return { total, rows };
  },

  'disclosures.package': (ctx: Ctx, input) => {
    const d = loadDisclosure(ctx.sqlite, input.disclosureId);
    // What the recipient got, read now through the read model with the recipient as a viewer too:
    // a shielded part is left out without a trace (R26); a field marked secret or data restricted
    // since then is listed as withheld (R03, R30).
    const view = readDossier(ctx, d.participantId, { alsoFor: [{ kind: 'recipient', recipientId: d.recipientId }] });
    const secret = secretFields(ctx.sqlite, d.participantId);
    const restricted = (t: DossierTarget) => activeRestrictionOn(ctx.sqlite, d.participantId, [t]) !== null;
    const withheld: { kind: 'field' | 'entry' | 'document'; ref: string; reason: 'secret' | 'restricted' }[] = [];
    const p = view.participant as unknown as Record<string, string | null>;
    const hiddenField = (f: ParticipantField) => (view.shieldNotice || view.specialHidden) && p[f] === null || (f === 'firstName' || f === 'lastName') && p[f] === '';
    const fields = d.items.fields.filter((field) => {
      if (hiddenField(field)) return false;
      if (secret.includes(field)) { withheld.push({ kind: 'field', ref: field, reason: 'secret' }); return false; }
      if (restricted({ kind: 'field', field })) { withheld.push({ kind: 'field', ref: field, reason: 'restricted' }); return false; }
      return true;
    }).map((field) => ({ field, category: participantFields[field].category, value: p[field] ?? null }));
    const entriesById = new Map(view.entries.map((e) => [e.id, e]));
    const entries = d.items.entryIds.filter((entryId) => {
      if (!entriesById.has(entryId)) return false;
      if (!restricted({ kind: 'entry', entryId })) return true;
      withheld.push({ kind: 'entry', ref: String(entryId), reason: 'restricted' });
      return false;
    }).map((id) => { const e = entriesById.get(id)!; return { id, entryDate: e.entryDate, title: e.title, body: e.body }; });
    const documentsById = new Map(view.documents.map((x) => [x.id, x]));
    const documents = d.items.documentIds.filter((documentId) => {
      if (!documentsById.has(documentId)) return false;
      if (!restricted({ kind: 'document', documentId })) return true;
      withheld.push({ kind: 'document', ref: String(documentId), reason: 'restricted' });
      return false;
    }).map((id) => { const x = documentsById.get(id)!; return { id, kind: x.kind, fileName: x.fileName }; });
    ctx.note.objects = { disclosureId: d.id, fields: fields.map((f) => f.field), entryIds: entries.map((e) => e.id), documentIds: documents.map((x) => x.id) };
    return { disclosureId: d.id, recipientName: d.recipientName, fields, entries, documents, withheld, shieldNotice: view.shieldNotice };
  },

  'disclosures.reviewException': (ctx: Ctx, input) => {
    const d = loadDisclosure(ctx.sqlite, input.disclosureId);
    ctx.note.participantId = d.participantId;
    if (d.basis !== 'exception') throw domainError('disclosure.notException');
    if (d.reviewedAt !== null) throw domainError('disclosure.alreadyReviewed');
    ctx.sqlite.prepare('UPDATE disclosures SET reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?').run(ctx.session.userId, ctx.nowIso, input.note, d.id);
    return loadDisclosure(ctx.sqlite, d.id);
  },
};
