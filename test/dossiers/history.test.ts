// The Geschiedenis tab (issue 13): not only field edits but every change to a dossier — entries
// added and edited, documents, trajectories, caseload changes — and none of a part shielded from
// the reader (R05, R26).
import { afterEach, describe, expect, it } from 'vitest';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

describe('the change history of a dossier', () => {
  it('R05 shows entries, documents, trajectories and caseload changes with who did them', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant', 'Anna de Vries');
    const bert = await vault.addUser('bert', 'consultant', 'Bert Bakker');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    const trajectory = await anna.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: 'UWV Utrecht', startDate: '2026-01-05', endDate: null, description: null });
    vault.clock.now = new Date(vault.clock.now.getTime() + 60_000);
    const entry = await anna.call('dossiers.addEntry', { participantId, trajectoryId: trajectory.id, kind: 'note', entryDate: '2026-03-02', title: 'Intake', body: 'Eerste gesprek.' });
    vault.clock.now = new Date(vault.clock.now.getTime() + 60_000);
    await anna.call('dossiers.updateEntry', { entryId: entry.id, title: 'Intake', body: 'Eerste gesprek, aangevuld.' });
    const doc = await anna.call('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: 'cv.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 cv').toString('base64') });
    await anna.call('dossiers.updateTrajectory', { trajectoryId: trajectory.id, status: 'active' });
    await anna.call('dossiers.assign', { participantId, userId: bert.state.session!.userId });
    vault.clock.now = new Date(vault.clock.now.getTime() + 60_000);
    await anna.call('dossiers.unassign', { participantId, userId: bert.state.session!.userId });
    const history = await anna.call('dossiers.history', { participantId });
    expect(history).toEqual(expect.arrayContaining([
      expect.objectContaining({ what: 'trajectory', trajectoryId: trajectory.id, newValue: 'UWV Utrecht', by: 'Anna de Vries' }),
      expect.objectContaining({ what: 'entryAdded', entryId: entry.id, newValue: 'Intake', by: 'Anna de Vries' }),
      expect.objectContaining({ what: 'entry', entryId: entry.id, oldValue: 'Eerste gesprek.', newValue: 'Eerste gesprek, aangevuld.' }),
      expect.objectContaining({ what: 'document', documentId: doc.id, newValue: 'cv.pdf', by: 'Anna de Vries' }),
      expect.objectContaining({ what: 'trajectoryChanged', trajectoryId: trajectory.id, by: 'Anna de Vries' }),
      expect.objectContaining({ what: 'caseloadAdded', newValue: 'Bert Bakker', by: 'Anna de Vries' }),
      expect.objectContaining({ what: 'caseloadRemoved', oldValue: 'Bert Bakker', by: 'Anna de Vries' }),
    ]));
    // Newest first.
    const times = history.map((h) => h.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('R26 the history shows nothing of an entry, document or trajectory shielded from the reader', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const cor = await vault.addUser('cor', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('dossiers.assign', { participantId, userId: cor.state.session!.userId });
    const trajectory = await anna.call('dossiers.addTrajectory', { participantId, type: 'wmo', commissioner: 'Geheimtraject BV', startDate: '2026-01-05', endDate: null, description: null });
    const entry = await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: 'Geheimnotitie', body: 'Afgeschermd.' });
    const doc = await anna.call('dossiers.uploadDocument', { participantId, kind: 'other', fileName: 'geheimbestand.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF x').toString('base64') });
    await anna.call('dossiers.updateTrajectory', { trajectoryId: trajectory.id, status: 'active' });
    const audiences = [{ kind: 'user' as const, userId: cor.state.session!.userId }];
    for (const target of [{ kind: 'entry' as const, entryId: entry.id }, { kind: 'document' as const, documentId: doc.id }, { kind: 'trajectory' as const, trajectoryId: trajectory.id }]) {
      await anna.call('shielding.place', { participantId, target, audiences, requestedBy: 'participant', reason: 'Op verzoek van de deelnemer' });
    }
    const seen = JSON.stringify(await cor.call('dossiers.history', { participantId }));
    for (const secret of ['Geheimtraject', 'Geheimnotitie', 'geheimbestand', `"trajectoryId":${trajectory.id}`, `"entryId":${entry.id}`, `"documentId":${doc.id}`]) expect(seen).not.toContain(secret);
    expect(JSON.stringify(await anna.call('dossiers.history', { participantId }))).toContain('Geheimnotitie');
  });
});
