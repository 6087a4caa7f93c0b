// Erasure on request (R28) with the guarantees of destruction (R44, R07): a granted verwijdering
// erases a place of residence (a searched field), a family situation with its earlier values, an
// entry with its history and a document, while the rest of the dossier stays. Afterwards the
// canaries are in no table, no block of the search index, no decrypted page of the database and
// no WAL frame; the earlier recipients of exactly those items are listed for notification (R24,
// AVG art. 19); the audit chain and anchor still verify.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import type { Sqlite } from '../../db/connection.ts';
import { findInVaultBytes } from '../support/pages.ts';
import { aParticipant, removeVault, type Caller, type TestVault } from '../support/vault.ts';
import { canaryVault, canary, ftsBlocksHolding, tablesHolding, verwijdering } from './erase-support.ts';

const TODAY = '2026-04-23';
const CITY = canary('Plaats');
const FAMILY_OLD = canary('Gezinoud');
const FAMILY = canary('Gezinnu');
const ENTRY = canary('Verslag');
const ENTRY_OLD = canary('Verslagoud');
const DOC = canary('Document');
const KEEP = canary('Blijft');
const erased = [CITY, FAMILY_OLD, FAMILY, ENTRY, ENTRY_OLD, DOC];

let vault: TestVault;
let sqlite: Sqlite;
let keyHex: string;
let owner: Caller;
let admin: Caller;
let participantId: number;
let ids: Record<string, number>;
let done: Awaited<ReturnType<typeof carryOut>>;
const carryOut = (requestId: number) => admin.call('requests.carryOut', { requestId, note: 'Uitgevoerd' });

beforeAll(async () => {
  ({ vault, sqlite, keyHex, owner, admin } = await canaryVault(TODAY));
  const p = await owner.call('dossiers.create', aParticipant({ lastName: KEEP, city: CITY, familySituation: FAMILY_OLD, workHistory: `Werk ${KEEP}` }));
  participantId = p.participantId;
  await owner.call('dossiers.update', { participantId, changes: { familySituation: FAMILY }, reason: 'Gesprek' });
  const entry = await owner.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-01', title: `Gesprek ${ENTRY_OLD}`, body: `Eerste tekst ${ENTRY_OLD}` });
  await owner.call('dossiers.updateEntry', { entryId: entry.id, title: `Gesprek ${ENTRY}`, body: `Verslag ${ENTRY}` });
  // The participant's own statement about the entry (R25) stays after the entry is erased.
  await owner.call('statements.record', { participantId, targets: [{ kind: 'entry', entryId: entry.id }], text: 'Ik ben het niet eens met dit verslag', receivedOn: TODAY, channel: 'letter' });
  const keptEntry = await owner.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: `Notitie ${KEEP}`, body: `Blijft staan ${KEEP}` });
  const doc = await owner.call('dossiers.uploadDocument', { participantId, kind: 'report', fileName: `rapport-${DOC}.txt`, mimeType: 'text/plain', contentBase64: Buffer.from(`Rapport ${DOC}`).toString('base64') });
  const keptDoc = await owner.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: `cv-${KEEP}.txt`, mimeType: 'text/plain', contentBase64: Buffer.from(`CV ${KEEP}`).toString('base64') });
  sqlite.pragma('wal_checkpoint(TRUNCATE)'); // part of the dossier in the file, the rest in WAL frames
  // Four recipients: three received one erased item each, one only data that stays.
  const recipient = async (name: string) => (await admin.call('recipients.create', { name, kind: 'municipality', agreementReference: 'OVK-1', agreementDate: '2025-01-15' })).id;
  const [a, b, c, d] = [await recipient('Gemeente A'), await recipient('Gemeente B'), await recipient('Gemeente C'), await recipient('Gemeente D')];
  const disclose = (recipientId: number, items: { fields?: string[]; entryIds?: number[]; documentIds?: number[] }) => owner.call('disclosures.record', {
    participantId, recipientId, disclosedOn: '2026-04-01', purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: [], entryIds: [], documentIds: [], ...items }, basis: { kind: 'legalDuty', duty: 'Participatiewet art. 64' }, note: null,
  } as never);
  await disclose(a, { fields: ['familySituation'] });
  await disclose(b, { entryIds: [entry.id] });
  await disclose(c, { documentIds: [doc.id] });
  await disclose(d, { fields: ['workHistory'], entryIds: [keptEntry.id] });
  // An earlier correction of the family situation: its proposed value and its letter to A quote it.
  const correction = await admin.call('requests.intake', {
    participantId, type: 'correctie', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Gezinssituatie klopt niet',
    changes: [{ target: 'field', field: 'familySituation', proposedValue: `${FAMILY} `, ground: 'incorrect' }],
  });
  await admin.call('requests.verifyIdentity', { requestId: correction.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort', verifiedOn: TODAY });
  await admin.call('requests.decide', { requestId: correction.request.id, outcome: 'granted', reasons: null, changeDecisions: [{ changeId: correction.changes[0]!.id, accepted: true }] });
  await admin.call('requests.carryOut', { requestId: correction.request.id });
  ids = { entryId: entry.id, keptEntryId: keptEntry.id, documentId: doc.id, keptDocumentId: keptDoc.id, a, b, c, d };

  const before = findInVaultBytes(vault.dir, keyHex, erased);
  expect(new Set(before.map((h) => h.needle))).toEqual(new Set(erased)); // each canary is there before: "not found" afterwards means something
  expect(tablesHolding(sqlite, [FAMILY])).toEqual(expect.arrayContaining(['participants', 'participant_history', 'request_changes', 'request_notifications']));
  expect(ftsBlocksHolding(sqlite, [CITY])).toBeGreaterThan(0);

  const decided = await verwijdering(admin, participantId, [
    { target: 'field', field: 'city', ground: 'irrelevant' }, { target: 'field', field: 'familySituation', ground: 'irrelevant' },
    { target: 'entry', entryId: entry.id, ground: 'unlawful' }, { target: 'document', documentId: doc.id, ground: 'consentWithdrawn' },
  ], 'decided', TODAY);
  done = await carryOut(decided.request.id);
}, 120_000);
afterAll(() => removeVault(vault));

describe('erasure on request (R28) leaves nothing of the erased items', () => {
  it('R28 R07 the WAL is checkpointed with TRUNCATE after the transaction and the result says it is clean', () => {
    expect(done.erasure).toMatchObject({ anonymised: false, fields: ['city', 'familySituation'], entryIds: [ids.entryId], documentIds: [ids.documentId], checkpoint: { busy: 0, clean: true } });
    expect(done.erasure!.rows).toMatchObject({ participants: 2, participant_history: 1, entries: 1, entry_history: 1, documents: 1, request_notifications: 1 });
    expect(statSync(`${join(vault.dir, 'vault.db')}-wal`).size).toBe(0);
    expect(done.request.status).toBe('carriedOut');
    expect(done.changes.every((c) => c.appliedAt !== null)).toBe(true);
  });

  it('R28 R44 the erased values are in no column of any table, and the place is gone from the search index', () => {
    expect(tablesHolding(sqlite, erased)).toEqual([]);
    expect(ftsBlocksHolding(sqlite, [CITY])).toBe(0);
    expect(ftsBlocksHolding(sqlite, [KEEP])).toBeGreaterThan(0); // the name that stays is still indexed
  });

  it('R28 R07 the erased values are in no decrypted page of the database nor frame of the WAL', () => {
    expect(findInVaultBytes(vault.dir, keyHex, erased)).toEqual([]);
    expect(findInVaultBytes(vault.dir, keyHex, [KEEP]).length).toBeGreaterThan(0);
  });

  it('R28 the rest of the dossier stays: other fields, the other entry and document, and it is still found by name', async () => {
    const dossier = await owner.call('dossiers.get', { participantId });
    expect(dossier.participant).toMatchObject({ lastName: KEEP, city: null, familySituation: null, workHistory: `Werk ${KEEP}` });
    expect(dossier.entries.map((e) => e.id)).toEqual([ids.keptEntryId]);
    expect(dossier.documents.map((d) => d.id)).toEqual([ids.keptDocumentId]);
    const found = await owner.call('dossiers.list', { query: KEEP.toLowerCase(), scope: 'all', offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.participantId)).toEqual([participantId]);
    expect((await owner.call('dossiers.list', { query: CITY, scope: 'all', offset: 0, limit: 10 })).rows).toEqual([]);
    expect((await owner.call('statements.list', { participantId })).map((x) => x.text)).toEqual(['Ik ben het niet eens met dit verslag']);
    const history = JSON.stringify(await owner.call('dossiers.history', { participantId }));
    for (const c of erased) expect(history).not.toContain(c);
  });

  it('R24 R28 the earlier recipients of exactly the erased items are listed for notification, with a letter that names no erased content', () => {
    const names = done.notifications.map((n) => n.recipientName).sort();
    expect(names).toEqual(['Gemeente A', 'Gemeente B', 'Gemeente C']);
    for (const n of done.notifications) {
      expect(n.status).toBe('open');
      expect(n.letter).toContain('verwijderd');
      expect(n.letter).toContain(KEEP); // the dossier still exists: the recipient is told whose data
      for (const c of erased) expect(n.letter).not.toContain(c);
    }
    const toA = done.notifications.find((n) => n.recipientName === 'Gemeente A')!;
    expect(toA.letter).toContain('gezinssituatie: verwijderd');
  });

  it('R28 the decision letter to the participant lists what was erased, by name only', async () => {
    const letter = await admin.call('requests.letter', { requestId: done.request.id, kind: 'decision' });
    expect(letter.body).toContain('Wij verwijderen het volgende');
    expect(letter.body).toContain('woonplaats: verwijderd');
    expect(letter.body).toContain('een verslag: verwijderd');
    expect(letter.body).toContain('een document: verwijderd');
    for (const c of erased) expect(letter.body).not.toContain(c);
  });

  it('R05 R28 the audit chain and its anchor still verify, and the carrying out is audited once', () => {
    const report = verifyAuditChain(sqlite);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.anchor?.ok).toBe(true);
    const lines = sqlite.prepare("SELECT objects FROM audit_log WHERE action = 'requests.carryOut' AND participant_id = ? ORDER BY seq").all(participantId) as { objects: string }[];
    expect(lines).toHaveLength(2); // the correction and the erasure
    expect(JSON.parse(lines[1]!.objects)).toMatchObject({ requestId: done.request.id, applied: ['city', 'familySituation', `entry:${ids.entryId}`, `document:${ids.documentId}`], anonymised: false });
  });
});
