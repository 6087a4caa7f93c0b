// To be forgotten (R29): a granted verwijdering of the whole dossier anonymises it. A canary in
// every identifying field, the field history, entries, documents, requests and their letters,
// statements, restrictions, shields, break-the-glass reasons, mandates, disclosures, objections
// and Verwijsindex registrations is found nowhere afterwards (tables, search index, decrypted
// pages and WAL frames, R07), nor is the old dossier number or the exact birth date; the dossier
// still counts in the statistics (R16) and stays on the retention schedule with its trajectory's
// term (R40), so it is destroyed when that ends; earlier recipients are listed for notification
// with a letter that names no one (R24, AVG art. 19); the audit chain and anchor still verify.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { ANONYMISATION_PLAN } from '../../core/retention/anonymise.ts';
import { DESTRUCTION_PLAN } from '../../core/retention/destroy.ts';
import type { Sqlite } from '../../db/connection.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { aParticipant, removeVault, type Caller, type TestVault } from '../support/vault.ts';
import { canaryVault, canary, ftsBlocksHolding, tablesHolding, verwijdering } from './erase-support.ts';

const TODAY = '2026-04-23';
const NAME = canary('Qz');
const PHONE = `06${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
const KEEP = canary('Bw');
const canaries = [NAME, PHONE];

let vault: TestVault;
let sqlite: Sqlite;
let keyHex: string;
let owner: Caller;
let outsider: Caller;
let admin: Caller;
let officer: Caller;
let participantId: number;
let oldNumber: string;
let statsBefore: unknown;
let done: { request: { status: string; dossierNumber: string; participantName: string }; notifications: { recipientName: string; letter: string; disclosureIds: number[] }[]; erasure: { anonymised: boolean; checkpoint: { clean: boolean }; rows: Record<string, number>; auditReasonsKept: number } | null };
let disclosureId: number;

/** Five other dossiers with the same kind of trajectory, so the statistics cell is above the threshold of 5. */
async function othersLikeIt(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const p = await owner.call('dossiers.create', aParticipant({ lastName: `${KEEP}${i}` }));
    const t = await owner.call('dossiers.addTrajectory', { participantId: p.participantId, type: 'uwv', commissioner: 'UWV Utrecht', startDate: '2025-02-03', endDate: null, description: null });
    await owner.call('dossiers.updateTrajectory', { trajectoryId: t.id, status: 'closed', endDate: '2025-06-30' });
  }
}

beforeAll(async () => {
  ({ vault, sqlite, keyHex, owner, admin } = await canaryVault(TODAY));
  outsider = await vault.addUser('consulent.ander', 'consultant', 'Otto Ander');
  officer = await vault.as('privacyOfficer');
  await othersLikeIt();
  const p = await owner.call('dossiers.create', aParticipant({
    firstName: `Anna${NAME}`, lastNamePrefix: `de${NAME}`, lastName: NAME, street: `${NAME}straat`, houseNumber: '7', postcode: '1234 AB', city: `${NAME}dorp`, phone: PHONE,
    email: `${NAME.toLowerCase()}@example.nl`, birthDate: '2008-07-13', livingSituation: `Woont ${NAME}`, familySituation: `Gezin ${NAME}`, financialSituation: `Schulden ${NAME}`,
    workHistory: `Werk ${NAME}`, workCapabilities: `FML ${NAME}`, medicalNotes: `Medisch ${NAME}`, disability: `Beperking ${NAME}`, sourceNote: `Bron ${NAME}`, source: 'commissioner',
  }));
  participantId = p.participantId;
  oldNumber = p.dossierNumber;
  await owner.call('dossiers.update', { participantId, changes: { familySituation: `Gezin na wijziging ${NAME}` }, reason: `Gesprek met ${NAME}` });
  const trajectory = await owner.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: `Werkgever ${NAME}`, startDate: '2025-02-03', endDate: null, description: `Traject ${NAME}` });
  const entry = await owner.call('dossiers.addEntry', { participantId, trajectoryId: trajectory.id, kind: 'conversation', entryDate: '2025-03-01', title: `Gesprek ${NAME}`, body: `Verslag ${NAME}` });
  await owner.call('dossiers.updateEntry', { entryId: entry.id, title: `Gesprek bijgewerkt ${NAME}`, body: `Bijgewerkt ${NAME}` });
  await owner.call('dossiers.updateTrajectory', { trajectoryId: trajectory.id, status: 'closed', endDate: '2025-06-30' });
  const doc = await owner.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: `cv-${NAME}.txt`, mimeType: 'text/plain', contentBase64: Buffer.from(`CV van ${NAME}`).toString('base64') });
  sqlite.pragma('wal_checkpoint(TRUNCATE)'); // part in the file, part in WAL frames
  const recipient = await admin.call('recipients.create', { name: 'UWV Utrecht', kind: 'uwv', agreementReference: 'OVK-1', agreementDate: '2025-01-15' });
  await owner.call('mandates.record', {
    participantId, direction: 'shareWith', recipientId: recipient.id, purpose: 'reintegration', purposeNote: `Voor ${NAME}`, categories: ['work', 'trajectory'],
    validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: doc.id },
  });
  disclosureId = (await owner.call('disclosures.record', {
    participantId, recipientId: recipient.id, disclosedOn: TODAY, purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: ['workHistory'], entryIds: [entry.id], documentIds: [] }, basis: { kind: 'mandate' }, note: `Notitie ${NAME}`,
  })).id;
  await owner.call('statements.record', { participantId, targets: [{ kind: 'entry', entryId: entry.id }], text: `Zienswijze ${NAME}`, receivedOn: TODAY, channel: 'letter' });
  await owner.call('shielding.place', { participantId, target: { kind: 'document', documentId: doc.id }, audiences: [{ kind: 'recipient', recipientId: recipient.id }], requestedBy: 'participant', reason: `Op verzoek van ${NAME}` });
  const correction = await admin.call('requests.intake', {
    participantId, type: 'correctie', requester: { kind: 'representative', name: `Curator ${NAME}`, relation: 'curator' }, channel: 'letter', receivedOn: TODAY,
    description: `Werk van ${NAME} klopt niet`, changes: [{ target: 'field', field: 'workHistory', proposedValue: `Nieuw werk ${NAME}`, ground: 'incorrect' }],
  });
  await admin.call('requests.verifyIdentity', { requestId: correction.request.id, method: 'idDocumentInPerson', checkedAgainst: `Paspoort ${NAME}`, verifiedOn: TODAY });
  await admin.call('requests.extend', { requestId: correction.request.id, reason: `Ingewikkeld, ${NAME} wordt nog gehoord`, noticeOn: TODAY, extendedTo: '2026-07-01' });
  await admin.call('requests.decide', { requestId: correction.request.id, outcome: 'granted', reasons: `Besluit over ${NAME}`, changeDecisions: [{ changeId: correction.changes[0]!.id, accepted: true }] });
  await admin.call('requests.carryOut', { requestId: correction.request.id, note: `Uitgevoerd voor ${NAME}` });
  await admin.call('requests.markNotification', { notificationId: (await admin.call('requests.get', { requestId: correction.request.id })).notifications[0]!.id, status: 'sent', reason: null });
  const inzage = await admin.call('requests.intake', { participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: `Inzage door ${NAME}`, changes: [] });
  await admin.call('requests.verifyIdentity', { requestId: inzage.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
  const consulted = await admin.call('requests.consult', { requestId: inzage.request.id, thirdParty: `Werkgever van ${NAME}`, targets: [{ kind: 'entry', entryId: entry.id }], askedOn: TODAY });
  await admin.call('requests.answerConsultation', { consultationId: consulted.consultations[0]!.id, answer: 'agreed', answeredOn: TODAY, withhold: false, note: `Akkoord ${NAME}` });
  await admin.call('requests.decide', { requestId: inzage.request.id, outcome: 'granted', reasons: null });
  await admin.call('copies.make', { requestId: inzage.request.id, format: 'zip', contents: 'overview' });
  await admin.call('restriction.place', { participantId, requestId: null, targets: [{ kind: 'field', field: 'familySituation' }], reason: `Juistheid betwist door ${NAME}` });
  await admin.call('objections.record', { participantId, requestId: null, recipientIds: [recipient.id], circumstances: `Omstandigheden ${NAME}`, receivedOn: TODAY });
  await owner.call('verwijsindex.register', { participantId, registeredOn: TODAY, signalReason: `Zorgen over ${NAME} thuis` });
  await outsider.call('access.breakGlass', { participantId, reason: `Spoed: ${NAME} belde de crisisdienst` });
  await outsider.call('dossiers.get', { participantId });
  const kept = await owner.call('dossiers.create', aParticipant({ firstName: 'Blijft', lastName: KEEP, city: `${KEEP}stad` }));
  expect(kept.participantId).toBeGreaterThan(participantId);

  expect(findInVaultBytes(vault.dir, keyHex, [NAME]).length).toBeGreaterThan(5);
  expect(tablesHolding(sqlite, [NAME])).toEqual(expect.arrayContaining(['participants', 'audit_log', 'request_notifications', 'documents', 'trajectories', 'disclosures', 'mandates']));
  statsBefore = await officer.call('statistics.get', {});

  // The participant asks to be forgotten; the dossier is still open (anonymising closes it).
  const decided = await verwijdering(admin, participantId, [{ target: 'dossier', ground: 'consentWithdrawn' }], 'decided', TODAY);
  done = await admin.call('requests.carryOut', { requestId: decided.request.id, note: `Vergeten: ${NAME}` }) as typeof done;
}, 120_000);
afterAll(() => removeVault(vault));

describe('to be forgotten: the dossier is anonymised (R29)', () => {
  it('R29 every table of the destruction plan has a step in the anonymisation plan', () => {
    expect(Object.keys(ANONYMISATION_PLAN).sort()).toEqual(DESTRUCTION_PLAN.map((s) => s.table).sort());
  });

  it('R29 R07 the request is carried out, the dossier anonymised and the WAL checkpointed clean', () => {
    expect(done.erasure).toMatchObject({ anonymised: true, auditReasonsKept: 0, checkpoint: { busy: 0, clean: true } });
    expect(done.erasure!.rows).toMatchObject({ entries: 1, documents: 1, participant_history: 2, own_statements: 1, shields: 1, break_glass: 1, participants: 1 });
    expect(statSync(`${join(vault.dir, 'vault.db')}-wal`).size).toBe(0);
    expect(done.request.status).toBe('carriedOut');
    expect(done.request.dossierNumber).toMatch(/^AN-[0-9A-F]{16}$/);
    expect(done.request.participantName).toBe('Geanonimiseerd');
  });

  it('R29 R44 no identifying value is in any column of any table, nor in the search index, nor the old dossier number', () => {
    expect(tablesHolding(sqlite, [...canaries, NAME.toLowerCase()])).toEqual([]);
    expect(tablesHolding(sqlite, [oldNumber])).toEqual([]);
    expect(ftsBlocksHolding(sqlite, [NAME])).toBe(0);
    expect(ftsBlocksHolding(sqlite, [KEEP])).toBeGreaterThan(0);
    const p = sqlite.prepare('SELECT birth_date AS b, closed_at AS c, created_at AS o FROM participants WHERE id = ?').get(participantId) as { b: string; c: string; o: string };
    expect(p.b).toBe('2008-01-01'); // the year only
    expect(p.o).toBe('2026-01-01T12:00:00.000Z');
    expect(tablesHolding(sqlite, ['2008-07-13'])).toEqual([]);
  });

  it('R29 R07 no identifying value is in a decrypted page of the database nor frame of the WAL', () => {
    expect(findInVaultBytes(vault.dir, keyHex, [...canaries, oldNumber])).toEqual([]);
    expect(findInVaultBytes(vault.dir, keyHex, [KEEP]).length).toBeGreaterThan(0);
  });

  it('R29 the dossier shows only the anonymous record: no entries, documents, history, statements or caseload', async () => {
    const d = await officer.call('dossiers.get', { participantId });
    expect(d.participant).toMatchObject({ firstName: '', lastNamePrefix: null, lastName: 'Geanonimiseerd', birthDate: '2008-01-01', city: null, phone: null, email: null, familySituation: null, status: 'closed' });
    expect(d.entries).toEqual([]);
    expect(d.documents).toEqual([]);
    expect(d.trajectories.map((t) => ({ type: t.type, status: t.status, startDate: t.startDate, endDate: t.endDate, commissioner: t.commissioner }))).toEqual([
      { type: 'uwv', status: 'closed', startDate: '2025-01-01', endDate: '2025-12-31', commissioner: 'Geanonimiseerd' },
    ]);
    expect((await officer.call('dossiers.list', { query: NAME, scope: 'all', offset: 0, limit: 10 })).rows).toEqual([]);
    expect((await officer.call('dossiers.list', { query: oldNumber, scope: 'all', offset: 0, limit: 10 })).rows).toEqual([]);
    expect((await officer.call('dossiers.list', { query: done.request.dossierNumber, scope: 'all', offset: 0, limit: 10 })).rows.map((r) => r.participantId)).toEqual([participantId]);
  });

  it('R29 R16 the dossier still counts in the statistics, exactly as before', async () => {
    const after = await officer.call('statistics.get', {});
    expect(after).toEqual(statsBefore);
    expect(after.trajectories).toContainEqual({ type: 'uwv', status: 'closed', year: 2025, count: 6 });
  });

  it('R29 R40 the dossier stays on the retention schedule: its UWV term from the end of the trajectory\'s year', async () => {
    const term = await officer.call('retention.term', { participantId });
    expect(term).toMatchObject({ open: null, until: '2032-12-31', basis: 'term', category: 'uwv', due: false });
  });

  it('R24 R29 the earlier recipient is listed for notification, with a letter that names no one and points to the disclosure', () => {
    expect(done.notifications.map((n) => n.recipientName)).toEqual(['UWV Utrecht']);
    const n = done.notifications[0]!;
    expect(n.disclosureIds).toEqual([disclosureId]);
    expect(n.letter).toContain(`V-${disclosureId}`);
    expect(n.letter).toContain('geanonimiseerd');
    for (const c of [...canaries, oldNumber, 'Anna']) expect(n.letter).not.toContain(c);
  });

  it('R05 R29 the audit chain and its anchor still verify; the lines stay, without their reasons', () => {
    const report = verifyAuditChain(sqlite);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.anchor?.ok).toBe(true);
    const lines = sqlite.prepare('SELECT action, reason FROM audit_log WHERE participant_id = ?').all(participantId) as { action: string; reason: string | null }[];
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.reason !== null)).toEqual([]);
  });
});
