// Synthetic consent and request data for the demo vault (issue 4, issue 5): a recipient register
// with written agreements, mandates for about 30% of the participants (signed forms as documents,
// some expired, some withdrawn), disclosures under them (plus a few on a legal duty and a few
// flagged exceptions) and a handful of data-subject requests in different states and deadlines.
// The few recipients and requests go through the real service handlers, so their rules hold as in
// the app. Mandates and disclosures are as many as the participants and are written with prepared
// statements, like the rest of the generator; they keep the same invariants as the services:
// a mandate's signed form is a document of its own dossier and a withdrawal names who, when and
// how (R10, R17); a disclosure under a mandate is covered on its date by recipient, purpose and
// every category (checked with the service's own mandateProblem), never holds a secret contact
// field (R03), and is only ever inserted (R14). The generator writes no audit lines itself: the
// caller audits the whole run as one 'demo.generate' line, which counts what was made.
import { createHash } from 'node:crypto';
import { fakerNL as faker } from '@faker-js/faker';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Faker } from '@faker-js/faker';
import { roleHas, type Role } from '../api/permissions.ts';
import { addCalendarDays, requestDeadline, workingDaysBetween } from '../calendar/index.ts';
import { recipientHandlers } from '../recipients/service.ts';
import { recipientsContract } from '../recipients/contract.ts';
import { carryOutRequest, requestHandlers } from '../requests/service.ts';
import { requestsContract } from '../requests/contract.ts';
import { loadPolicy } from '../requests/policy.ts';
import { categoriesOf } from '../disclosures/service.ts';
import { mandateProblem } from '../disclosures/basis.ts';
import type { MandateRow } from '../consent/mandates.ts';
import type { Purpose } from '../consent/contract.ts';
import type { DataCategory, ParticipantField } from '../api/categories.ts';
import type { Ctx } from '../router/context.ts';
import type { Sqlite } from '../../db/connection.ts';
import * as schema from '../../db/schema.ts';

/** What the participant loop hands over for a participant that gets consent data. */
export interface ConsentCandidate { participantId: number; consultantId: number; entryIds: number[]; phoneSecret: boolean; emailSecret: boolean }

export type ConsentDemoCounts = { recipients: number; mandates: number; disclosures: number; requests: number };

type RecipientKind = 'uwv' | 'municipality' | 'employer' | 'veiligThuis' | 'careProvider' | 'school' | 'other';
interface RecipientSpec {
  name: string; kind: RecipientKind; reference: string; agreementDate: string; agreementNote: string;
  /** The mandate participants sign for this recipient, if any. */
  mandate: { direction: 'shareWith' | 'obtainFrom'; purpose: Purpose; categories: DataCategory[] } | null;
}

const RECIPIENTS: RecipientSpec[] = [
  { name: 'UWV Werkbedrijf Utrecht', kind: 'uwv', reference: 'GUO-UWV-2024-031', agreementDate: '2024-02-01', agreementNote: 'Gegevensuitwisselingsovereenkomst re-integratie (Wet SUWI)',
    mandate: { direction: 'shareWith', purpose: 'reporting', categories: ['identity', 'work', 'trajectory'] } },
  { name: 'Gemeente Utrecht, Werk en Inkomen', kind: 'municipality', reference: 'DVO-UTR-2023-12', agreementDate: '2023-11-15', agreementNote: 'Dienstverleningsovereenkomst Participatiewet',
    mandate: { direction: 'shareWith', purpose: 'registration', categories: ['identity', 'contact', 'trajectory'] } },
  { name: 'Gemeente Amersfoort, Sociaal Domein', kind: 'municipality', reference: 'SOK-AMF-2025-004', agreementDate: '2025-01-10', agreementNote: 'Samenwerkingsovereenkomst Wmo-indicaties',
    mandate: { direction: 'shareWith', purpose: 'indication', categories: ['identity', 'contact', 'trajectory', 'work'] } },
  { name: 'Logistiek Centrum Midden B.V.', kind: 'employer', reference: 'PLO-LCM-2025-17', agreementDate: '2025-03-03', agreementNote: 'Plaatsingsovereenkomst werkervaringsplekken',
    mandate: { direction: 'shareWith', purpose: 'reintegration', categories: ['identity', 'work'] } },
  { name: 'Zorggroep Eemland', kind: 'careProvider', reference: 'CONV-ZGE-2024-02', agreementDate: '2024-05-20', agreementNote: 'Convenant afstemming hulpverlening',
    mandate: { direction: 'shareWith', purpose: 'careCoordination', categories: ['identity', 'contact', 'trajectory'] } },
  { name: 'GGZ Centraal, locatie Amersfoort', kind: 'careProvider', reference: 'CONV-GGZ-2024-09', agreementDate: '2024-09-01', agreementNote: 'Convenant gegevensuitwisseling met toestemming',
    mandate: { direction: 'obtainFrom', purpose: 'careCoordination', categories: ['medical'] } },
  { name: 'ROC Midden Nederland', kind: 'school', reference: 'SOK-ROC-2025-01', agreementDate: '2025-08-25', agreementNote: 'Samenwerking leerwerktrajecten',
    mandate: { direction: 'shareWith', purpose: 'reintegration', categories: ['identity', 'work', 'trajectory'] } },
  { name: 'Veilig Thuis Utrecht', kind: 'veiligThuis', reference: 'MC-VT-2022-01', agreementDate: '2022-06-01', agreementNote: 'Meldcode huiselijk geweld en kindermishandeling', mandate: null },
];

/** The fields a disclosure of a category carries (contact without secret fields, R03). */
function fieldsFor(category: DataCategory, c: ConsentCandidate): ParticipantField[] {
  switch (category) {
    case 'identity': return ['firstName', 'lastName', 'birthDate'];
    case 'contact': return ['street', 'houseNumber', 'postcode', 'city', ...(c.phoneSecret ? [] : ['phone' as const]), ...(c.emailSecret ? [] : ['email' as const])];
    case 'work': return ['workHistory'];
    case 'trajectory': return ['livingSituation'];
    default: return [];
  }
}

function dateBetween(f: Faker, from: string, to: string): string {
  return f.date.between({ from: `${from}T00:00:00Z`, to: `${to}T23:00:00Z` }).toISOString().slice(0, 10);
}

/** A context for calling a service handler as one user, outside the router (no audit line). */
function handlerCtx(sqlite: Sqlite, user: { id: number; username: string; displayName: string; role: Role }, now: Date): Ctx {
  const nowIso = now.toISOString();
  return {
    db: drizzle(sqlite, { schema }), sqlite, nowIso, today: nowIso.slice(0, 10), note: {}, audit: () => {},
    session: { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, workstation: 'demo', onBehalfOf: null },
  };
}

export function generateConsentDemo(sqlite: Sqlite, candidates: ConsentCandidate[], now: Date, seed: number): ConsentDemoCounts {
  // A generator of its own, so that the participants of a seed stay the same as before.
  faker.seed(seed * 7919 + 11);
  const today = now.toISOString().slice(0, 10);
  const users = sqlite.prepare('SELECT id, username, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY id').all() as { id: number; username: string; displayName: string; role: Role }[];
  const keeper = users.find((u) => roleHas(u.role, 'recipients.manage')) ?? users[0]!;
  const handler = users.find((u) => roleHas(u.role, 'requests.handle'));
  const counts: ConsentDemoCounts = { recipients: 0, mandates: 0, disclosures: 0, requests: 0 };

  // The register: reused when the demo runs again on the same vault.
  const recipientIds = RECIPIENTS.map((spec) => {
    const existing = sqlite.prepare('SELECT id FROM recipients WHERE name = ?').get(spec.name) as { id: number } | undefined;
    if (existing) return existing.id;
    const contact = faker.person.fullName();
    const input = recipientsContract['recipients.create'].input.parse({
      name: spec.name, kind: spec.kind, contactPerson: contact, email: `privacy@${spec.name.split(/[ ,.]/)[0]!.toLowerCase()}.example`,
      agreementReference: spec.reference, agreementDate: spec.agreementDate, agreementNote: spec.agreementNote,
    });
    counts.recipients++;
    return sqlite.transaction(() => (recipientHandlers['recipients.create'](handlerCtx(sqlite, keeper, now) as never, input, {}) as { id: number }).id)();
  });

  const insDoc = sqlite.prepare(`INSERT INTO documents (participant_id, kind, file_name, mime_type, size, sha256, content, uploaded_by, uploaded_at) VALUES (?, 'consentForm', ?, 'text/plain', ?, ?, ?, ?, ?)`);
  const insM = sqlite.prepare(`INSERT INTO mandates (participant_id, direction, recipient_id, purpose, purpose_note, categories, valid_from, valid_until, given_how, document_id,
    oral_note, recorded_by, recorded_at, withdrawn_on, withdrawn_how, withdrawal_note, withdrawn_by, withdrawn_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'signedForm', ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
  const insD = sqlite.prepare(`INSERT INTO disclosures (participant_id, recipient_id, disclosed_on, purpose, categories, channel, basis, mandate_id, legal_duty, exception_arguments,
    flagged, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`);
  const insI = sqlite.prepare('INSERT INTO disclosure_items (disclosure_id, kind, field, entry_id, document_id) VALUES (?, ?, ?, ?, ?)');
  const channels = ['secureEmail', 'portal', 'letter', 'secureEmail', 'phone'] as const;
  const withMandate = RECIPIENTS.map((s, i) => ({ spec: s, id: recipientIds[i]! })).filter((r) => r.spec.mandate !== null);
  const veiligThuis = recipientIds[RECIPIENTS.findIndex((s) => s.kind === 'veiligThuis')]!;
  const municipality = recipientIds[1]!;
  const minArguments = loadPolicy(sqlite).profile.consent.exceptionMinArguments;
  const twoYearsAgo = addCalendarDays(today, -730);

  type Covering = Pick<MandateRow, 'id' | 'participantId' | 'direction' | 'recipientId' | 'recipientName' | 'purpose' | 'categories' | 'validFrom' | 'validUntil' | 'withdrawnOn'>;
  const disclose = (c: ConsentCandidate, recipientId: number, on: string, purpose: Purpose, fields: ParticipantField[], entryIds: number[],
    basis: { kind: 'mandate'; mandate: Covering } | { kind: 'legalDuty'; duty: string } | { kind: 'exception'; arguments: string }) => {
    const categories = categoriesOf({ fields, entryIds, documentIds: [] });
    if (basis.kind === 'mandate') {
      // The service's own coverage rule (R10, R11, R17): nothing is written that it would refuse.
      const problem = mandateProblem(basis.mandate as MandateRow, { participantId: c.participantId, recipientId, disclosedOn: on, purpose, channel: 'letter',
        items: { fields, entryIds, documentIds: [] }, basis: { kind: 'mandate', mandateId: basis.mandate.id }, note: null }, categories);
      if (problem) throw problem;
    }
    const id = Number(insD.run(c.participantId, recipientId, on, purpose, JSON.stringify(categories), faker.helpers.arrayElement(channels), basis.kind,
      basis.kind === 'mandate' ? basis.mandate.id : null, basis.kind === 'legalDuty' ? basis.duty : null, basis.kind === 'exception' ? basis.arguments : null,
      basis.kind === 'exception' ? 1 : 0, c.consultantId, `${on}T14:00:00.000Z`).lastInsertRowid);
    for (const f of fields) insI.run(id, 'field', f, null, null);
    for (const e of entryIds) insI.run(id, 'entry', null, e, null);
    counts.disclosures++;
  };

  const batch = 2000;
  for (let start = 0; start < candidates.length; start += batch) {
    sqlite.transaction(() => {
      for (const c of candidates.slice(start, start + batch)) {
        const n = faker.number.int({ min: 1, max: 10 }) <= 7 ? 1 : 2;
        for (const r of faker.helpers.arrayElements(withMandate, n)) {
          const m = r.spec.mandate!;
          const validFrom = dateBetween(faker, twoYearsAgo, today);
          // Most mandates run a year (so some have expired, some expire soon), a few have no end.
          const validUntil = faker.number.int({ min: 1, max: 10 }) <= 7 ? addCalendarDays(validFrom, 364) : null;
          const end = validUntil !== null && validUntil < today ? validUntil : today;
          const withdrawnOn = faker.number.int({ min: 1, max: 100 }) <= 12 && end > validFrom ? dateBetween(faker, addCalendarDays(validFrom, 1), end) : null;
          const recordedAt = `${validFrom}T09:30:00.000Z`;
          const form = Buffer.from(`Machtiging (synthetisch)\nDeelnemer ${c.participantId} geeft toestemming aan ${r.spec.name}\nDoel: ${m.purpose}\nOndertekend op ${validFrom}\n`);
          const documentId = Number(insDoc.run(c.participantId, `machtiging-${r.spec.kind}-${c.participantId}-${counts.mandates + 1}.txt`, form.length,
            createHash('sha256').update(form).digest('hex'), form, c.consultantId, recordedAt).lastInsertRowid);
          const mandateId = Number(insM.run(c.participantId, m.direction, r.id, m.purpose, JSON.stringify(m.categories), validFrom, validUntil, documentId, c.consultantId, recordedAt,
            withdrawnOn, withdrawnOn ? faker.helpers.arrayElement(['letter', 'email', 'inPerson', 'oral']) : null,
            withdrawnOn ? 'Deelnemer wil niet langer dat gegevens worden gedeeld.' : null, withdrawnOn ? c.consultantId : null, withdrawnOn ? `${withdrawnOn}T11:00:00.000Z` : null).lastInsertRowid);
          counts.mandates++;
          if (m.direction !== 'shareWith') continue;
          // Disclosures only while the mandate covers: from its start to the day before a withdrawal.
          const last = withdrawnOn !== null ? addCalendarDays(withdrawnOn, -1) : end;
          if (last < validFrom) continue;
          const covering: Covering = { id: mandateId, participantId: c.participantId, direction: m.direction, recipientId: r.id, recipientName: r.spec.name, purpose: m.purpose,
            categories: JSON.stringify(m.categories), validFrom, validUntil, withdrawnOn };
          for (let k = faker.number.int({ min: 0, max: 3 }); k > 0; k--) {
            const fields = faker.helpers.arrayElements(m.categories.flatMap((cat) => fieldsFor(cat, c)), { min: 1, max: 3 });
            const entryIds = m.categories.includes('trajectory') ? faker.helpers.arrayElements(c.entryIds, { min: 0, max: 2 }) : [];
            disclose(c, r.id, dateBetween(faker, validFrom, last), m.purpose, fields, entryIds, { kind: 'mandate', mandate: covering });
          }
        }
        // A few disclosures on a legal duty (R12 does not apply) and a few flagged exceptions.
        if (faker.number.int({ min: 1, max: 100 }) <= 3) {
          disclose(c, municipality, dateBetween(faker, twoYearsAgo, today), 'registration', ['firstName', 'lastName', 'birthDate'], [],
            { kind: 'legalDuty', duty: 'Participatiewet art. 64 (inlichtingenplicht aan het college)' });
        }
        if (faker.number.int({ min: 1, max: 400 }) === 1) {
          const args = 'Ernstig vermoeden van huiselijk geweld; stappen van de meldcode doorlopen, overleg met de aandachtsfunctionaris, melding zonder toestemming om de deelnemer en de kinderen te beschermen.';
          disclose(c, veiligThuis, dateBetween(faker, addCalendarDays(today, -90), today), 'other', ['firstName', 'lastName', 'street', 'houseNumber', 'city'], c.entryIds.slice(0, 1),
            { kind: 'exception', arguments: args.length >= minArguments ? args : args.padEnd(minArguments, '.') });
        }
      }
    })();
  }

  // Requests: as many as a real organisation has at a time, through the request service itself.
  if (handler && candidates.length > 0) {
    const ctx = handlerCtx(sqlite, handler, now);
    // requests.carryOut is asynchronous in the contract (its WAL checkpoint); its body runs in this transaction.
    const call = <K extends 'requests.intake' | 'requests.verifyIdentity' | 'requests.decide' | 'requests.carryOut' | 'requests.close'>(name: K, input: unknown) =>
      sqlite.transaction(() => (name === 'requests.carryOut'
        ? carryOutRequest({ ...ctx, note: {} }, requestsContract[name].input.parse(input) as { requestId: number; note: string | null }).detail
        : requestHandlers[name]({ ...ctx, note: {} } as never, requestsContract[name].input.parse(input) as never, {}) as { request: { id: number } }).request)();
    type Wanted = 'overdue' | 'dueSoon' | 'onTrack';
    const plan: { type: 'inzage' | 'afschrift' | 'verzet' | 'overdraagbaarheid' | 'klacht'; due: Wanted; until: 'received' | 'verified' | 'refused' | 'closed' }[] = [
      { type: 'inzage', due: 'overdue', until: 'received' }, { type: 'afschrift', due: 'overdue', until: 'verified' }, { type: 'inzage', due: 'dueSoon', until: 'verified' },
      { type: 'verzet', due: 'dueSoon', until: 'received' }, { type: 'overdraagbaarheid', due: 'onTrack', until: 'verified' }, { type: 'afschrift', due: 'onTrack', until: 'received' },
      { type: 'klacht', due: 'onTrack', until: 'received' }, { type: 'inzage', due: 'onTrack', until: 'received' }, { type: 'afschrift', due: 'overdue', until: 'closed' },
      { type: 'verzet', due: 'onTrack', until: 'refused' },
    ];
    const { profile } = loadPolicy(sqlite);
    // The latest receipt date (at most 90 days back) whose deadline, per the policy's terms, lands as wanted.
    const receivedFor = (type: (typeof plan)[number]['type'], due: Wanted, extra: number): string => {
      for (let back = 1 + extra; back < 90; back++) {
        const on = addCalendarDays(today, -back);
        const dueOn = requestDeadline(on, type, profile).due;
        const left = workingDaysBetween(today, dueOn, profile.holidays);
        if (due === 'overdue' ? dueOn < today : due === 'dueSoon' ? dueOn >= today && left <= 2 : left > 2) return on;
      }
      return addCalendarDays(today, -1);
    };
    for (const [i, p] of plan.entries()) {
      const c = candidates[(i * 7919) % candidates.length]!;
      const receivedOn = receivedFor(p.type, p.due, i);
      const r = call('requests.intake', {
        participantId: c.participantId, type: p.type, requester: { kind: 'participant' }, channel: faker.helpers.arrayElement(['letter', 'email', 'inPerson']),
        receivedOn, description: `Verzoek (synthetisch): ${p.type} van het dossier, ontvangen op ${receivedOn}.`,
      });
      counts.requests++;
      if (p.until === 'received') continue;
      call('requests.verifyIdentity', { requestId: r.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort getoond aan de balie, gegevens vergeleken met het dossier', verifiedOn: addCalendarDays(receivedOn, 1) });
      if (p.until === 'verified') continue;
      if (p.until === 'refused') {
        call('requests.decide', { requestId: r.id, outcome: 'refused', reasons: 'Het belang van de verwerking weegt zwaarder dan de omstandigheden die de deelnemer noemt.' });
      } else {
        call('requests.decide', { requestId: r.id, outcome: 'granted', reasons: null });
        call('requests.carryOut', { requestId: r.id, note: 'Afschrift verstuurd per beveiligde e-mail.' });
      }
      call('requests.close', { requestId: r.id });
    }
  }
  return counts;
}
