// The content of one copy as plain data (schema version 1, docs/schema/dossier-copy-v1.schema.json):
// built only from the read model with the participant's copy as a viewer (copyContent), the
// disclosure register, the participant's log and the policy profile — never from dossier rows.
import { dataCategories, participantFields, participantFieldNames, type DataCategory } from '../api/categories.ts';
import { participantLog } from '../audit/service.ts';
import { actionWords } from '../audit/actions.ts';
import { mandatesOf, mandateView } from '../consent/mandates.ts';
import { purposeNl } from '../disclosures/basis.ts';
import { disclosuresOf, type DisclosureView } from '../disclosures/register.ts';
import { knownShields, readDocument, type DossierView, type ReadOptions } from '../access/view.ts';
import { copyContent } from '../requests/service.ts';
import { retentionTerms } from '../retention/index.ts';
import { loadPolicy, organisationName } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';

export const SCHEMA_VERSION = 1 as const;
export const WITHHELD_LINE = 'Een deel van deze gegevens is niet opgenomen omdat het gegevens over anderen bevat (AVG artikel 15 lid 4).';

const fieldLabel: Record<string, string> = {
  firstName: 'Voornaam', lastNamePrefix: 'Tussenvoegsel', lastName: 'Achternaam', birthDate: 'Geboortedatum', gender: 'Geslacht',
  street: 'Straat', houseNumber: 'Huisnummer', postcode: 'Postcode', city: 'Woonplaats', phone: 'Telefoonnummer', email: 'E-mailadres',
  livingSituation: 'Woonsituatie', familySituation: 'Gezinssituatie', financialSituation: 'Financiële situatie', workHistory: 'Werkervaring',
  workCapabilities: 'Functionele mogelijkheden', medicalNotes: 'Medische gegevens', disability: 'Beperking',
};
export const trajectoryTypeNl: Record<string, string> = { uwv: 'UWV', wmo: 'Wmo', jeugdwet: 'Jeugdwet', wlz: 'Wlz', participatiewet: 'Participatiewet', other: 'Overig' };
const roleNl: Record<string, string> = { consultant: 'consulent', administration: 'administratie', privacyOfficer: 'privacyfunctionaris', board: 'bestuur', admin: 'beheerder', administrator: 'beheerder' };
const directionNl: Record<string, string> = { shareWith: 'gegevens verstrekken aan', obtainFrom: 'gegevens opvragen bij' };
const mandateStateNl: Record<string, string> = { active: 'geldig', notYetValid: 'nog niet geldig', expired: 'verlopen', withdrawn: 'ingetrokken' };
const basisNl: Record<string, string> = { mandate: 'machtiging van de deelnemer', legalDuty: 'wettelijke plicht', exception: 'uitzondering (getoetst door de privacyfunctionaris)' };

export const sectionNl = { personal: 'Persoonsgegevens', trajectories: 'Trajecten', entries: 'Journaal', documents: 'Documenten', statements: 'Eigen verklaringen' } as const;

/** AVG art. 15(1)(a)(b): every data category with the purposes its fields serve. */
export function processingCategories() {
  return (Object.keys(dataCategories) as DataCategory[]).map((c) => ({
    category: c, label: dataCategories[c].nl, special: dataCategories[c].special,
    purposes: [...new Set(participantFieldNames.filter((f) => participantFields[f].category === c).map((f) => participantFields[f].purpose))],
  }));
}

/** Disclosure register lines in the participant's words (AVG art. 15(1)(c)). */
export function disclosureLines(list: readonly DisclosureView[]) {
  return list.map((d) => ({
    recipient: d.recipientName, disclosedOn: d.disclosedOn, purpose: purposeNl[d.purpose as keyof typeof purposeNl] ?? d.purpose,
    categories: d.categories.map((c) => dataCategories[c as DataCategory]?.nl ?? c), basis: basisNl[d.basis] ?? d.basis, legalDuty: d.legalDuty,
  }));
}

/** Everything the copy says, as data; documents' bytes only for a full copy. */
export function buildCopyData(ctx: Ctx, requestId: number, contents: 'full' | 'overview') {
  const { request, dossier } = copyContent(ctx, requestId);
  const copyViewer = { alsoFor: [{ kind: 'participantCopy' as const }], includeSpecial: true };
  const p = dossier.participant as unknown as Record<string, string | null>;
  const personal = participantFieldNames
    .filter((f) => p[f] !== null && p[f] !== '' && p[f] !== undefined)
    .map((f) => ({ field: f, label: fieldLabel[f] ?? f, category: participantFields[f].category, value: String(p[f]) }));
  const categories = processingCategories();
  const { profile } = loadPolicy(ctx.sqlite);
  const disclosures = disclosureLines(disclosuresOf(ctx.sqlite, request.participantId));
  // Who acted: role and organisation; the staff member's name only if the organisation chose so.
  const organisation = organisationName(ctx.sqlite);
  const staff = new Map((ctx.sqlite.prepare('SELECT username, role, display_name AS name FROM users').all() as { username: string; role: string; name: string }[]).map((u) => [u.username, u]));
  const accessLog = participantLog(ctx, request.participantId, copyViewer).filter((l) => l.outcome === 'ok').map((l) => {
    const who = staff.get(l.username ?? '');
    return {
      at: l.at, action: l.action, description: actionWords(l.action).nl,
      role: who ? roleNl[who.role] ?? who.role : 'systeem', organisation, name: who && profile.copies.staffNamesInAccessLog ? who.name : null, reason: l.reason,
    };
  });
  // The participant's mandates (consent, R10–R17): the signed form only named when the copy shows it.
  const shownDocuments = new Set(dossier.documents.map((d) => d.id));
  const mandates = mandatesOf(ctx.sqlite, request.participantId).map((row) => mandateView(row, ctx.today)).map((m) => ({
    recipient: m.recipientName, direction: directionNl[m.direction] ?? m.direction, purpose: purposeNl[m.purpose] ?? m.purpose, purposeNote: m.purposeNote,
    categories: m.categories.map((c) => dataCategories[c]?.nl ?? c), validFrom: m.validFrom, validUntil: m.validUntil, state: mandateStateNl[m.state] ?? m.state,
    withdrawnOn: m.withdrawnOn, form: m.documentId !== null && shownDocuments.has(m.documentId) ? m.documentName : null,
  }));
  const documents = dossier.documents.map((d) => ({
    id: d.id, kind: d.kind, fileName: d.fileName, mimeType: d.mimeType, size: d.size, sha256: d.sha256, uploadedAt: d.uploadedAt,
    content: contents === 'full' ? readDocument(ctx, d.id, copyViewer).content : null,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    organisation,
    madeOn: ctx.today,
    contents,
    request: { id: request.id, type: request.type, receivedOn: request.receivedOn, description: request.description, status: request.status, outcome: request.outcome },
    dossierNumber: dossier.participant.dossierNumber,
    participant: { personal, status: dossier.participant.status, createdAt: dossier.participant.createdAt },
    source: { kind: dossier.participant.source, note: dossier.participant.sourceNote },
    categories,
    trajectories: dossier.trajectories.map((t) => ({ id: t.id, type: t.type, typeLabel: trajectoryTypeNl[t.type] ?? t.type, commissioner: t.commissioner, startDate: t.startDate, endDate: t.endDate, status: t.status, description: t.description })),
    entries: dossier.entries.map((e) => ({ id: e.id, trajectoryId: e.trajectoryId, kind: e.kind, entryDate: e.entryDate, title: e.title, body: e.body, edited: e.edited, restricted: e.restricted ?? false })),
    documents,
    ownStatements: (dossier.ownStatements ?? []).map((s) => ({ id: s.id, text: s.text, receivedOn: s.receivedOn, targets: s.targets })),
    restrictions: (dossier.restrictions ?? []).filter((r) => !r.liftedAt).map((r) => ({ id: r.id, reason: r.reason, placedAt: r.placedAt, targets: r.targets })),
    disclosures,
    mandates,
    retention: retentionTerms(profile, dossier.trajectories),
    accessLog,
    shieldRegister: shieldRegisterForCopy(ctx, dossier, copyViewer),
    withheldSections: dossier.withheldSections,
  };
}
export type CopyData = ReturnType<typeof buildCopyData>;

const targetNl: Record<string, string> = { dossier: 'het hele dossier', field: 'een gegeven', category: 'een categorie gegevens', entry: 'een journaalregel', document: 'een document', trajectory: 'een traject' };

/** The shields the participant may know of (core/access knownShields), in words: roles and recipients, never staff names. */
function shieldRegisterForCopy(ctx: Ctx, dossier: DossierView, viewer: ReadOptions) {
  return knownShields(ctx, dossier, viewer).map((s) => ({
    target: targetNl[s.targetKind] ?? s.targetKind, since: s.since,
    shieldedFrom: s.audiences.map((a) => (a.kind === 'recipient' ? a.name || 'een ontvanger' : `een ${roleNl[a.role] ?? 'medewerker'}`)),
  }));
}
