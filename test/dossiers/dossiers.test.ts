import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../core/dossiers/contract.ts';
import { aParticipant, removeVault, testVault, type TestVault } from '../support/vault.ts';

let vault: TestVault;
afterEach(() => removeVault(vault));

describe('participant dossiers', () => {
  it('R02 data from a commissioner needs a recorded agreement of the participant', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    await expect(anna.call('dossiers.create', aParticipant({ source: 'commissioner', sourceNote: null }))).rejects.toMatchObject({ code: 'dossier.sourceNoteRequired' });
    const { participantId } = await anna.call('dossiers.create', aParticipant({ source: 'commissioner', sourceNote: 'Akkoord deelnemer per formulier 2 maart' }));
    const d = await anna.call('dossiers.get', { participantId });
    expect(d.participant).toMatchObject({ source: 'commissioner', sourceNote: 'Akkoord deelnemer per formulier 2 maart' });
  });

  it('R03 secret phone and e-mail flags are recorded and can be changed with history', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant({ phoneSecret: true }));
    expect((await anna.call('dossiers.get', { participantId })).participant).toMatchObject({ phoneSecret: true, emailSecret: false });
    await anna.call('dossiers.update', { participantId, changes: { emailSecret: true }, reason: 'Verzoek deelnemer' });
    const history = await anna.call('dossiers.history', { participantId });
    expect(history).toEqual([expect.objectContaining({ field: 'emailSecret', oldValue: 'false', newValue: 'true', reason: 'Verzoek deelnemer', by: 'anna' })]);
  });

  it('R05 every change keeps the previous value: fields and journal entries', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('dossiers.update', { participantId, changes: { city: 'Amersfoort', postcode: '3811ab' }, reason: null });
    const entry = await anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'conversation', entryDate: '2026-03-02', title: 'Intake', body: 'Eerste versie' });
    const edited = await anna.call('dossiers.updateEntry', { entryId: entry.id, title: 'Intake', body: 'Tweede versie' });
    expect(edited.edited).toBe(true);
    const d = await anna.call('dossiers.get', { participantId });
    expect(d.participant).toMatchObject({ city: 'Amersfoort', postcode: '3811 AB' });
    const history = await anna.call('dossiers.history', { participantId });
    expect(history).toEqual(expect.arrayContaining([
      expect.objectContaining({ what: 'field', field: 'city', oldValue: 'Utrecht', newValue: 'Amersfoort' }),
      expect.objectContaining({ what: 'field', field: 'postcode', oldValue: '3511 AB', newValue: '3811 AB' }),
      expect.objectContaining({ what: 'entry', entryId: entry.id, oldValue: 'Eerste versie', newValue: 'Tweede versie' }),
    ]));
  });

  it('R07 documents are stored inside the encrypted database and come back byte for byte', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    const content = Buffer.from([0, 1, 2, 250, 251, 252, 37, 80, 68, 70]);
    const meta = await anna.call('dossiers.uploadDocument', { participantId, kind: 'idCopy', fileName: 'id.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64') });
    expect(meta).toMatchObject({ size: 10, kind: 'idCopy', uploadedBy: 'anna' });
    const back = await anna.call('dossiers.downloadDocument', { documentId: meta.id });
    expect(Buffer.from(back.contentBase64, 'base64').equals(content)).toBe(true);
  });

  it('R07 a document over the size limit is refused with a clear Dutch message and nothing is stored', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 1).toString('base64');
    const r = await anna.raw('dossiers.uploadDocument', { participantId, kind: 'cv', fileName: 'groot.pdf', mimeType: 'application/pdf', contentBase64: big });
    expect(r).toMatchObject({ ok: false, error: { code: 'dossier.documentTooLarge' } });
    expect(!r.ok && r.error.message).toMatch(/^Het document is te groot \(20\.0 MB\)\. De grens is 20 MB\.$/);
    expect((await anna.call('dossiers.get', { participantId })).documents).toHaveLength(0);
  });

  it('R01 R42 closing a dossier records what the participant takes home and blocks further changes', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('dossiers.addTrajectory', { participantId, type: 'uwv', commissioner: 'UWV Werkbedrijf', startDate: '2026-01-05', endDate: null, description: null });
    const closed = await anna.call('dossiers.close', { participantId, takeHome: 'Kopie van het eindverslag en het cv' });
    expect(closed.status).toBe('closed');
    const d = await anna.call('dossiers.get', { participantId });
    expect(d.trajectories[0]).toMatchObject({ status: 'closed', endDate: '2026-03-02' });
    expect(d.entries[0]).toMatchObject({ title: 'Afsluiting: wat de deelnemer meeneemt', body: 'Kopie van het eindverslag en het cv' });
    await expect(anna.call('dossiers.addEntry', { participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-03', title: 'Na sluiting', body: 'mag niet' })).rejects.toMatchObject({ code: 'dossier.closed' });
  });

  it('R04 search finds by name fragment, dossier number and Dutch birth date, within the caseload', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const a = await anna.call('dossiers.create', aParticipant({ firstName: 'Jörgen', lastName: 'Bakkerswijk', birthDate: '1985-11-30' }));
    await anna.call('dossiers.create', aParticipant({ firstName: 'Petra', lastName: 'Molenaar', birthDate: '1970-01-01' }));
    const byName = async (query: string) => (await anna.call('dossiers.list', { query, scope: 'caseload', offset: 0, limit: 50 })).rows.map((r) => r.displayName);
    expect(await byName('bakk')).toEqual(['Jörgen van der Bakkerswijk']);
    expect(await byName('jorgen')).toEqual(['Jörgen van der Bakkerswijk']); // diacritics folded
    expect(await byName('30-11-1985')).toEqual(['Jörgen van der Bakkerswijk']);
    expect(await byName(a.dossierNumber.toLowerCase())).toEqual(['Jörgen van der Bakkerswijk']);
    expect(await byName('"*) OR (')).toEqual([]); // FTS syntax in the query is taken literally
    expect((await anna.call('dossiers.list', { scope: 'caseload', offset: 0, limit: 50 })).total).toBe(2);
  });

  it('R05 reads are audited with who, which dossier and from which workstation', async () => {
    vault = await testVault();
    const anna = await vault.addUser('anna', 'consultant');
    const { participantId } = await anna.call('dossiers.create', aParticipant());
    await anna.call('dossiers.get', { participantId });
    const log = await anna.call('audit.participantLog', { participantId });
    expect(log.map((l) => [l.action, l.username, l.workstation])).toEqual([
      ['dossiers.create', 'anna', 'test-werkplek'], ['dossiers.get', 'anna', 'test-werkplek'],
    ]);
    // The trail stores no personal data; the view names the dossier by its number for the reader.
    const stored = anna.state.handle!.sqlite.prepare('SELECT * FROM audit_log').all();
    expect(JSON.stringify(stored)).not.toContain('Testenburg');
    expect(log.every((l) => l.dossierNumber !== null)).toBe(true);
  });
});
