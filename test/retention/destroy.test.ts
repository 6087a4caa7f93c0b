// Destruction that leaves nothing (issue 11, R44, R07): a participant with a canary in every
// field, entry, entry history, document (name and content), request and its letter, statement,
// restriction, shield and break-the-glass reason, consent and disclosure is destroyed in a real
// vault, next to a participant that must stay. Afterwards the canary is found nowhere: not in any
// column of any table, not in the search index's data blocks, not in the decrypted pages of the
// database and WAL files, and not through any operation of the API; the audit chain and anchor
// still verify.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { destroyParticipant, type DestroyResult } from '../../core/retention/destroy.ts';
import type { Sqlite } from '../../db/connection.ts';
import { canaryVault, everyRow as rowsOf, letters } from './erase-support.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { expectNoCanary, sweepContract } from '../support/sweep.ts';
import { aParticipant, removeVault, type Caller, type TestVault } from '../support/vault.ts';

const TODAY = '2026-04-23';
const NAME = `Qz${letters(10)}`;
const KEEP = `Bw${letters(10)}`; // the participant that stays
const PHONE = `06${String(10_000_000 + (randomBytes(4).readUInt32BE() % 89_999_999))}`;
const DOC_TEXT = `CV van ${NAME}`;

let vault: TestVault;
let sqlite: Sqlite;
let keyHex: string;
let owner: Caller;
let outsider: Caller;
let admin: Caller;
let privacyOfficer: Caller;
let ids: Record<string, number>;
let dossierNumber: string;
let kept: { participantId: number; dossierNumber: string };
let result: DestroyResult;

const canaries = [NAME, NAME.toLowerCase(), PHONE];

const everyRow = () => rowsOf(sqlite);

async function dossierWithCanaries(): Promise<void> {
  const p = await owner.call('dossiers.create', aParticipant({
    firstName: `Anna${NAME}`, lastName: NAME, street: `${NAME}straat`, city: `${NAME}dorp`, phone: PHONE, email: `${NAME.toLowerCase()}@example.nl`,
    birthDate: '2008-07-13', livingSituation: `Woont ${NAME}`, familySituation: `Gezin ${NAME}`, financialSituation: `Schulden ${NAME}`,
    workHistory: `Werk ${NAME}`, workCapabilities: `FML ${NAME}`, medicalNotes: `Medisch ${NAME}`, disability: `Beperking ${NAME}`, sourceNote: `Bron ${NAME}`, source: 'commissioner',
  }));
  dossierNumber = p.dossierNumber;
  const participantId = p.participantId;
  await owner.call('dossiers.update', { participantId, changes: { familySituation: `Gezin na wijziging ${NAME}`, lastName: `${NAME}x` }, reason: `Gesprek met ${NAME}` });
  const trajectory = await owner.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: `UWV ${NAME}`, startDate: '2026-01-05', endDate: null, description: `Traject ${NAME}` });
  const entry = await owner.call('dossiers.addEntry', { participantId, trajectoryId: trajectory.id, kind: 'conversation', entryDate: '2026-03-01', title: `Gesprek ${NAME}`, body: `Verslag ${NAME}` });
  await owner.call('dossiers.updateEntry', { entryId: entry.id, title: `Gesprek bijgewerkt ${NAME}`, body: `Bijgewerkt ${NAME}` });
  const doc = await owner.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: `cv-${NAME}.txt`, mimeType: 'text/plain', contentBase64: Buffer.from(DOC_TEXT).toString('base64') });
  // Half the dossier goes into the database file, the rest stays in WAL frames: both must be cleaned.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const recipient = await admin.call('recipients.create', { name: 'UWV Utrecht', kind: 'uwv', agreementReference: 'OVK-1', agreementDate: '2025-01-15' });
  const mandate = await owner.call('mandates.record', {
    participantId, direction: 'shareWith', recipientId: recipient.id, purpose: 'reintegration', purposeNote: `Voor ${NAME}`, categories: ['work', 'trajectory'],
    validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: doc.id },
  });
  const disclosure = await owner.call('disclosures.record', {
    participantId, recipientId: recipient.id, disclosedOn: TODAY, purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: ['workHistory'], entryIds: [entry.id] }, basis: { kind: 'mandate' }, note: `Notitie ${NAME}`,
  });
  await owner.call('statements.record', { participantId, targets: [{ kind: 'entry', entryId: entry.id }], text: `Zienswijze ${NAME}`, receivedOn: TODAY, channel: 'letter' });
  const shield = await owner.call('shielding.place', { participantId, target: { kind: 'document', documentId: doc.id }, audiences: [{ kind: 'recipient', recipientId: recipient.id }], requestedBy: 'participant', reason: `Op verzoek van ${NAME}` });
  // A correction that is carried out: its letter to the earlier recipient (R24) is stored.
  const correction = await admin.call('requests.intake', {
    participantId, type: 'correctie', requester: { kind: 'representative', name: `Curator ${NAME}`, relation: 'curator' }, channel: 'letter', receivedOn: TODAY,
    description: `Werk van ${NAME} klopt niet`, changes: [{ target: 'field', field: 'workHistory', proposedValue: `Nieuw werk ${NAME}`, ground: 'incorrect' }],
  });
  await admin.call('requests.verifyIdentity', { requestId: correction.request.id, method: 'idDocumentInPerson', checkedAgainst: `Paspoort ${NAME}`, verifiedOn: TODAY });
  await admin.call('requests.extend', { requestId: correction.request.id, reason: `Ingewikkeld, ${NAME} wordt nog gehoord`, noticeOn: TODAY, extendedTo: '2026-07-01' });
  await admin.call('requests.decide', { requestId: correction.request.id, outcome: 'granted', reasons: `Besluit over ${NAME}`, changeDecisions: [{ changeId: correction.changes[0]!.id, accepted: true }] });
  await admin.call('requests.carryOut', { requestId: correction.request.id, note: `Uitgevoerd voor ${NAME}` });
  const inzage = await admin.call('requests.intake', { participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: `Inzage door ${NAME}`, changes: [] });
  await admin.call('requests.verifyIdentity', { requestId: inzage.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
  const consulted = await admin.call('requests.consult', { requestId: inzage.request.id, thirdParty: `Werkgever van ${NAME}`, targets: [{ kind: 'entry', entryId: entry.id }], askedOn: TODAY });
  await admin.call('requests.answerConsultation', { consultationId: consulted.consultations[0]!.id, answer: 'agreed', answeredOn: TODAY, withhold: false, note: `Akkoord ${NAME}` });
  await admin.call('requests.decide', { requestId: inzage.request.id, outcome: 'granted', reasons: null });
  const copy = await admin.call('copies.make', { requestId: inzage.request.id, format: 'zip', contents: 'overview' });
  const restriction = await admin.call('restriction.place', { participantId, requestId: null, targets: [{ kind: 'field', field: 'familySituation' }], reason: `Juistheid betwist door ${NAME}` });
  const objection = await admin.call('objections.record', { participantId, requestId: null, recipientIds: [recipient.id], circumstances: `Omstandigheden ${NAME}`, receivedOn: TODAY });
  const registration = await owner.call('verwijsindex.register', { participantId, registeredOn: TODAY, signalReason: `Zorgen over ${NAME} thuis` });
  await outsider.call('access.breakGlass', { participantId, reason: `Spoed: ${NAME} belde de crisisdienst` });
  await outsider.call('dossiers.get', { participantId });
  ids = {
    participantId, entryId: entry.id, documentId: doc.id, trajectoryId: trajectory.id, requestId: correction.request.id, recipientId: recipient.id,
    mandateId: mandate.id, disclosureId: disclosure.id, shieldId: shield.id, restrictionId: restriction.id, objectionId: objection.id, copyId: copy.copyId,
    registrationId: registration.id, consultationId: consulted.consultations[0]!.id, userId: owner.state.session!.userId, handlerId: admin.state.session!.userId,
  };
}

beforeAll(async () => {
  ({ vault, sqlite, keyHex, owner, admin } = await canaryVault(TODAY));
  outsider = await vault.addUser('consulent.ander', 'consultant', 'Otto Ander');
  privacyOfficer = await vault.as('privacyOfficer');
  kept = await owner.call('dossiers.create', aParticipant({ firstName: 'Blijft', lastName: KEEP, city: `${KEEP}stad` }));
  await owner.call('dossiers.addEntry', { participantId: kept.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: `Notitie ${KEEP}`, body: `Blijft staan ${KEEP}` });
  await dossierWithCanaries();
  // The canary really is in the files before: otherwise "not found" afterwards proves nothing.
  const before = findInVaultBytes(vault.dir, keyHex, [NAME]);
  expect(before.filter((h) => h.file === 'db').length).toBeGreaterThan(5);
  expect(before.filter((h) => h.file === 'wal').length).toBeGreaterThan(5); // stale frames to come
  expect(everyRow().filter((r) => r.text.includes(NAME)).map((r) => r.table)).toEqual(expect.arrayContaining(['participants', 'audit_log', 'request_notifications', 'documents']));
  result = destroyParticipant(sqlite, ids.participantId!);
}, 120_000);
afterAll(() => removeVault(vault));

describe('destruction that leaves nothing (R44, R07)', () => {
  it('R44 every row of the dossier goes, in every table, and the result says how many', () => {
    expect(result.checkpoint).toEqual({ busy: 0, log: 0, checkpointed: 0, clean: true });
    for (const table of ['participants', 'participant_history', 'entries', 'entry_history', 'documents', 'trajectories', 'caseload', 'break_glass', 'mandates', 'disclosures',
      'disclosure_items', 'own_statements', 'shields', 'shield_audiences', 'requests', 'request_changes', 'request_consultations', 'request_notifications', 'copies',
      'restrictions', 'objections', 'objection_recipients', 'verwijsindex_registrations']) expect(result.rows[table], table).toBeGreaterThan(0);
    expect(result.auditReasonsErased).toBeGreaterThanOrEqual(3); // break-the-glass, restriction, extension
    expect(result.auditReasonsKept).toBe(0);
  });

  it('R44 R07 the canary is in no column of any table, the search index\'s data blocks included', () => {
    expect(everyRow().filter((r) => canaries.some((c) => r.text.includes(c))).map((r) => r.table)).toEqual([]);
    const blocks = sqlite.prepare('SELECT block FROM participants_fts_data').pluck().all() as Buffer[];
    expect(blocks.length).toBeGreaterThan(0);
    const tail = NAME.toLowerCase().slice(-8);
    expect(blocks.filter((b) => Buffer.isBuffer(b) && (b.includes(NAME.toLowerCase()) || b.includes(tail)))).toEqual([]);
    expect(blocks.some((b) => Buffer.isBuffer(b) && b.includes(KEEP.toLowerCase().slice(-8)))).toBe(true); // the one that stays is still indexed
  });

  it('R07 R44 the canary is in no decrypted page of the database file nor frame of the WAL (free pages and old segments included)', () => {
    expect(findInVaultBytes(vault.dir, keyHex, [NAME, PHONE, DOC_TEXT])).toEqual([]);
    expect(statSync(`${join(vault.dir, 'vault.db')}-wal`).size).toBe(0); // TRUNCATE: no stale frame is left to read
    expect(findInVaultBytes(vault.dir, keyHex, [KEEP]).length).toBeGreaterThan(0);
  });

  it('R05 R44 the audit chain and its anchor still verify; the lines stay, without the reasons', () => {
    const report = verifyAuditChain(sqlite);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.anchor?.ok).toBe(true);
    const lines = sqlite.prepare('SELECT action, reason, reason_digest AS digest FROM audit_log WHERE participant_id = ?').all(ids.participantId) as { action: string; reason: string | null; digest: string | null }[];
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.reason !== null)).toEqual([]);
    expect(lines.find((l) => l.action === 'access.breakGlass')?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R44 the participant that stays is untouched and still found by name and place', async () => {
    const dossier = await owner.call('dossiers.get', { participantId: kept.participantId });
    expect(dossier.participant.lastName).toBe(KEEP);
    expect(dossier.entries.map((e) => e.title)).toEqual([`Notitie ${KEEP}`]);
    const byName = await owner.call('dossiers.list', { query: KEEP.toLowerCase(), scope: 'all', offset: 0, limit: 10 });
    expect(byName.rows.map((r) => r.participantId)).toEqual([kept.participantId]);
    const byPlace = await owner.call('dossiers.list', { query: `${KEEP}stad`, scope: 'all', offset: 0, limit: 10 });
    expect(byPlace.rows.map((r) => r.participantId)).toEqual([kept.participantId]);
    expect((await privacyOfficer.call('dossiers.list', { query: NAME, scope: 'all', offset: 0, limit: 10 })).rows).toEqual([]);
  });

  // Last: the sweep ends by signing out, which closes the test's shared database.
  it('R44 R07 no operation of the API returns the canary, called with the destroyed dossier\'s ids and names', async () => {
    const { responses } = await sweepContract(privacyOfficer, { ids, queries: [NAME, NAME.slice(0, 4), dossierNumber, '13-07-2008', PHONE], today: TODAY });
    expect(responses.length).toBeGreaterThan(300);
    expectNoCanary(responses, [...canaries, Buffer.from(DOC_TEXT).toString('base64')]);
  });
});
