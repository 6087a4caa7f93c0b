// Shared set-up for the request tests: a vault with the clock on a given day, a participant with
// one journal entry, and the administration user who handles requests.
import { aParticipant, testVault, type Caller, type TestVault } from '../support/vault.ts';

export interface World {
  vault: TestVault;
  admin: Caller;
  consultant: Caller;
  participantId: number;
  entryId: number;
}

export async function world(today = '2026-04-23'): Promise<World> {
  const vault = await testVault();
  vault.clock.now = new Date(`${today}T10:00:00Z`);
  const consultant = await vault.as('consultant');
  const admin = await vault.as('administration');
  const { participantId } = await consultant.call('dossiers.create', aParticipant({ workHistory: 'Magazijnmedewerker 2010-2020' }));
  const entry = await consultant.call('dossiers.addEntry', {
    participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-01', title: 'Gesprek met werkgever', body: 'Werkgever J. Jansen vertelt over verzuim.',
  });
  return { vault, admin, consultant, participantId, entryId: entry.id };
}

export function inzage(participantId: number, receivedOn = '2026-04-23') {
  return { participantId, type: 'inzage' as const, requester: { kind: 'participant' as const }, channel: 'letter' as const, receivedOn, description: 'Ik wil mijn dossier inzien.' };
}

export function correctie(participantId: number, receivedOn = '2026-04-23') {
  return {
    participantId, type: 'correctie' as const, requester: { kind: 'participant' as const }, channel: 'letter' as const, receivedOn,
    description: 'Mijn werkervaring klopt niet.',
    changes: [{ target: 'field' as const, field: 'workHistory' as const, proposedValue: 'Magazijnmedewerker 2012-2020', ground: 'incorrect' as const }],
  };
}

export const verify = (requestId: number, verifiedOn = '2026-04-23') => ({
  requestId, method: 'idDocumentInPerson' as const, checkedAgainst: 'Paspoort vergeleken met naam en geboortedatum uit de intake', verifiedOn,
});

/** Every row of the request tables, to prove that a refused call changed nothing. */
export function snapshot(vault: TestVault): string {
  const sqlite = vault.admin.state.handle!.sqlite;
  const tables = ['requests', 'request_changes', 'request_consultations', 'request_board_decisions', 'request_notifications', 'own_statements', 'restrictions', 'participants', 'participant_history', 'entries', 'entry_history', 'settings'];
  return JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}
