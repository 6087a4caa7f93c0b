// A vault with one participant whose dossier holds a canary in exactly one part (a field, a data
// category, an entry, a document, a trajectory with an entry under it, or the whole dossier),
// two consultants in its caseload (the owner and the colleague a shield names), the other roles,
// two recipients, an inzage request with verified identity, and a disclosure made before any
// shield. Tests call operations through dispatch like the transports do.
import type { InputOf } from '../../core/api/operation.ts';
import type { ApiContract } from '../../core/contract.ts';
import { aParticipant, testVault, type Caller, type TestVault } from '../support/vault.ts';
import { sweepContract } from '../support/sweep.ts';
export { expectNoCanary } from '../support/sweep.ts';

export const CANARY = 'Kanarievogel7Q';
export const TODAY = '2026-04-23';

export type TargetKind = 'field' | 'category' | 'entry' | 'document' | 'trajectory' | 'dossier';
export const targetKinds: TargetKind[] = ['field', 'category', 'entry', 'document', 'trajectory', 'dossier'];
type Target = InputOf<ApiContract, 'shielding.place'>['target'];
type Items = { fields?: InputOf<ApiContract, 'disclosures.record'>['items']['fields']; entryIds?: number[]; documentIds?: number[] };

export interface ShieldWorld {
  vault: TestVault;
  owner: Caller; colleague: Caller; outsider: Caller; administration: Caller; privacyOfficer: Caller; board: Caller;
  participantId: number; dossierNumber: string; ids: Record<string, number>;
  shielded: Recipient; other: Recipient;
  /** The shield's target for this kind, and the disclosure items that hold the canary. */
  target: Target; items: Items;
  requestId: number;
  /** Bytes of the canary document, base64 as a download would carry them. */
  canaryBase64: string;
}
type Recipient = { id: number; name: string };

export async function shieldWorld(kind: TargetKind): Promise<ShieldWorld> {
  const vault = await testVault();
  vault.clock.now = new Date(`${TODAY}T10:00:00Z`);
  const owner = await vault.addUser('consulent.eigen', 'consultant', 'Eva Eigenaar');
  const colleague = await vault.addUser('consulent.collega', 'consultant', 'Cor Collega');
  const outsider = await vault.addUser('consulent.buiten', 'consultant', 'Bas Buiten');
  const administration = await vault.as('administration');
  const privacyOfficer = await vault.as('privacyOfficer');
  const board = await vault.as('board');
  const c = (field: TargetKind) => (kind === field ? CANARY : null);
  const created = await owner.call('dossiers.create', aParticipant({
    lastName: kind === 'dossier' ? CANARY : 'Testenburg',
    familySituation: kind === 'field' ? `${CANARY}-oud` : 'Woont met partner',
    financialSituation: c('category') ?? 'Geen schulden',
    workHistory: kind === 'dossier' ? CANARY : 'Magazijnmedewerker',
  }));
  const { participantId, dossierNumber } = created;
  if (kind === 'field') await owner.call('dossiers.update', { participantId, changes: { familySituation: CANARY }, reason: 'Gesprek met deelnemer' });
  await owner.call('dossiers.assign', { participantId, userId: colleague.state.session!.userId });
  const trajectory = await owner.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: 'UWV', startDate: '2026-01-05', endDate: null, description: c('trajectory') ?? 'Re-integratie tweede spoor' });
  const entry = await owner.call('dossiers.addEntry', {
    participantId, trajectoryId: kind === 'trajectory' ? trajectory.id : null, kind: 'conversation', entryDate: '2026-03-01',
    title: kind === 'entry' ? `Gesprek ${CANARY}` : 'Voortgangsgesprek', body: ['entry', 'trajectory', 'dossier'].includes(kind) ? `Verslag: ${CANARY}` : 'Gaat goed.',
  });
  const plain = await owner.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Notitie', body: 'Zichtbaar voor iedereen in de caseload.' });
  if (kind === 'entry' || kind === 'dossier') await owner.call('dossiers.updateEntry', { entryId: entry.id, title: entry.title, body: `Bijgewerkt verslag ${CANARY}` });
  const content = Buffer.from(kind === 'document' || kind === 'dossier' ? `${CANARY} ${CANARY} inhoud van het document` : 'gewoon document');
  const doc = await owner.call('dossiers.uploadDocument', {
    participantId, kind: 'report', fileName: kind === 'document' ? `${CANARY}.txt` : 'rapport.txt', mimeType: 'text/plain', contentBase64: content.toString('base64'),
  });
  const recipient = async (name: string) => ({ id: (await administration.call('recipients.create', { name, kind: 'uwv', agreementReference: 'OVK-1', agreementDate: '2025-01-15' })).id, name });
  const shielded = await recipient('UWV Utrecht');
  const other = await recipient('Gemeente Utrecht');
  const items: Items = {
    field: { fields: ['familySituation'] }, category: { fields: ['financialSituation'] }, entry: { entryIds: [entry.id] },
    document: { documentIds: [doc.id] }, trajectory: { entryIds: [entry.id] }, dossier: { fields: ['lastName', 'workHistory'], entryIds: [entry.id] },
  }[kind] as Items;
  const target: Target = {
    field: { kind: 'field', field: 'familySituation' }, category: { kind: 'category', category: 'financial' }, entry: { kind: 'entry', entryId: entry.id },
    document: { kind: 'document', documentId: doc.id }, trajectory: { kind: 'trajectory', trajectoryId: trajectory.id }, dossier: { kind: 'dossier' },
  }[kind] as Target;
  // Made before any shield: the register keeps it; what it shows now comes from the read model.
  const disclosure = await owner.call('disclosures.record', {
    participantId, recipientId: shielded.id, disclosedOn: TODAY, purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: [], entryIds: [], documentIds: [], ...items }, basis: { kind: 'legalDuty', duty: 'Art. 30c Wet SUWI' },
  });
  const request = await administration.call('requests.intake', {
    participantId, type: 'inzage', requester: { kind: 'participant' }, channel: 'letter', receivedOn: TODAY, description: 'Wil het dossier inzien', changes: [],
  });
  await administration.call('requests.verifyIdentity', { requestId: request.request.id, method: 'idDocumentInPerson', checkedAgainst: 'Paspoort vergeleken met kopie in dossier', verifiedOn: TODAY });
  return {
    vault, owner, colleague, outsider, administration, privacyOfficer, board, participantId, dossierNumber, shielded, other, target, items,
    requestId: request.request.id, canaryBase64: content.toString('base64'),
    ids: {
      participantId, entryId: entry.id, documentId: doc.id, trajectoryId: trajectory.id, requestId: request.request.id, recipientId: shielded.id,
      disclosureId: disclosure.id, userId: owner.state.session!.userId, handlerId: administration.state.session!.userId, plainEntryId: plain.id,
    },
  };
}

export const shieldFor = (w: ShieldWorld, audiences: InputOf<ApiContract, 'shielding.place'>['audiences']): InputOf<ApiContract, 'shielding.place'> => ({
  participantId: w.participantId, target: w.target, audiences, requestedBy: 'participant', reason: 'De deelnemer vroeg dit in het gesprek van vandaag',
});

/** Every operation of the contract as this caller, with this dossier's ids (test/support/sweep.ts). */
export const callEverything = (caller: Caller, w: ShieldWorld, queries: string[]) => sweepContract(caller, { ids: w.ids, queries, today: TODAY });
