// Data-subject requests (R20–R24, R27, R28, R31–R35): intake with the deadline from the policy
// profile, identity verification before any content, third-party consultation, decision with
// reasons and board exceptions, extension within the statutory maximum, carrying out (a granted
// correction goes through the dossier service and earlier recipients are notified), closing.
import type { z } from 'zod';
import { accessBasis, requireAccess } from '../access/service.ts';
import { participantFields } from '../api/categories.ts';
import { domainError } from '../api/errors.ts';
import { roleHas, type Role } from '../api/permissions.ts';
import { requestDeadline, statutoryDeadline, workingDaysBetween } from '../calendar/index.ts';
import type { HolidaySettings, RequestType } from '../policy/index.ts';
import { ParticipantFieldsInput, type Dossier, type Entry } from '../dossiers/contract.ts';
import { dossierHandlers, updateParticipantFields } from '../dossiers/service.ts';
import { acknowledgementLetter, correctionNoticeLetter, decisionLetter, erasureNoticeLetter, extensionLetter, fieldValueNl, type Letter, type LetterRequest } from '../letters/templates.ts';
import { letterPdf } from '../letters/pdf.ts';
import { inTransaction, type Ctx, type HostState } from '../router/context.ts';
import type { Handlers, } from '../router/types.ts';
import type { DossierTarget } from '../statements/contract.ts';
import { covers, readTargets, storeTargets } from '../statements/targets.ts';
import { assertTargetsVisible, partHidden, readDossier, readParticipant, visibility, withheldValue, type Visibility } from '../access/view.ts';
import { hiddenFromUser, searchShieldsFor } from '../access/shields.ts';
import { decideShieldsOfRequest } from '../shielding/service.ts';
import { CorrectionGround, ErasureGround, type Action, type Erasure, type ExceptionGround, type LetterKind, type RequestDetail, type RequestStatus, type requestsContract } from './contract.ts';
import { earlierRecipients, type Items } from './notify.ts';
import { checkpointTruncate } from '../../db/connection.ts';
import { appendAudit } from '../audit/chain.ts';
import { auditLine, idsOf } from '../router/audit-line.ts';
import { activeHold } from '../retention/holds.ts';
import { eraseItems, erasureRefusal, ErasureError, type ErasureItem, type ErasureRefusal } from '../retention/erase.ts';
import { anonymiseParticipant } from '../retention/anonymise.ts';
import { ledgerAfterErasure, markErasure } from '../retention/erasures.ts';
import { bindErasure } from '../retention/identity.ts';
import { copyFacts } from '../letters/facts.ts';
import { loadPolicy, organisationName, organisationPlace, saveOrganisationPlace, savePolicy } from './policy.ts';

type Detail = z.input<typeof RequestDetail>;
type ActionName = z.infer<typeof Action>;

interface RequestRow {
  id: number; participantId: number; dossierNumber: string; firstName: string; lastNamePrefix: string | null; lastName: string;
  type: RequestType; requesterKind: 'participant' | 'representative'; representativeName: string | null; representativeRelation: string | null;
  channel: 'oral' | 'letter' | 'email' | 'inPerson'; receivedOn: string; description: string; handlerId: number; handlerName: string;
  status: RequestStatus; dueOn: string; statutoryMaxOn: string; policyName: string; extendedTo: string | null; extensionReason: string | null;
  extensionNoticeOn: string | null; identityMethod: Detail['request']['identityMethod']; identityCheckedAgainst: string | null;
  identityVerifiedBy: string | null; identityVerifiedOn: string | null; outcome: 'granted' | 'partlyGranted' | 'refused' | null; reasons: string | null;
  exception: number; decidedBy: string | null; decidedOn: string | null; carriedOutOn: string | null; carriedOutNote: string | null;
  closedOn: string | null; createdAt: string;
}

const SELECT = `SELECT r.id, r.participant_id AS participantId, p.dossier_number AS dossierNumber, p.first_name AS firstName,
  p.last_name_prefix AS lastNamePrefix, p.last_name AS lastName, r.type, r.requester_kind AS requesterKind,
  r.representative_name AS representativeName, r.representative_relation AS representativeRelation, r.channel, r.received_on AS receivedOn,
  r.description, r.handler_id AS handlerId, h.display_name AS handlerName, r.status, r.due_on AS dueOn, r.statutory_max_on AS statutoryMaxOn,
  r.policy_name AS policyName, r.extended_to AS extendedTo, r.extension_reason AS extensionReason, r.extension_notice_on AS extensionNoticeOn,
  r.identity_method AS identityMethod, r.identity_checked_against AS identityCheckedAgainst, iv.display_name AS identityVerifiedBy,
  r.identity_verified_on AS identityVerifiedOn, r.outcome, r.reasons, r.exception, dc.display_name AS decidedBy, r.decided_on AS decidedOn,
  r.carried_out_on AS carriedOutOn, r.carried_out_note AS carriedOutNote, r.closed_on AS closedOn, r.created_at AS createdAt
  FROM requests r JOIN participants p ON p.id = r.participant_id JOIN users h ON h.id = r.handler_id
  LEFT JOIN users iv ON iv.id = r.identity_verified_by LEFT JOIN users dc ON dc.id = r.decided_by`;

const OPEN_BEFORE_DECISION: readonly RequestStatus[] = ['received', 'identityVerified', 'thirdPartiesConsulted'];
const VERIFIED: readonly RequestStatus[] = ['identityVerified', 'thirdPartiesConsulted', 'decided', 'carriedOut', 'closed'];
const CONSULTED_TYPES: readonly RequestType[] = ['inzage', 'afschrift']; // R22
const CHANGE_TYPES: readonly RequestType[] = ['correctie', 'aanvulling']; // R23
const CORRECTION_GROUNDS: readonly string[] = CorrectionGround.options;
const ERASURE_GROUNDS: readonly string[] = ErasureGround.options;
export const COPY_TYPES: readonly RequestType[] = ['inzage', 'afschrift', 'overdraagbaarheid']; // R20, R21, R31

const groundNl: Record<z.infer<typeof ExceptionGround>, string> = {
  stateSecurity: 'de veiligheid van de staat',
  crimePrevention: 'de voorkoming, opsporing en vervolging van strafbare feiten',
  economicInterests: 'gewichtige economische en financiële belangen van de staat en andere openbare lichamen',
  supervision: 'het toezicht op de naleving van wettelijke voorschriften',
  protectionOfOthers: 'de bescherming van betrokkene of van de rechten en vrijheden van anderen',
};

function nameOf(r: Pick<RequestRow, 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  return [r.firstName, r.lastNamePrefix, r.lastName].filter(Boolean).join(' ');
}

function loadRow(ctx: Ctx, requestId: number): RequestRow {
  const row = ctx.sqlite.prepare(`${SELECT} WHERE r.id = ?`).get(requestId) as RequestRow | undefined;
  // A request about a dossier shielded as a whole from this user does not exist for them (R26).
  if (!row || hiddenFromUser(ctx.sqlite, row.participantId, ctx.session.userId)) throw domainError('request.notFound');
  ctx.note.participantId = row.participantId;
  ctx.note.objects = { ...ctx.note.objects, requestId };
  return row;
}

/** What may be done next (the status flow of issue 5); everything else is refused. */
function actionsFor(r: Pick<RequestRow, 'status' | 'type' | 'outcome'>): ActionName[] {
  switch (r.status) {
    case 'received': return ['verifyIdentity', 'extend'];
    case 'identityVerified':
    case 'thirdPartiesConsulted': return [...(CONSULTED_TYPES.includes(r.type) ? ['consult' as const] : []), 'decide', 'extend'];
    case 'decided': return r.outcome === 'refused' ? ['close'] : ['carryOut'];
    case 'carriedOut': return ['close'];
    case 'closed': return [];
  }
}

function requireAction(r: RequestRow, action: ActionName): void {
  if (actionsFor(r).includes(action)) return;
  // Handling content before identity is verified is refused with its own reason (R20, R33).
  if (r.status === 'received' && (action === 'consult' || action === 'decide')) throw domainError('request.identityNotVerified');
  throw domainError('request.invalidTransition', { from: r.status, action });
}

function requireVerified(r: RequestRow): void {
  if (!VERIFIED.includes(r.status)) throw domainError('request.identityNotVerified');
}

function requireDateBetween(date: string, r: RequestRow, today: string): void {
  if (date < r.receivedOn) throw domainError('request.dateBeforeReceipt', { received: r.receivedOn });
  if (date > today) throw domainError('request.dateInFuture');
}

function urgency(r: Pick<RequestRow, 'status' | 'dueOn'>, today: string, holidays: HolidaySettings) {
  const workingDaysLeft = workingDaysBetween(today, r.dueOn, holidays);
  if (!OPEN_BEFORE_DECISION.includes(r.status)) return { workingDaysLeft, urgency: 'answered' as const };
  if (r.dueOn < today) return { workingDaysLeft, urgency: 'overdue' as const };
  return { workingDaysLeft, urgency: workingDaysLeft <= 2 ? 'dueSoon' as const : 'onTrack' as const };
}

function summary(r: RequestRow, nameHidden = false) {
  const { firstName: _f, lastNamePrefix: _p, lastName: _l, exception, ...rest } = r;
  return { ...rest, participantName: nameHidden ? '' : nameOf(r), exception: exception === 1 };
}

/**
 * A row of a request list: the participant's name only for a viewer with access to the dossier
 * (the board sees the dossier number, R04) and never a name shielded from them (R26).
 */
function lister(ctx: Ctx) {
  const shields = searchShieldsFor(ctx.sqlite, ctx.session.userId);
  const all = roleHas(ctx.session.role, 'dossier.allAccess');
  return {
    shields,
    row: (r: RequestRow) => summary(r, shields.name.includes(r.participantId) || (!all && accessBasis(ctx.sqlite, ctx.session, r.participantId, ctx.nowIso) === null)),
  };
}

/** The dossier's value now, as this handler may see it within the request (R33, R26, R01). */
function currentValue(ctx: Ctx, v: Visibility, c: { target: ChangeTarget; field: string | null; entryId: number | null; documentId: number | null }, participantId: number): string | null {
  if (c.target === 'dossier') return null;
  if (c.target === 'document') {
    const d = ctx.sqlite.prepare('SELECT file_name AS name FROM documents WHERE id = ? AND participant_id = ?').get(c.documentId, participantId) as { name: string } | undefined;
    return d && !partHidden(v, { kind: 'document', documentId: c.documentId! }) ? d.name : null;
  }
  if (c.target === 'entry') {
    const e = ctx.sqlite.prepare('SELECT body, trajectory_id AS t FROM entries WHERE id = ? AND participant_id = ?').get(c.entryId, participantId) as { body: string; t: number | null } | undefined;
    return e && !partHidden(v, { kind: 'entry', entryId: c.entryId!, trajectoryId: e.t }) ? e.body : null;
  }
  if (!c.field || !(c.field in participantFields)) return null;
  const value = (readParticipant(ctx, participantId, { includeSpecial: true }) as unknown as Record<string, unknown>)[c.field];
  return value === null || value === undefined || value === '' ? null : String(value);
}

function detail(ctx: Ctx, requestId: number): Detail {
  const r = loadRow(ctx, requestId);
  const { profile } = loadPolicy(ctx.sqlite);
  // Dossier content (the values now, the proposed new values, letters to recipients) only for a
  // viewer with access to the dossier, through the read model (R04, R26), and current values only
  // once identity is verified (R33). The board sees the request, not the dossier.
  const hasAccess = accessBasis(ctx.sqlite, ctx.session, r.participantId, ctx.nowIso) !== null;
  const v = hasAccess ? visibility(ctx, r.participantId, { includeSpecial: true }) : null;
  const showContent = VERIFIED.includes(r.status) && v !== null;
  const changes = (ctx.sqlite.prepare(`SELECT id, target, field, entry_id AS entryId, document_id AS documentId, proposed_value AS proposedValue, proposed_title AS proposedTitle,
    ground, accepted, applied_at AS appliedAt FROM request_changes WHERE request_id = ? ORDER BY id`).all(requestId) as (Omit<Detail['changes'][number], 'accepted' | 'current'> & { accepted: number | null })[])
    .map((c) => ({
      ...c, accepted: c.accepted === null ? null : c.accepted === 1,
      proposedValue: v ? c.proposedValue : null, proposedTitle: v ? c.proposedTitle : null,
      current: showContent ? currentValue(ctx, v, c, r.participantId) : null,
    }));
  const consultations = (ctx.sqlite.prepare(`SELECT c.id, c.third_party AS thirdParty, c.targets, c.asked_on AS askedOn, u.display_name AS askedBy, c.answer,
    c.answered_on AS answeredOn, c.withhold, c.note FROM request_consultations c JOIN users u ON u.id = c.asked_by WHERE c.request_id = ? ORDER BY c.id`)
    .all(requestId) as (Omit<Detail['consultations'][number], 'targets' | 'withhold'> & { targets: string; withhold: number })[])
    .map((c) => ({ ...c, targets: readTargets(c.targets), withhold: c.withhold === 1 }));
  const boardDecisions = ctx.sqlite.prepare(`SELECT b.id, b.ground, b.decision, b.decided_on AS decidedOn, u.display_name AS decidedBy
    FROM request_board_decisions b JOIN users u ON u.id = b.decided_by WHERE b.request_id = ? ORDER BY b.id`).all(requestId) as Detail['boardDecisions'];
  const notifications = (ctx.sqlite.prepare(`SELECT n.id, n.recipient_id AS recipientId, n.recipient_name AS recipientName, n.disclosure_ids AS disclosureIds,
    n.letter, n.status, n.reason, n.created_at AS createdAt, n.handled_at AS handledAt, u.display_name AS handledBy
    FROM request_notifications n LEFT JOIN users u ON u.id = n.handled_by WHERE n.request_id = ? ORDER BY n.id`).all(requestId) as (Omit<Detail['notifications'][number], 'disclosureIds'> & { disclosureIds: string })[])
    .map((n) => ({ ...n, letter: v ? n.letter : '', disclosureIds: JSON.parse(n.disclosureIds) as number[] }));
  return { request: summary(r, !hasAccess || searchShieldsFor(ctx.sqlite, ctx.session.userId).name.includes(r.participantId)), changes, consultations, boardDecisions, notifications, actions: actionsFor(r), ...urgency(r, ctx.today, profile.holidays) };
}

function validHandler(ctx: Ctx, userId: number): number {
  const u = ctx.sqlite.prepare('SELECT role, active FROM users WHERE id = ?').get(userId) as { role: Role; active: number } | undefined;
  if (!u || u.active !== 1 || !roleHas(u.role, 'requests.handle')) throw domainError('request.handlerInvalid');
  return userId;
}

type ChangeInput = z.output<typeof requestsContract['requests.intake']['input']>['changes'][number];
type ChangeTarget = ChangeInput['target'];

/** A requested field value must be one the dossier service would accept (same schema). */
function normaliseChange(ctx: Ctx, participantId: number, c: ChangeInput): ChangeInput {
  if (!CORRECTION_GROUNDS.includes(c.ground)) throw domainError('request.changeGroundInvalid');
  if (c.target === 'entry') {
    assertTargetsVisible(ctx, participantId, [{ kind: 'entry', entryId: c.entryId }], { includeSpecial: true });
    if (c.proposedValue === null) throw domainError('request.invalidValue', { field: 'verslag', detail: 'de nieuwe tekst ontbreekt' });
    return c;
  }
  if (c.target !== 'field') throw domainError('request.changeTargetInvalid'); // a document or the whole dossier is erased, not corrected
  assertTargetsVisible(ctx, participantId, [{ kind: 'field', field: c.field }], { includeSpecial: true });
  const parsed = ParticipantFieldsInput.shape[c.field].safeParse(c.proposedValue);
  if (!parsed.success) throw domainError('request.invalidValue', { field: c.field, detail: parsed.error.issues[0]?.message ?? '' });
  return { ...c, proposedValue: (parsed.data as string | null) ?? null };
}

/** An erasure item (R28) or "forget me" (R29): in the dossier, visible to the handler, without a value, on an erasure ground. */
function erasureItemOf(c: ChangeInput): ErasureItem | null {
  if (c.target === 'field') return { kind: 'field', field: c.field };
  if (c.target === 'entry') return { kind: 'entry', entryId: c.entryId };
  if (c.target === 'document') return { kind: 'document', documentId: c.documentId };
  return null;
}

function validateErasure(ctx: Ctx, participantId: number, changes: readonly ChangeInput[]): void {
  if (changes.some((c) => c.target === 'dossier') && changes.length > 1) throw domainError('request.forgetAlone');
  const seen = new Set<string>();
  for (const c of changes) {
    if (!ERASURE_GROUNDS.includes(c.ground)) throw domainError('request.changeGroundInvalid');
    if (('proposedValue' in c && c.proposedValue !== null) || ('proposedTitle' in c && c.proposedTitle !== null)) throw domainError('request.erasureHasValue');
    const item = erasureItemOf(c);
    const key = JSON.stringify(item);
    if (seen.has(key)) throw domainError('request.erasureDuplicate');
    seen.add(key);
    if (!item) continue;
    assertTargetsVisible(ctx, participantId, [item.kind === 'field' ? { kind: 'field', field: item.field } : item.kind === 'entry' ? { kind: 'entry', entryId: item.entryId } : { kind: 'document', documentId: item.documentId }], { includeSpecial: true });
    refuseErasure(erasureRefusal(ctx.sqlite, participantId, item));
  }
}

function refuseErasure(refusal: ErasureRefusal | null): void {
  if (refusal === 'requiredField') throw domainError('request.erasureRequiredField');
  if (refusal === 'mandateDocument') throw domainError('request.erasureMandateDocument');
  if (refusal === 'notInDossier') throw domainError('target.notInDossier');
}

const fieldLabelNl: Record<string, string> = {
  firstName: 'voornaam', lastNamePrefix: 'tussenvoegsel', lastName: 'achternaam', birthDate: 'geboortedatum', gender: 'geslacht',
  street: 'straat', houseNumber: 'huisnummer', postcode: 'postcode', city: 'woonplaats', phone: 'telefoonnummer', email: 'e-mailadres',
  livingSituation: 'woonsituatie', familySituation: 'gezinssituatie', financialSituation: 'financiële situatie', workHistory: 'werkervaring',
  workCapabilities: 'functionele mogelijkheden', medicalNotes: 'medische gegevens', disability: 'beperking',
};

type ChangeRow = { id: number; target: ChangeTarget; field: string | null; entryId: number | null; documentId: number | null; proposedValue: string | null; proposedTitle: string | null; ground: string };

/** An erased item in a letter (R28): what it was, never its content (the entry's title is gone with it). */
function describeErasure(c: Pick<ChangeRow, 'target' | 'field'>): string {
  if (c.target === 'field') return `${fieldLabelNl[c.field ?? ''] ?? c.field}: verwijderd`;
  if (c.target === 'entry') return 'een verslag: verwijderd';
  if (c.target === 'document') return 'een document: verwijderd';
  return 'het dossier: geanonimiseerd, zodat het niet meer naar u leidt';
}

function describeChange(ctx: Ctx, c: Pick<ChangeRow, 'target' | 'field' | 'entryId' | 'proposedValue'>, type: RequestType): string {
  if (type === 'verwijdering') return describeErasure(c);
  if (c.target === 'field') return `${fieldLabelNl[c.field ?? ''] ?? c.field}: ${c.proposedValue === null ? '(verwijderd)' : fieldValueNl(c.field ?? '', c.proposedValue)}`;
  const e = ctx.sqlite.prepare('SELECT participant_id AS p, trajectory_id AS t, title, entry_date AS d FROM entries WHERE id = ?').get(c.entryId) as { p: number; t: number | null; title: string; d: string } | undefined;
  // The title is dossier content: only where this user may see the entry (R26).
  if (!e || partHidden(visibility(ctx, e.p, { includeSpecial: true }), { kind: 'entry', entryId: c.entryId!, trajectoryId: e.t })) return 'een verslag is aangepast';
  return `verslag "${e.title}" van ${e.d} is aangepast`;
}

const LETTER_FILE_WORD: Record<z.infer<typeof LetterKind>, string> = { acknowledgement: 'ontvangstbevestiging', decision: 'besluit', extension: 'verlenging' };

/** The text of a request's letter; a letter carries dossier content, so it takes the dossier's read path. */
function letterOf(ctx: Ctx, r: RequestRow, kind: z.infer<typeof LetterKind>): Letter {
  requireAccess(ctx, r.participantId); // a letter carries dossier content: the dossier's read path (R04)
  const lr = letterRequest(ctx, r);
  if (kind === 'acknowledgement') return acknowledgementLetter(lr);
  if (kind === 'extension') {
    if (!r.extendedTo || !r.extensionReason || !r.extensionNoticeOn) throw domainError('request.letterNotAvailable', { reason: 'de termijn is niet verlengd' });
    return extensionLetter(lr, { extendedTo: r.extendedTo, reason: r.extensionReason, noticeOn: r.extensionNoticeOn });
  }
  if (!r.outcome || !r.decidedOn) throw domainError('request.letterNotAvailable', { reason: 'er is nog geen besluit' });
  const ground = r.exception === 1 ? (ctx.sqlite.prepare('SELECT ground FROM request_board_decisions WHERE request_id = ? ORDER BY id DESC').get(r.id) as { ground: z.infer<typeof ExceptionGround> } | undefined)?.ground : undefined;
  const changes = acceptedChanges(ctx, r.id).map((c) => describeChange(ctx, c, r.type));
  const copy = CONSULTED_TYPES.includes(r.type) && r.outcome !== 'refused' ? copyFacts(ctx, r.id) : null;
  return decisionLetter(lr, { outcome: r.outcome, decidedOn: r.decidedOn, reasons: r.reasons, exceptionGround: ground ? groundNl[ground] : null, changes, copy });
}

function letterRequest(ctx: Ctx, r: RequestRow): LetterRequest {
  // The address and the gender are dossier content: only filled in once identity is verified
  // (R33); before that the salutation is "Geachte heer of mevrouw".
  let address: string | null = null;
  let gender: LetterRequest['salutation']['gender'] = null;
  if (VERIFIED.includes(r.status)) {
    const p = readParticipant(ctx, r.participantId); // the same read path as the dossier (R04, R26)
    const line1 = [p.street, p.houseNumber].filter(Boolean).join(' ');
    const line2 = [p.postcode, p.city].filter(Boolean).join(' ');
    address = [line1, line2].filter(Boolean).join('\n') || null;
    gender = (p.gender as typeof gender) ?? null;
  }
  const representative = r.requesterKind === 'representative' ? { name: r.representativeName ?? '', relation: r.representativeRelation ?? '' } : null;
  return {
    type: r.type, receivedOn: r.receivedOn, dueOn: r.dueOn, statutoryMaxOn: r.statutoryMaxOn,
    addressee: representative?.name ?? nameOf(r), address,
    salutation: representative ? { gender: null, lastNamePrefix: null, lastName: representative.name } : { gender, lastNamePrefix: r.lastNamePrefix, lastName: r.lastName },
    participantName: nameOf(r), dossierNumber: r.dossierNumber, representative,
    identityVerifiedOn: VERIFIED.includes(r.status) ? r.identityVerifiedOn : null,
    organisation: organisationName(ctx.sqlite), place: organisationPlace(ctx.sqlite), today: ctx.today, handlerName: r.handlerName,
  };
}

type DossierView = z.input<typeof Dossier>;
const updateEntry = dossierHandlers['dossiers.updateEntry'] as unknown as (ctx: Ctx, input: { entryId: number; title: string; body: string }) => z.input<typeof Entry>;

function acceptedChanges(ctx: Ctx, requestId: number): ChangeRow[] {
  return ctx.sqlite.prepare(`SELECT id, target, field, entry_id AS entryId, document_id AS documentId, proposed_value AS proposedValue, proposed_title AS proposedTitle, ground
    FROM request_changes WHERE request_id = ? AND accepted = 1 ORDER BY id`).all(requestId) as ChangeRow[];
}

/** The disclosed items a change concerns (R24, AVG art. 19); the whole dossier (R29) concerns every disclosure. */
function itemsOf(changes: Pick<ChangeRow, 'target' | 'field' | 'entryId' | 'documentId'>[]): Items {
  return {
    fields: changes.filter((c) => c.target === 'field').map((c) => c.field!),
    entryIds: changes.filter((c) => c.target === 'entry').map((c) => c.entryId!),
    documentIds: changes.filter((c) => c.target === 'document').map((c) => c.documentId!),
    everything: changes.some((c) => c.target === 'dossier'),
  };
}

/**
 * What the participant's copy contains (R20, R22, R33): identity verified first, then the read
 * model with the participant's copy as a viewer too, so shields aimed at the copy hold (R26), and
 * the parts a consulted third party objected to left out (R22). Special categories belong in the
 * participant's own copy, within this verified request (R01). requests.content and copies.make
 * both use this, so what the screen shows is what the copy holds.
 */
export function copyContent(ctx: Ctx, requestId: number) {
  const r = loadRow(ctx, requestId);
  requireVerified(r);
  const withheld = (ctx.sqlite.prepare('SELECT targets FROM request_consultations WHERE request_id = ? AND withhold = 1').all(r.id) as { targets: string }[])
    .flatMap((c) => readTargets(c.targets));
  const dossier = readDossier(ctx, r.participantId, { alsoFor: [{ kind: 'participantCopy' }], includeSpecial: COPY_TYPES.includes(r.type) });
  const participant = { ...dossier.participant } as Record<string, unknown>;
  const sections = new Set(dossier.withheldSections);
  for (const t of withheld) if (t.kind === 'field' && participant[t.field] !== withheldValue(t.field)) { participant[t.field] = withheldValue(t.field); sections.add('personal'); }
  const entries = dossier.entries.filter((e) => !covers(withheld, { kind: 'entry', entryId: e.id }));
  const documents = dossier.documents.filter((d) => !covers(withheld, { kind: 'document', documentId: d.id }));
  if (entries.length < dossier.entries.length) sections.add('entries');
  if (documents.length < dossier.documents.length) sections.add('documents');
  // A statement or restriction about a withheld part would point at it: it goes too (R22, R26).
  const aboutKept = (x: { targets: DossierTarget[] }) => !x.targets.some((t) => t.kind !== 'dossier' && covers(withheld, t));
  const ownStatements = dossier.ownStatements?.filter(aboutKept);
  if (ownStatements && ownStatements.length < (dossier.ownStatements?.length ?? 0)) sections.add('statements');
  const copy = {
    ...dossier, participant: participant as DossierView['participant'], entries, documents, withheldSections: [...sections],
    ...(ownStatements ? { ownStatements } : {}), ...(dossier.restrictions ? { restrictions: dossier.restrictions.filter(aboutKept) } : {}),
  };
  return { request: summary(r), dossier: copy, withheld };
}

type ErasureDone = Omit<z.input<typeof Erasure>, 'checkpoint'>;

/**
 * R28, R29: a granted (or partly granted) verwijdering erases what was accepted — only here, after
 * identity was verified and the request decided, and never under an active legal hold (R45).
 */
function carryOutErasure(ctx: Ctx, r: RequestRow, changes: ChangeRow[]): ErasureDone {
  if (!r.identityVerifiedOn) throw domainError('request.identityNotVerified');
  if (activeHold(ctx.sqlite, r.participantId, ctx.today)) throw domainError('request.erasureHeld');
  if (changes.some((c) => c.target === 'dossier')) {
    const binding = bindErasure(ctx.sqlite, r.participantId); // before the dossier number and creation time change
    const a = anonymiseParticipant(ctx.sqlite, r.participantId, { today: ctx.today, nowIso: ctx.nowIso });
    markErasure(ctx.sqlite, { participantId: r.participantId, anonymise: true, anonymousNumber: a.dossierNumber, fields: [], entryIds: [], documentIds: [] }, binding, ctx.nowIso);
    return { anonymised: true, fields: [], entryIds: [], documentIds: [], rows: a.rows, auditReasonsKept: a.auditReasonsKept };
  }
  const items = changes.map((c) => erasureItemOf({ ...c, ground: 'irrelevant' } as ChangeInput)).filter((i): i is ErasureItem => i !== null);
  try {
    const binding = bindErasure(ctx.sqlite, r.participantId, {
      entryIds: items.flatMap((i) => (i.kind === 'entry' ? [i.entryId] : [])), documentIds: items.flatMap((i) => (i.kind === 'document' ? [i.documentId] : [])),
    });
    const e = eraseItems(ctx.sqlite, r.participantId, items, ctx.nowIso);
    markErasure(ctx.sqlite, { participantId: r.participantId, anonymise: false, anonymousNumber: null, fields: e.fields, entryIds: e.entryIds, documentIds: e.documentIds }, binding, ctx.nowIso);
    return { anonymised: false, fields: e.fields, entryIds: e.entryIds, documentIds: e.documentIds, rows: e.rows, auditReasonsKept: 0 };
  } catch (err) {
    if (err instanceof ErasureError) refuseErasure(err.code);
    throw err;
  }
}

/**
 * Carries out a decided request: a correction through the dossier service (R23), an erasure or
 * anonymisation (R28, R29), and for both a notification task with a letter for every earlier
 * recipient of the data (R24, AVG art. 19). In the caller's transaction; the demo data uses it too.
 */
export function carryOutRequest(ctx: Ctx, input: { requestId: number; note: string | null }): { detail: Detail; erasure: ErasureDone | null } {
  const r = loadRow(ctx, input.requestId);
  requireAction(r, 'carryOut');
  requireAccess(ctx, r.participantId);
  const changes = acceptedChanges(ctx, r.id);
  const erasing = r.type === 'verwijdering' && changes.length > 0;
  // Who received the data, read before it goes (the disclosure register itself stays, R14).
  const found = changes.length > 0 ? earlierRecipients(ctx, r.participantId, itemsOf(changes)) : null;
  let erasure: ErasureDone | null = null;
  if (erasing) erasure = carryOutErasure(ctx, r, changes);
  else {
    // R23: the correction goes through the dossier service, so its history is kept.
    for (const c of changes) {
      if (c.target === 'field') {
        updateParticipantFields(ctx, { participantId: r.participantId, changes: { [c.field!]: c.proposedValue }, reason: `Verzoek ${r.id}: ${r.type} (${c.ground})` }, { includeSpecial: true });
      } else {
        const e = ctx.sqlite.prepare('SELECT title FROM entries WHERE id = ?').get(c.entryId) as { title: string };
        updateEntry(ctx, { entryId: c.entryId!, title: c.proposedTitle ?? e.title, body: c.proposedValue ?? '' });
      }
    }
  }
  const described = changes.map((c) => describeChange(ctx, c, r.type)); // after a correction: its new title (an erasure names no content)
  const applied = ctx.sqlite.prepare('UPDATE request_changes SET applied_at = ? WHERE id = ?');
  for (const c of changes) applied.run(ctx.nowIso, c.id);
  ctx.note.participantId = r.participantId;
  ctx.note.objects = { requestId: r.id, applied: changes.map((c) => (c.target === 'dossier' ? 'dossier' : c.field ?? (c.entryId ? `entry:${c.entryId}` : `document:${c.documentId}`))), ...(erasure ? { anonymised: erasure.anonymised } : {}) };
  // A free-text note would keep what an anonymised dossier no longer holds (R29).
  ctx.sqlite.prepare(`UPDATE requests SET status = 'carriedOut', carried_out_by = ?, carried_out_on = ?, carried_out_note = ?, updated_at = ? WHERE id = ?`)
    .run(ctx.session.userId, ctx.today, erasure?.anonymised ? null : input.note, ctx.nowIso, r.id);
  // R24, AVG art. 19: every earlier recipient gets a notification task with a letter. After an
  // anonymisation the letter names no one (the vault no longer knows who it was): it points the
  // recipient to the disclosures by number and date.
  const ins = ctx.sqlite.prepare(`INSERT INTO request_notifications (request_id, recipient_id, recipient_name, disclosure_ids, letter, status, reason, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const letterBase = { organisation: organisationName(ctx.sqlite), place: organisationPlace(ctx.sqlite), handlerName: r.handlerName, today: ctx.today };
  for (const rec of found?.recipients ?? []) {
    const letter = erasing
      ? erasureNoticeLetter({ ...letterBase, recipientName: rec.recipientName, participant: erasure?.anonymised ? null : { name: nameOf(r), dossierNumber: r.dossierNumber }, disclosureIds: rec.disclosureIds, disclosedOn: rec.disclosedOn, items: described })
      : correctionNoticeLetter({ ...letterBase, recipientName: rec.recipientName, participantName: nameOf(r), dossierNumber: r.dossierNumber, disclosedOn: rec.disclosedOn, changes: described });
    ins.run(r.id, rec.recipientId, rec.recipientName, JSON.stringify(rec.disclosureIds), letter, 'open', null, ctx.nowIso);
  }
  return { detail: detail(ctx, r.id), erasure };
}

export const requestHandlers: Handlers<typeof requestsContract> = {
  'requests.intake': (ctx: Ctx, input) => {
    requireAccess(ctx, input.participantId);
    if (input.receivedOn > ctx.today) throw domainError('request.dateInFuture');
    const isChange = CHANGE_TYPES.includes(input.type);
    const isErasure = input.type === 'verwijdering';
    if (isChange && input.channel === 'oral') throw domainError('request.correctionInWriting'); // R23: in writing
    if (isChange && input.changes.length === 0) throw domainError('request.changesRequired');
    if (!isChange && !isErasure && input.changes.length > 0) throw domainError('request.changesNotApplicable');
    // R28, R29: a verwijdering names what is to be erased (or nothing: then it is handled by hand).
    if (isErasure) validateErasure(ctx, input.participantId, input.changes);
    const changes = isErasure ? input.changes : input.changes.map((c) => normaliseChange(ctx, input.participantId, c));
    const handlerId = validHandler(ctx, input.handlerId ?? ctx.session.userId);
    // R34, R50: the deadline runs from receipt, per the organisation's profile, within one month.
    const { profile } = loadPolicy(ctx.sqlite);
    const deadline = requestDeadline(input.receivedOn, input.type, profile);
    const rep = input.requester.kind === 'representative' ? input.requester : null;
    const { id } = ctx.sqlite.prepare(`INSERT INTO requests (participant_id, type, requester_kind, representative_name, representative_relation, channel,
      received_on, description, handler_id, status, due_on, statutory_max_on, policy_name, exception, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, 0, ?, ?, ?) RETURNING id`).get(
      input.participantId, input.type, input.requester.kind, rep?.name ?? null, rep?.relation ?? null, input.channel, input.receivedOn,
      input.description, handlerId, deadline.due, deadline.statutoryMax, profile.name, ctx.session.userId, ctx.nowIso, ctx.nowIso) as { id: number };
    const ins = ctx.sqlite.prepare(`INSERT INTO request_changes (request_id, target, field, entry_id, document_id, proposed_value, proposed_title, ground) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const c of changes) {
      if (c.target === 'field') ins.run(id, 'field', c.field, null, null, c.proposedValue, null, c.ground);
      else if (c.target === 'entry') ins.run(id, 'entry', null, c.entryId, null, c.proposedValue, c.proposedTitle, c.ground);
      else if (c.target === 'document') ins.run(id, 'document', null, null, c.documentId, null, null, c.ground);
      else ins.run(id, 'dossier', null, null, null, null, null, c.ground);
    }
    return detail(ctx, id);
  },

  'requests.get': (ctx: Ctx, input) => detail(ctx, input.requestId),

  'requests.list': (ctx: Ctx, input) => {
    const { profile } = loadPolicy(ctx.sqlite);
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (input.participantId !== undefined) { where.push('r.participant_id = ?'); args.push(input.participantId); }
    if (input.open) where.push("r.status <> 'closed'");
    const { shields, row } = lister(ctx);
    // Requests about a dossier shielded as a whole from this user are left out before counting (R26).
    if (shields.hidden.length > 0) { where.push('r.participant_id NOT IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(shields.hidden)); }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM requests r${clause}`).get(...args) as { n: number }).n;
    const rows = (ctx.sqlite.prepare(`${SELECT}${clause} ORDER BY r.due_on, r.id LIMIT ? OFFSET ?`).all(...args, input.limit, input.offset) as RequestRow[])
      .map((r) => ({ ...row(r), ...urgency(r, ctx.today, profile.holidays) }));
    ctx.note.objects = { shown: [...new Set(rows.map((r) => r.participantId))], total }; // names of many dossiers (R05)
    return { total, rows };
  },

  'requests.dashboard': (ctx: Ctx) => {
    const { profile } = loadPolicy(ctx.sqlite);
    // Open requests by due date; overdue and due within 2 working days are flagged (R34).
    const { shields, row } = lister(ctx);
    const rows = (ctx.sqlite.prepare(`${SELECT} WHERE r.status <> 'closed' AND r.participant_id NOT IN (SELECT value FROM json_each(?)) ORDER BY r.due_on, r.id`).all(JSON.stringify(shields.hidden)) as RequestRow[])
      .map((r) => ({ ...row(r), ...urgency(r, ctx.today, profile.holidays) }));
    ctx.note.objects = { shown: [...new Set(rows.map((r) => r.participantId))] }; // names of many dossiers (R05)
    const tally = <K extends string | number>(key: (r: (typeof rows)[number]) => K) => {
      const m = new Map<K, { open: number; overdue: number; dueSoon: number; sample: (typeof rows)[number] }>();
      for (const r of rows) {
        const t = m.get(key(r)) ?? { open: 0, overdue: 0, dueSoon: 0, sample: r };
        t.open += 1;
        if (r.urgency === 'overdue') t.overdue += 1;
        if (r.urgency === 'dueSoon') t.dueSoon += 1;
        m.set(key(r), t);
      }
      return [...m.values()];
    };
    return {
      today: ctx.today,
      rows,
      byType: tally((r) => r.type).map(({ sample, ...t }) => ({ type: sample.type, ...t })),
      byHandler: tally((r) => r.handlerId).map(({ sample, ...t }) => ({ handlerId: sample.handlerId, handlerName: sample.handlerName, ...t })),
    };
  },

  /** Who may be made handler of a request: active users whose role handles requests. */
  'requests.handlers': (ctx: Ctx) => {
    const users = ctx.sqlite.prepare('SELECT id, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY display_name').all() as { id: number; displayName: string; role: Role }[];
    return users.filter((u) => roleHas(u.role, 'requests.handle')).map((u) => ({ userId: u.id, displayName: u.displayName }));
  },

  'requests.assign': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    if (r.status === 'closed') throw domainError('request.invalidTransition', { from: r.status, action: 'assign' });
    ctx.sqlite.prepare('UPDATE requests SET handler_id = ?, updated_at = ? WHERE id = ?').run(validHandler(ctx, input.handlerId), ctx.nowIso, r.id);
    return detail(ctx, r.id);
  },

  'requests.verifyIdentity': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    requireAccess(ctx, r.participantId);
    requireAction(r, 'verifyIdentity');
    requireDateBetween(input.verifiedOn, r, ctx.today);
    // R33: how, by whom, against which data.
    ctx.sqlite.prepare(`UPDATE requests SET status = 'identityVerified', identity_method = ?, identity_checked_against = ?, identity_verified_by = ?,
      identity_verified_on = ?, updated_at = ? WHERE id = ?`).run(input.method, input.checkedAgainst, ctx.session.userId, input.verifiedOn, ctx.nowIso, r.id);
    return detail(ctx, r.id);
  },

  'requests.content': (ctx: Ctx, input) => {
    const { request, dossier, withheld } = copyContent(ctx, input.requestId);
    return { requestId: request.id, dossier, withheld };
  },

  'requests.consult': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    if (!CONSULTED_TYPES.includes(r.type)) throw domainError('request.consultationNotApplicable');
    requireAction(r, 'consult');
    requireAccess(ctx, r.participantId);
    assertTargetsVisible(ctx, r.participantId, input.targets, { includeSpecial: true });
    requireDateBetween(input.askedOn, r, ctx.today);
    const answeredOn = input.answer === 'pending' ? null : input.askedOn;
    ctx.sqlite.prepare(`INSERT INTO request_consultations (request_id, third_party, targets, asked_on, asked_by, answer, answered_on, withhold, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(r.id, input.thirdParty, storeTargets(input.targets), input.askedOn, ctx.session.userId, input.answer, answeredOn, input.withhold ? 1 : 0, input.note);
    ctx.sqlite.prepare("UPDATE requests SET status = 'thirdPartiesConsulted', updated_at = ? WHERE id = ?").run(ctx.nowIso, r.id);
    return detail(ctx, r.id);
  },

  'requests.answerConsultation': (ctx: Ctx, input) => {
    const c = ctx.sqlite.prepare('SELECT request_id AS requestId, asked_on AS askedOn FROM request_consultations WHERE id = ?').get(input.consultationId) as { requestId: number; askedOn: string } | undefined;
    if (!c) throw domainError('request.consultationNotFound');
    const r = loadRow(ctx, c.requestId);
    requireAction(r, 'consult');
    requireAccess(ctx, r.participantId);
    if (input.answeredOn < c.askedOn) throw domainError('request.dateBeforeReceipt', { received: c.askedOn });
    if (input.answeredOn > ctx.today) throw domainError('request.dateInFuture');
    ctx.sqlite.prepare('UPDATE request_consultations SET answer = ?, answered_on = ?, withhold = ?, note = coalesce(?, note) WHERE id = ?')
      .run(input.answer, input.answeredOn, input.withhold ? 1 : 0, input.note, input.consultationId);
    return detail(ctx, r.id);
  },

  'requests.boardDecision': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    if (!OPEN_BEFORE_DECISION.includes(r.status)) throw domainError('request.invalidTransition', { from: r.status, action: 'boardDecision' });
    requireDateBetween(input.decidedOn, r, ctx.today);
    // R32: the board decides, on one of the grounds of FT 4.4f, and it is recorded.
    ctx.sqlite.prepare('INSERT INTO request_board_decisions (request_id, ground, decision, decided_on, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.id, input.ground, input.decision, input.decidedOn, ctx.session.userId, ctx.nowIso);
    ctx.note.reason = input.ground;
    return detail(ctx, r.id);
  },

  'requests.decide': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    requireAction(r, 'decide');
    requireAccess(ctx, r.participantId);
    if (ctx.sqlite.prepare("SELECT 1 FROM request_consultations WHERE request_id = ? AND answer = 'pending'").get(r.id)) throw domainError('request.consultationPending');
    // R23: a refusal states its reasons.
    if (input.outcome !== 'granted' && (input.reasons ?? '').length < 10) throw domainError('request.reasonsRequired');
    if (input.exception) {
      if (input.outcome === 'granted') throw domainError('request.exceptionNeedsRefusal');
      // R32: an exception to a right exists only through a board decision on a listed ground.
      if (!ctx.sqlite.prepare('SELECT 1 FROM request_board_decisions WHERE request_id = ?').get(r.id)) throw domainError('request.boardDecisionRequired');
    }
    const changeIds = (ctx.sqlite.prepare('SELECT id FROM request_changes WHERE request_id = ?').all(r.id) as { id: number }[]).map((c) => c.id);
    const decisions = new Map(input.changeDecisions.map((d) => [d.changeId, d.accepted]));
    if (decisions.size !== input.changeDecisions.length || decisions.size !== changeIds.length || changeIds.some((id) => !decisions.has(id))) {
      throw domainError('request.changeDecisionsIncomplete');
    }
    if (changeIds.length > 0) {
      const accepted = [...decisions.values()].filter(Boolean).length;
      const expected = input.outcome === 'granted' ? accepted === changeIds.length : input.outcome === 'refused' ? accepted === 0 : accepted > 0 && accepted < changeIds.length;
      if (!expected) throw domainError('request.outcomeMismatch');
    }
    const mark = ctx.sqlite.prepare('UPDATE request_changes SET accepted = ? WHERE id = ?');
    for (const [id, accepted] of decisions) mark.run(accepted ? 1 : 0, id);
    // R26: deciding an afscherming request places (or refuses) the shields proposed for it.
    if (r.type === 'afscherming') ctx.note.objects = { ...ctx.note.objects, shieldIds: decideShieldsOfRequest(ctx, r.id, input.outcome) };
    ctx.sqlite.prepare(`UPDATE requests SET status = 'decided', outcome = ?, reasons = ?, exception = ?, decided_by = ?, decided_on = ?, updated_at = ? WHERE id = ?`)
      .run(input.outcome, input.reasons, input.exception ? 1 : 0, ctx.session.userId, ctx.today, ctx.nowIso, r.id);
    return detail(ctx, r.id);
  },

  'requests.extend': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    requireAction(r, 'extend');
    requireDateBetween(input.noticeOn, r, ctx.today);
    // AVG art. 12(3), R34: the notice within one month; the new term never past three months
    // (both periods end on a working day, Regulation 1182/71 art. 3(4)).
    const { profile } = loadPolicy(ctx.sqlite);
    const oneMonth = statutoryDeadline(r.receivedOn, false, profile.holidays);
    if (input.noticeOn > oneMonth) throw domainError('request.extensionNoticeLate', { max: oneMonth });
    const { statutoryMax } = requestDeadline(r.receivedOn, r.type, profile, { extended: true });
    if (input.extendedTo > statutoryMax) throw domainError('request.extensionTooLate', { max: statutoryMax });
    if (input.extendedTo <= r.dueOn) throw domainError('request.extensionNotLater', { due: r.dueOn });
    ctx.sqlite.prepare(`UPDATE requests SET due_on = ?, statutory_max_on = ?, extended_to = ?, extension_reason = ?, extension_notice_on = ?, updated_at = ? WHERE id = ?`)
      .run(input.extendedTo, statutoryMax, input.extendedTo, input.reason, input.noticeOn, ctx.nowIso, r.id);
    ctx.note.reason = input.reason;
    return detail(ctx, r.id);
  },

  'requests.recipientsToNotify': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    requireVerified(r);
    requireAccess(ctx, r.participantId);
    const all = ctx.sqlite.prepare('SELECT target, field, entry_id AS entryId, document_id AS documentId, accepted FROM request_changes WHERE request_id = ?').all(r.id) as (Pick<ChangeRow, 'target' | 'field' | 'entryId' | 'documentId'> & { accepted: number | null })[];
    // Before the decision: everyone who received any requested item; after it: only accepted ones.
    const relevant = r.status === 'identityVerified' || r.status === 'thirdPartiesConsulted' ? all : all.filter((c) => c.accepted === 1);
    return earlierRecipients(ctx, r.participantId, itemsOf(relevant));
  },

  'requests.carryOut': (state: HostState, input, note) => {
    const done = inTransaction(state, note, (ctx) => {
      const out = carryOutRequest(ctx, input);
      // The change and its audit line in one transaction (R05), as the router does for a sync call.
      appendAudit(ctx.sqlite, auditLine(state, 'requests.carryOut', 'ok', { ...note, objects: { ...idsOf(input), ...note.objects } }, ctx.nowIso));
      note.written = true;
      return out;
    });
    // R28, R29, R07: only after the commit can the WAL be emptied; a checkpoint that is not clean is
    // returned as such (the erased rows' old frames stay until the next clean one), never hidden.
    // R44: the ledger next to the database lists the erasure, so a restored older backup has it again at open.
    if (done.erasure) ledgerAfterErasure(state.handle!.sqlite, state.handle!.dir, state.now().toISOString());
    const checkpoint = done.erasure ? checkpointTruncate(state.handle!.sqlite) : null;
    return { ...done.detail, erasure: done.erasure && checkpoint ? { ...done.erasure, checkpoint } : null };
  },

  'requests.close': (ctx: Ctx, input) => {
    const r = loadRow(ctx, input.requestId);
    requireAction(r, 'close');
    if (ctx.sqlite.prepare("SELECT 1 FROM request_notifications WHERE request_id = ? AND status = 'open'").get(r.id)) throw domainError('request.notificationsOpen');
    ctx.sqlite.prepare("UPDATE requests SET status = 'closed', closed_by = ?, closed_on = ?, updated_at = ? WHERE id = ?").run(ctx.session.userId, ctx.today, ctx.nowIso, r.id);
    return detail(ctx, r.id);
  },

  'requests.markNotification': (ctx: Ctx, input) => {
    const n = ctx.sqlite.prepare('SELECT request_id AS requestId, status FROM request_notifications WHERE id = ?').get(input.notificationId) as { requestId: number; status: string } | undefined;
    if (!n) throw domainError('request.notificationNotFound');
    const r = loadRow(ctx, n.requestId);
    if (n.status !== 'open') throw domainError('request.notificationHandled');
    // R24 "where possible": why not is recorded.
    if (input.status === 'notPossible' && !input.reason) throw domainError('request.notificationReasonRequired');
    ctx.sqlite.prepare('UPDATE request_notifications SET status = ?, reason = ?, handled_at = ?, handled_by = ? WHERE id = ?')
      .run(input.status, input.reason, ctx.nowIso, ctx.session.userId, input.notificationId);
    return detail(ctx, r.id);
  },

  'requests.letter': (ctx: Ctx, input) => ({ kind: input.kind, ...letterOf(ctx, loadRow(ctx, input.requestId), input.kind) }),

  // Asynchronous because pdfkit streams: the letter is read in one transaction, the PDF built
  // after it; the router writes the read's audit line before the file is returned.
  'requests.letterPdf': async (state: HostState, input, note) => {
    const { letter, meta, fileName } = inTransaction(state, note, (ctx) => {
      const r = loadRow(ctx, input.requestId);
      const letter = letterOf(ctx, r, input.kind);
      note.participantId = r.participantId;
      return { letter, meta: { organisation: organisationName(ctx.sqlite), dossierNumber: r.dossierNumber }, fileName: `brief-${LETTER_FILE_WORD[input.kind]}-${r.dossierNumber}-${ctx.today}.pdf` };
    });
    return { fileName, mimeType: 'application/pdf' as const, contentBase64: (await letterPdf(letter, meta)).toString('base64') };
  },

  'policy.get': (ctx: Ctx) => ({ ...loadPolicy(ctx.sqlite), place: organisationPlace(ctx.sqlite) }),

  'policy.update': (ctx: Ctx, input) => {
    savePolicy(ctx.sqlite, input.preset, input.profile);
    if (input.place !== undefined) saveOrganisationPlace(ctx.sqlite, input.place);
    const after = { ...loadPolicy(ctx.sqlite), place: organisationPlace(ctx.sqlite) };
    ctx.note.objects = { preset: after.preset, customised: after.customised, place: after.place };
    return after;
  },
};

export type { DossierTarget };
