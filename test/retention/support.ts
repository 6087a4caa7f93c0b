// A vault with a consultant who keeps dossiers, a privacy officer and the board, and a way to make
// a dossier with ended trajectories, a date of death and a closing date as the app does it.
import { aParticipant, testVault, type Caller, type TestVault } from '../support/vault.ts';

export interface RetentionWorld { vault: TestVault; consultant: Caller; officer: Caller; board: Caller; officer2: Caller }

export async function retentionWorld(): Promise<RetentionWorld> {
  const vault = await testVault();
  const consultant = await vault.as('consultant');
  const officer = await vault.as('privacyOfficer');
  const board = await vault.as('board');
  const officer2 = await vault.addUser('privacy.twee', 'privacyOfficer', 'Tweede Privacyfunctionaris');
  return { vault, consultant, officer, board, officer2 };
}

export interface DossierSpec {
  trajectories?: { type: 'uwv' | 'wmo' | 'jeugdwet' | 'wlz' | 'participatiewet' | 'other'; start: string; end: string | null }[];
  dateOfDeath?: string;
  close?: boolean;
  lastName?: string;
}

/** Made at the vault's clock; trajectories get their end date and are closed before the dossier is. */
export async function makeDossier(w: RetentionWorld, spec: DossierSpec): Promise<{ participantId: number; dossierNumber: string }> {
  const p = await w.consultant.call('dossiers.create', aParticipant({ lastName: spec.lastName ?? 'Bewaar' }));
  for (const t of spec.trajectories ?? []) {
    const made = await w.consultant.call('dossiers.addTrajectory', { participantId: p.participantId, type: t.type, commissioner: 'Gemeente Utrecht', startDate: t.start, endDate: null, description: null });
    if (t.end) await w.consultant.call('dossiers.updateTrajectory', { trajectoryId: made.id, status: 'closed', endDate: t.end });
  }
  if (spec.dateOfDeath) await w.consultant.call('dossiers.update', { participantId: p.participantId, changes: { dateOfDeath: spec.dateOfDeath }, reason: 'Bericht van overlijden ontvangen' });
  if (spec.close ?? true) await w.consultant.call('dossiers.close', { participantId: p.participantId, takeHome: 'Het plan van aanpak op papier' });
  return p;
}

/** The counts of every retention table: bad input must leave them as they were. */
export function retentionCounts(vault: TestVault): Record<string, number> {
  const sqlite = vault.admin.state.handle!.sqlite;
  return Object.fromEntries(['retention_holds', 'retention_batches', 'retention_batch_items', 'destruction_register', 'participants'].map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}
