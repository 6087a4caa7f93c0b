// Targets (the dossier, a field, an entry, a document) shared by own statements (R25),
// restrictions (R30) and third-party consultations (R22).
import { domainError } from '../api/errors.ts';
import type { Sqlite } from '../../db/connection.ts';
import { DossierTarget } from './contract.ts';
import { z } from 'zod';

const StoredTargets = z.array(DossierTarget);

/** Refuses an entry or document of another dossier: a target never points outside its dossier. */
export function assertTargetsInDossier(sqlite: Sqlite, participantId: number, targets: readonly DossierTarget[]): void {
  for (const t of targets) {
    const found = t.kind === 'entry' ? sqlite.prepare('SELECT 1 FROM entries WHERE id = ? AND participant_id = ?').get(t.entryId, participantId)
      : t.kind === 'document' ? sqlite.prepare('SELECT 1 FROM documents WHERE id = ? AND participant_id = ?').get(t.documentId, participantId)
        : true;
    if (!found) throw domainError('target.notInDossier');
  }
}

export function storeTargets(targets: readonly DossierTarget[]): string {
  return JSON.stringify(targets);
}

export function readTargets(json: string): DossierTarget[] {
  return StoredTargets.parse(JSON.parse(json));
}

/** Whether a target list covers an item; a 'dossier' target covers everything. */
export function covers(targets: readonly DossierTarget[], item: DossierTarget): boolean {
  return targets.some((t) => t.kind === 'dossier'
    || (t.kind === 'field' && item.kind === 'field' && t.field === item.field)
    || (t.kind === 'entry' && item.kind === 'entry' && t.entryId === item.entryId)
    || (t.kind === 'document' && item.kind === 'document' && t.documentId === item.documentId));
}
