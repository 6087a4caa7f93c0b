// Shared set-up for the consent tests: a vault on a fixed day, a participant with a journal entry
// and a signed mandate form among the documents, a few recipients, and the users of each role.
import type { InputOf } from '../../core/api/operation.ts';
import type { ApiContract } from '../../core/contract.ts';
import { aParticipant, testVault, type Caller, type TestVault } from '../support/vault.ts';

export interface World {
  vault: TestVault;
  consultant: Caller;
  administration: Caller;
  privacyOfficer: Caller;
  participantId: number;
  entryId: number;
  formId: number;
  uwv: number;
  employer: number;
  municipality: number;
}

export async function world(today = '2026-04-23', participant: Partial<InputOf<ApiContract, 'dossiers.create'>> = {}): Promise<World> {
  const vault = await testVault();
  vault.clock.now = new Date(`${today}T10:00:00Z`);
  const consultant = await vault.as('consultant');
  const administration = await vault.as('administration');
  const privacyOfficer = await vault.as('privacyOfficer');
  const { participantId } = await consultant.call('dossiers.create', aParticipant({ workHistory: 'Magazijnmedewerker 2010-2020', ...participant }));
  const entry = await consultant.call('dossiers.addEntry', {
    participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-01', title: 'Voortgangsgesprek', body: 'Deelnemer werkt twee dagen per week proef.',
  });
  const form = await consultant.call('dossiers.uploadDocument', {
    participantId, kind: 'other', fileName: 'machtiging-uwv.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 ondertekende machtiging').toString('base64'),
  });
  const recipient = async (name: string, kind: InputOf<ApiContract, 'recipients.create'>['kind']) =>
    (await administration.call('recipients.create', { name, kind, agreementReference: `OVK-${kind}`, agreementDate: '2025-01-15' })).id;
  return {
    vault, consultant, administration, privacyOfficer, participantId, entryId: entry.id, formId: form.id,
    uwv: await recipient('UWV Utrecht', 'uwv'),
    employer: await recipient('Bakkerij De Korenschoof', 'employer'),
    municipality: await recipient('Gemeente Utrecht', 'municipality'),
  };
}

type MandateInput = InputOf<ApiContract, 'mandates.record'>;
type DisclosureInput = InputOf<ApiContract, 'disclosures.record'>;

/** A signed mandate to share work and trajectory data with the UWV for re-integration, in 2026. */
export function mandate(w: World, overrides: Partial<MandateInput> = {}): MandateInput {
  return {
    participantId: w.participantId, direction: 'shareWith', recipientId: w.uwv, purpose: 'reintegration', categories: ['work', 'trajectory'],
    validFrom: '2026-01-01', validUntil: '2026-12-31', given: { how: 'signedForm', documentId: w.formId }, ...overrides,
  };
}

/** Work history and the progress report to the UWV, under a mandate, today. */
export function disclosure(w: World, overrides: Partial<DisclosureInput> = {}): DisclosureInput {
  return {
    participantId: w.participantId, recipientId: w.uwv, disclosedOn: '2026-04-23', purpose: 'reintegration', channel: 'secureEmail',
    items: { fields: ['workHistory'], entryIds: [w.entryId] }, basis: { kind: 'mandate' }, ...overrides,
  };
}

/** Every row of the consent tables (and what they guard), to prove a refused call changed nothing. */
export function snapshot(vault: TestVault): string {
  const sqlite = vault.admin.state.handle!.sqlite;
  const tables = ['recipients', 'mandates', 'disclosures', 'disclosure_items', 'objections', 'objection_recipients', 'verwijsindex_registrations', 'participants', 'entries', 'documents', 'settings'];
  return JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}
