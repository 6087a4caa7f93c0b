// Erasure runs only for a granted verwijdering with verified identity, through the request flow
// (R28, R20, R33): undecided, refused or held requests erase nothing; bad input at intake is
// refused and changes nothing; a partly granted request erases only what was accepted; and the
// generic sweep of the whole contract erases nothing unless the request is really granted.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../core/api/operation.ts';
import { apiContract } from '../../core/contract.ts';
import { checkpointTruncate, openDatabase, type Sqlite } from '../../db/connection.ts';
import { sweepContract } from '../support/sweep.ts';
import { aParticipant, removeVault, testVault, type Caller, type TestVault } from '../support/vault.ts';
import { dossierCounts, verwijdering, type ErasureChange } from './erase-support.ts';

const TODAY = '2026-04-23';

let vault: TestVault;
let sqlite: Sqlite;
let owner: Caller;
let admin: Caller;
let officer: Caller;

async function dossier(): Promise<{ participantId: number; entryId: number; documentId: number }> {
  const p = await owner.call('dossiers.create', aParticipant({ familySituation: 'Woont met partner' }));
  const entry = await owner.call('dossiers.addEntry', { participantId: p.participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-01', title: 'Notitie', body: 'Tekst' });
  const doc = await owner.call('dossiers.uploadDocument', { participantId: p.participantId, kind: 'cv', fileName: 'cv.txt', mimeType: 'text/plain', contentBase64: Buffer.from('cv').toString('base64') });
  return { participantId: p.participantId, entryId: entry.id, documentId: doc.id };
}

const requestCount = () => (sqlite.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;

beforeAll(async () => {
  vault = await testVault();
  vault.clock.now = new Date(`${TODAY}T10:00:00Z`);
  sqlite = vault.admin.state.handle!.sqlite;
  owner = await vault.addUser('consulent.eigen', 'consultant', 'Eva Eigenaar');
  admin = await vault.as('administration');
  officer = await vault.as('privacyOfficer');
}, 60_000);
afterAll(() => removeVault(vault));

describe('erasure only through a granted verwijdering (R28)', () => {
  it('R28 R33 a verwijdering that is received, verified or refused erases nothing and cannot be carried out', async () => {
    const d = await dossier();
    const items: ErasureChange[] = [{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }, { target: 'document', documentId: d.documentId, ground: 'irrelevant' }];
    const before = dossierCounts(sqlite, d.participantId);
    const received = await verwijdering(admin, d.participantId, items, 'received', TODAY);
    await expect(admin.call('requests.carryOut', { requestId: received.request.id })).rejects.toMatchObject({ code: 'request.invalidTransition' });
    const verified = await verwijdering(admin, d.participantId, items, 'verified', TODAY);
    await expect(admin.call('requests.carryOut', { requestId: verified.request.id })).rejects.toMatchObject({ code: 'request.invalidTransition' });
    const refused = await verwijdering(admin, d.participantId, items, 'decided', TODAY, { outcome: 'refused' });
    expect(refused.actions).toEqual(['close']);
    await expect(admin.call('requests.carryOut', { requestId: refused.request.id })).rejects.toMatchObject({ code: 'request.invalidTransition' });
    expect(dossierCounts(sqlite, d.participantId)).toEqual(before);
  });

  it('R28 a partly granted verwijdering erases only the accepted items', async () => {
    const d = await dossier();
    const decided = await verwijdering(admin, d.participantId, [
      { target: 'entry', entryId: d.entryId, ground: 'irrelevant' }, { target: 'document', documentId: d.documentId, ground: 'irrelevant' },
    ], 'decided', TODAY, { outcome: 'partlyGranted', accept: (i) => i === 0 });
    const done = await admin.call('requests.carryOut', { requestId: decided.request.id });
    expect(done.erasure).toMatchObject({ entryIds: [d.entryId], documentIds: [], checkpoint: { clean: true } });
    const dossierNow = await owner.call('dossiers.get', { participantId: d.participantId });
    expect(dossierNow.entries).toEqual([]);
    expect(dossierNow.documents.map((x) => x.id)).toEqual([d.documentId]);
  });

  it('R28 R07 a checkpoint that a reader blocks after the erasure is reported in the answer as not clean, never hidden', async () => {
    const d = await dossier();
    const decided = await verwijdering(admin, d.participantId, [{ target: 'document', documentId: d.documentId, ground: 'irrelevant' }], 'decided', TODAY);
    const reader = openDatabase(join(vault.dir, 'vault.db'), vault.admin.state.handle!.key.toString('hex'), { readonly: true }).sqlite;
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM participants').get();
      const done = await admin.call('requests.carryOut', { requestId: decided.request.id });
      expect(done.erasure).toMatchObject({ documentIds: [d.documentId], checkpoint: { busy: 1, clean: false } });
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    expect(checkpointTruncate(sqlite)).toMatchObject({ busy: 0, clean: true }); // once the reader is gone, the next one cleans
  });

  it('R24 R28 before the decision, every earlier recipient of a requested item is shown; after it, those of accepted items', async () => {
    const d = await dossier();
    const recipient = await admin.call('recipients.create', { name: 'Gemeente Noord', kind: 'municipality', agreementReference: 'OVK-2', agreementDate: '2025-01-15' });
    await owner.call('disclosures.record', {
      participantId: d.participantId, recipientId: recipient.id, disclosedOn: TODAY, purpose: 'reintegration', channel: 'secureEmail',
      items: { fields: [], entryIds: [], documentIds: [d.documentId] }, basis: { kind: 'legalDuty', duty: 'Participatiewet art. 64' }, note: null,
    });
    const items: ErasureChange[] = [{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }, { target: 'document', documentId: d.documentId, ground: 'irrelevant' }];
    const verified = await verwijdering(admin, d.participantId, items, 'verified', TODAY);
    expect((await admin.call('requests.recipientsToNotify', { requestId: verified.request.id })).recipients.map((r) => r.recipientName)).toEqual(['Gemeente Noord']);
    const partly = await verwijdering(admin, d.participantId, items, 'decided', TODAY, { outcome: 'partlyGranted', accept: (i) => i === 0 });
    expect((await admin.call('requests.recipientsToNotify', { requestId: partly.request.id })).recipients).toEqual([]);
  });

  it('R28 R45 an active legal hold stops the erasure at carrying out, and nothing changes', async () => {
    const d = await dossier();
    const decided = await verwijdering(admin, d.participantId, [{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }], 'decided', TODAY);
    await officer.call('retention.placeHold', { participantId: d.participantId, reason: 'Lopende procedure bij de rechtbank', untilDate: null });
    const before = dossierCounts(sqlite, d.participantId);
    await expect(admin.call('requests.carryOut', { requestId: decided.request.id })).rejects.toMatchObject({ code: 'request.erasureHeld' });
    expect(dossierCounts(sqlite, d.participantId)).toEqual(before);
    expect((await admin.call('requests.get', { requestId: decided.request.id })).request.status).toBe('decided');
  });

  it('R28 bad input at intake is refused with its reason and changes nothing', async () => {
    const d = await dossier();
    const other = await dossier();
    const consentForm = await owner.call('dossiers.uploadDocument', { participantId: d.participantId, kind: 'consentForm', fileName: 'machtiging.pdf', mimeType: 'text/plain', contentBase64: Buffer.from('getekend').toString('base64') });
    const recipient = await admin.call('recipients.create', { name: 'UWV Utrecht', kind: 'uwv', agreementReference: 'OVK-1', agreementDate: '2025-01-15' });
    await owner.call('mandates.record', {
      participantId: d.participantId, direction: 'shareWith', recipientId: recipient.id, purpose: 'reintegration', purposeNote: null, categories: ['work'],
      validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: consentForm.id },
    });
    const cases: [unknown[], string, string?][] = [
      [[{ target: 'field', field: 'lastName', ground: 'irrelevant' }], 'request.erasureRequiredField'],
      [[{ target: 'field', field: 'firstName', ground: 'irrelevant' }], 'request.erasureRequiredField'],
      [[{ target: 'field', field: 'city', proposedValue: 'Amsterdam', ground: 'irrelevant' }], 'request.erasureHasValue'],
      [[{ target: 'field', field: 'city', ground: 'incorrect' }], 'request.changeGroundInvalid'],
      [[{ target: 'entry', entryId: other.entryId, ground: 'irrelevant' }], 'target.notInDossier'],
      [[{ target: 'document', documentId: other.documentId, ground: 'irrelevant' }], 'target.notInDossier'],
      [[{ target: 'document', documentId: consentForm.id, ground: 'consentWithdrawn' }], 'request.erasureMandateDocument'],
      [[{ target: 'dossier', ground: 'consentWithdrawn' }, { target: 'entry', entryId: d.entryId, ground: 'irrelevant' }], 'request.forgetAlone'],
      [[{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }, { target: 'entry', entryId: d.entryId, ground: 'unlawful' }], 'request.erasureDuplicate'],
      [[{ target: 'document', documentId: d.documentId, ground: 'incorrect' }], 'input.invalid'],
      [[{ target: 'dossier', ground: 'irrelevant', extra: 1 }], 'input.invalid'],
      [[{ target: 'document', documentId: d.documentId, ground: 'irrelevant' }], 'request.changeTargetInvalid', 'correctie'],
      [[{ target: 'dossier', ground: 'irrelevant' }], 'request.changeTargetInvalid', 'correctie'],
      [[{ target: 'field', field: 'city', proposedValue: 'Amsterdam', ground: 'objection' }], 'request.changeGroundInvalid', 'correctie'],
      [[{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }], 'request.changesNotApplicable', 'inzage'],
    ];
    const before = { requests: requestCount(), dossier: dossierCounts(sqlite, d.participantId) };
    for (const [changes, code, type] of cases) {
      await expect(admin.call('requests.intake', { participantId: d.participantId, type: type ?? 'verwijdering', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Verzoek', changes } as never), `${code} ${JSON.stringify(changes)}`)
        .rejects.toMatchObject({ code });
    }
    expect({ requests: requestCount(), dossier: dossierCounts(sqlite, d.participantId) }).toEqual(before);
  });

  it('R28 a verwijdering without named items is still taken in and carried out by hand, erasing nothing itself', async () => {
    const d = await dossier();
    const before = dossierCounts(sqlite, d.participantId);
    const decided = await verwijdering(admin, d.participantId, [], 'decided', TODAY);
    const done = await admin.call('requests.carryOut', { requestId: decided.request.id, note: 'Met de hand afgehandeld' });
    expect(done.erasure).toBeNull();
    expect(dossierCounts(sqlite, d.participantId)).toEqual(before);
  });

  it('R28 the sweep of every operation with sample input erases nothing of a dossier whose verwijdering is not granted', async () => {
    const d = await dossier();
    const received = await verwijdering(admin, d.participantId, [{ target: 'entry', entryId: d.entryId, ground: 'irrelevant' }, { target: 'document', documentId: d.documentId, ground: 'irrelevant' }], 'received', TODAY);
    // Not the host-level calls (sign-out, password, accounts: they end the session and close the test's database); requests.carryOut is swept.
    const skip = Object.values(apiContract as Record<string, Operation>).filter((o) => o.permission === 'public' || /^(auth|users)\./.test(o.name)).map((o) => o.name);
    expect(skip).not.toContain('requests.carryOut');
    await sweepContract(admin, { ids: { participantId: d.participantId, requestId: received.request.id, changeId: received.changes[0]!.id, entryId: d.entryId, documentId: d.documentId }, queries: ['Testenburg'], today: TODAY }, { skip });
    // The sweep may move the request on (it ends signed out, so the database is read directly); only a real grant may erase anything.
    const after = sqlite.prepare('SELECT status, outcome FROM requests WHERE id = ?').get(received.request.id) as { status: string; outcome: string | null };
    expect(after.status).not.toBe('received'); // the sweep did reach the request's flow
    expect(['granted', 'partlyGranted']).not.toContain(after.outcome);
    // The sweep adds entries and documents of its own; the ones named in the request are still there.
    expect(sqlite.prepare('SELECT count(*) AS n FROM entries WHERE id = ?').get(d.entryId)).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM documents WHERE id = ?').get(d.documentId)).toEqual({ n: 1 });
  }, 120_000);
});
