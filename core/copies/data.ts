// The content of one copy as plain data (schema version 1, docs/schema/dossier-copy-v1.schema.json):
// built only from the read model with the participant's copy as a viewer (copyContent), the
// disclosure register, the participant's log and the policy profile — never from dossier rows.
import { dataCategories, participantFields, participantFieldNames, type DataCategory } from '../api/categories.ts';
import { participantLog } from '../audit/service.ts';
import { disclosuresOf, type DisclosureView } from '../disclosures/register.ts';
import type { PolicyProfile } from '../policy/profile.ts';
import { readDocument } from '../access/view.ts';
import { copyContent } from '../requests/service.ts';
import { loadPolicy, organisationName } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';

export const SCHEMA_VERSION = 1;
export const WITHHELD_LINE = 'Een deel van deze gegevens is niet opgenomen omdat het gegevens over anderen bevat (AVG artikel 15 lid 4).';

const fieldLabel: Record<string, string> = {
  firstName: 'Voornaam', lastNamePrefix: 'Tussenvoegsel', lastName: 'Achternaam', birthDate: 'Geboortedatum', gender: 'Geslacht',
  street: 'Straat', houseNumber: 'Huisnummer', postcode: 'Postcode', city: 'Woonplaats', phone: 'Telefoonnummer', email: 'E-mailadres',
  livingSituation: 'Woonsituatie', familySituation: 'Gezinssituatie', financialSituation: 'Financiële situatie', workHistory: 'Werkervaring',
  workCapabilities: 'Functionele mogelijkheden', medicalNotes: 'Medische gegevens', disability: 'Beperking',
};
export const trajectoryTypeNl: Record<string, string> = { uwv: 'UWV', wmo: 'Wmo', jeugdwet: 'Jeugdwet', wlz: 'Wlz', participatiewet: 'Participatiewet', other: 'Overig' };
const roleNl: Record<string, string> = { consultant: 'consulent', administration: 'administratie', privacyOfficer: 'privacyfunctionaris', board: 'bestuur', admin: 'beheerder', administrator: 'beheerder' };
const actionNl: Record<string, string> = {
  'dossiers.create': 'Dossier aangemaakt', 'dossiers.get': 'Dossier bekeken', 'dossiers.update': 'Persoonsgegevens gewijzigd',
  'dossiers.addEntry': 'Journaalregel toegevoegd', 'dossiers.updateEntry': 'Journaalregel gewijzigd', 'dossiers.addTrajectory': 'Traject toegevoegd',
  'dossiers.updateTrajectory': 'Traject gewijzigd', 'dossiers.uploadDocument': 'Document toegevoegd', 'dossiers.downloadDocument': 'Document geopend',
  'dossiers.history': 'Wijzigingsgeschiedenis bekeken', 'dossiers.assign': 'Consulent aan dossier gekoppeld', 'dossiers.unassign': 'Consulent van dossier losgekoppeld',
  'dossiers.close': 'Dossier gesloten', 'disclosures.record': 'Gegevens verstrekt aan een ontvanger', 'requests.intake': 'Verzoek ontvangen',
  'requests.verifyIdentity': 'Identiteit vastgesteld', 'requests.decide': 'Besluit op verzoek genomen', 'requests.content': 'Inhoud voor de kopie bekeken',
  'requests.carryOut': 'Verzoek uitgevoerd', 'requests.close': 'Verzoek afgesloten', 'requests.get': 'Verzoek bekeken', 'copies.make': 'Kopie van het dossier gemaakt',
  'audit.participantLog': 'Inzageoverzicht bekeken', 'access.breakGlass': 'Dossier buiten de caseload geopend',
};
const purposeNl: Record<string, string> = { reintegration: 're-integratie', assessment: 'beoordeling', reporting: 'rapportage', billing: 'facturering' };
const basisNl: Record<string, string> = { mandate: 'machtiging van de deelnemer', legalDuty: 'wettelijke plicht', exception: 'uitzondering (getoetst door de privacyfunctionaris)' };

export const sectionNl = { personal: 'Persoonsgegevens', trajectories: 'Trajecten', entries: 'Journaal', documents: 'Documenten', statements: 'Eigen verklaringen' } as const;

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y + years}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** AVG art. 15(1)(a)(b): every data category with the purposes its fields serve. */
export function processingCategories() {
  return (Object.keys(dataCategories) as DataCategory[]).map((c) => ({
    category: c, label: dataCategories[c].nl, special: dataCategories[c].special,
    purposes: [...new Set(participantFieldNames.filter((f) => participantFields[f].category === c).map((f) => participantFields[f].purpose))],
  }));
}

/** The retention term of a dossier (R40): per trajectory from its end date, else after the last contact. Also the decision letter's. */
export function retentionTerms(profile: PolicyProfile, trajectories: readonly { id: number; type: string; endDate: string | null }[]) {
  const yearsFor = (type: string) => (type === 'uwv' ? profile.retention.uwvYears : type === 'wmo' ? profile.retention.wmoYears : profile.retention.defaultYearsAfterLastContact);
  const perTrajectory = trajectories.map((t) => ({
    trajectoryId: t.id, type: t.type, endDate: t.endDate, years: yearsFor(t.type), until: t.endDate ? addYears(t.endDate, yearsFor(t.type)) : null,
  }));
  return { profile: profile.name, perTrajectory, defaultYearsAfterLastContact: profile.retention.defaultYearsAfterLastContact };
}

/** Disclosure register lines in the participant's words (AVG art. 15(1)(c)). */
export function disclosureLines(list: readonly DisclosureView[]) {
  return list.map((d) => ({
    recipient: d.recipientName, disclosedOn: d.disclosedOn, purpose: purposeNl[d.purpose] ?? d.purpose,
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
  const roles = new Map((ctx.sqlite.prepare('SELECT username, role FROM users').all() as { username: string; role: string }[]).map((u) => [u.username, u.role]));
  const accessLog = participantLog(ctx, request.participantId, copyViewer).filter((l) => l.outcome === 'ok').map((l) => ({
    at: l.at, action: l.action, description: actionNl[l.action] ?? `Handeling in het dossier (${l.action})`,
    role: roleNl[roles.get(l.username ?? '') ?? ''] ?? (roles.get(l.username ?? '') ?? 'systeem'), reason: l.reason,
  }));
  const documents = dossier.documents.map((d) => ({
    id: d.id, kind: d.kind, fileName: d.fileName, mimeType: d.mimeType, size: d.size, sha256: d.sha256, uploadedAt: d.uploadedAt,
    content: contents === 'full' ? readDocument(ctx, d.id, copyViewer).content : null,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    organisation: organisationName(ctx.sqlite),
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
    retention: retentionTerms(profile, dossier.trajectories),
    accessLog,
    shieldRegister: shieldRegisterForCopy(ctx, request.participantId, dossier),
    withheldSections: dossier.withheldSections,
  };
}
export type CopyData = ReturnType<typeof buildCopyData>;

const targetNl: Record<string, string> = { dossier: 'het hele dossier', field: 'een gegeven', category: 'een categorie gegevens', entry: 'een journaalregel', document: 'een document', trajectory: 'een traject' };

/**
 * The shields the participant may know of: active ones not aimed at the copy, whose target the
 * copy shows anyway (a shield from the copy itself is never named, R22). Audiences by role or
 * recipient name; staff names stay out (organisation setting, default off).
 */
function shieldRegisterForCopy(ctx: Ctx, participantId: number, dossier: ReturnType<typeof copyContent>['dossier']) {
  const rows = ctx.sqlite.prepare("SELECT id, target_kind AS targetKind, target_ref AS targetRef, placed_at AS placedAt FROM shields WHERE participant_id = ? AND status = 'active' ORDER BY id")
    .all(participantId) as { id: number; targetKind: string; targetRef: string | null; placedAt: string }[];
  const aud = ctx.sqlite.prepare(`SELECT a.kind, u.role, r.name FROM shield_audiences a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN recipients r ON r.id = a.recipient_id WHERE a.shield_id = ?`);
  const visible = (kind: string, ref: string | null) => {
    if (kind === 'entry') return dossier.entries.some((e) => String(e.id) === ref);
    if (kind === 'document') return dossier.documents.some((d) => String(d.id) === ref);
    if (kind === 'trajectory') return dossier.trajectories.some((t) => String(t.id) === ref);
    return dossier.withheldSections.length === 0 || kind === 'field';
  };
  return rows.flatMap((s) => {
    const audiences = aud.all(s.id) as { kind: string; role: string | null; name: string | null }[];
    if (audiences.some((a) => a.kind === 'participantCopy') || !visible(s.targetKind, s.targetRef)) return [];
    return [{ target: targetNl[s.targetKind] ?? s.targetKind, since: s.placedAt.slice(0, 10), shieldedFrom: audiences.map((a) => (a.kind === 'recipient' ? a.name ?? 'een ontvanger' : `een ${roleNl[a.role ?? ''] ?? 'medewerker'}`)) }];
  });
}
