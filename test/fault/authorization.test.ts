// Authorisation over the whole contract (issue 12): every operation, called by each role that has
// no access to a participant's dossier, with that participant's ids (the dossier, its entry,
// document, trajectory, request, mandate, disclosure, shield, objection …), returns none of the
// participant's personal data. Roles that see every dossier (administration, privacy officer)
// still get no special-category data outside a request that needs it (R01). The contract is
// iterated, so an operation added later is covered without touching this file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aParticipant, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';
import { expectNoCanary, sweepContract } from '../support/sweep.ts';

const TODAY = '2026-04-23';
const NAME = 'Zq7xwvanger'; // in the names, the address, the e-mail, every free-text field
const PHONE = '0699137731';
const MEDICAL = 'Mq4vkklacht'; // only in the special categories

let vault: TestVault;
let ids: Record<string, number>;
let dossierNumber: string;
const callers: Record<string, Caller> = {};

// A fresh vault per test: the sweep ends with auth.signOut, which closes the test's shared database.
beforeEach(async () => {
  vault = await testVault();
  vault.clock.now = new Date(`${TODAY}T10:00:00Z`);
  const owner = await vault.addUser('consulent.eigen', 'consultant', 'Eva Eigenaar');
  callers.outsider = await vault.addUser('consulent.ander', 'consultant', 'Otto Ander');
  callers.board = await vault.as('board');
  callers.administrator = vault.admin;
  callers.administration = await vault.as('administration');
  callers.privacyOfficer = await vault.as('privacyOfficer');
  const admin = callers.administration;
  // The outsider has a dossier of their own, so their lists are not empty by accident.
  await callers.outsider.call('dossiers.create', aParticipant({ firstName: 'Eigen', lastName: 'Deelnemer' }));
  const p = await owner.call('dossiers.create', aParticipant({
    firstName: `Anna${NAME}`, lastName: NAME, street: `${NAME}straat`, city: `${NAME}dorp`, phone: PHONE, email: `${NAME.toLowerCase()}@example.nl`,
    birthDate: '2008-07-13', livingSituation: `Woont ${NAME}`, familySituation: `Gezin ${NAME}`, financialSituation: `Schulden ${NAME}`,
    workHistory: `Werk ${NAME}`, workCapabilities: `FML ${NAME}`, medicalNotes: `Medisch ${MEDICAL}`, disability: `Beperking ${MEDICAL}`,
  }));
  dossierNumber = p.dossierNumber;
  const participantId = p.participantId;
  await owner.call('dossiers.update', { participantId, changes: { familySituation: `Gezin na wijziging ${NAME}`, medicalNotes: `Medisch bijgewerkt ${MEDICAL}` }, reason: 'Gesprek' });
  const trajectory = await owner.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: 'UWV', startDate: '2026-01-05', endDate: null, description: `Traject ${NAME}` });
  const entry = await owner.call('dossiers.addEntry', { participantId, trajectoryId: trajectory.id, kind: 'conversation', entryDate: '2026-03-01', title: `Gesprek ${NAME}`, body: `Verslag ${NAME}` });
  await owner.call('dossiers.updateEntry', { entryId: entry.id, title: `Gesprek ${NAME}`, body: `Bijgewerkt ${NAME}` });
  const doc = await owner.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: `cv-${NAME}.txt`, mimeType: 'text/plain', contentBase64: Buffer.from(`CV van ${NAME}`).toString('base64') });
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
  const shield = await owner.call('shielding.place', { participantId, target: { kind: 'document', documentId: doc.id }, audiences: [{ kind: 'recipient', recipientId: recipient.id }], requestedBy: 'participant', reason: 'Op verzoek van de deelnemer in het gesprek' });
  const request = await admin.call('requests.intake', {
    participantId, type: 'correctie', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Telefoonnummer en werk kloppen niet',
    changes: [{ target: 'field', field: 'workHistory', proposedValue: `Nieuw werk ${NAME}`, ground: 'incorrect' }],
  });
  await admin.call('requests.verifyIdentity', { requestId: request.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
  const inzage = await admin.call('requests.intake', { participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Inzage gevraagd', changes: [] });
  await admin.call('requests.verifyIdentity', { requestId: inzage.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort aan de balie', verifiedOn: TODAY });
  const consulted = await admin.call('requests.consult', { requestId: inzage.request.id, thirdParty: 'Werkgever', targets: [{ kind: 'entry', entryId: entry.id }], askedOn: TODAY });
  const restriction = await admin.call('restriction.place', { participantId, requestId: null, targets: [{ kind: 'field', field: 'familySituation' }], reason: 'Juistheid wordt betwist door de deelnemer' });
  const objection = await admin.call('objections.record', { participantId, requestId: null, recipientIds: [recipient.id], circumstances: `Bijzondere omstandigheden ${NAME}`, receivedOn: TODAY });
  const registration = await owner.call('verwijsindex.register', { participantId, registeredOn: TODAY, signalReason: `Zorgen over ${NAME} thuis` });
  ids = {
    participantId, entryId: entry.id, documentId: doc.id, trajectoryId: trajectory.id, requestId: request.request.id, recipientId: recipient.id,
    mandateId: mandate.id, disclosureId: disclosure.id, shieldId: shield.id, restrictionId: restriction.id, objectionId: objection.id,
    registrationId: registration.id, consultationId: consulted.consultations[0]!.id, userId: owner.state.session!.userId, handlerId: admin.state.session!.userId,
  };
});
afterEach(() => removeVault(vault));

const queries = () => [NAME.slice(0, 3), NAME, dossierNumber, '13-07-2008', PHONE, ''];

describe('authorisation over the whole contract', () => {
  for (const role of ['outsider', 'board', 'administrator']) {
    it(`R04 R05 every operation, called by ${role === 'outsider' ? 'a consultant outside the caseload' : `the ${role}`} with another participant's ids, returns none of their personal data`, async () => {
      // Without breaking the glass: that gives access on purpose, flagged (R04; tested on its own).
      const { responses } = await sweepContract(callers[role]!, { ids, queries: queries(), today: TODAY }, { skip: ['access.breakGlass'] });
      expect(responses.length).toBeGreaterThan(300);
      expectNoCanary(responses, [NAME, NAME.toLowerCase(), PHONE, MEDICAL, Buffer.from(`CV van ${NAME}`).toString('base64')]);
    });
  }

  for (const role of ['administration', 'privacyOfficer']) {
    it(`R01 every operation, called by the ${role} (who sees every dossier), returns no special-category data outside a request that needs it`, async () => {
      const { responses, ok } = await sweepContract(callers[role]!, { ids, queries: queries(), today: TODAY });
      expect(ok.has('dossiers.get')).toBe(true); // they do see the dossier …
      expect(responses.some((r) => r.name === 'dossiers.get' && r.text.includes(NAME))).toBe(true);
      // … but its medical data and disability only within the verified inzage (requests.content of that request).
      expectNoCanary(responses.filter((r) => r.name !== 'requests.content'), [MEDICAL]);
    });
  }
});
