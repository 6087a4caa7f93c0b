import { afterEach, describe, expect, it } from 'vitest';
import { apiContract } from '../../core/contract.ts';
import { aParticipant, removeVault } from '../support/vault.ts';
import { world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

const statement = (participantId: number, entryId: number) => ({
  participantId, targets: [{ kind: 'entry' as const, entryId }], text: 'Ik heb mij nooit ziek gemeld zonder reden; de werkgever stelt het anders voor.', receivedOn: '2026-04-22', channel: 'letter' as const,
});

describe('own statements (R25)', () => {
  it('R25 an own statement appears next to its entry in the dossier, flagged on that entry', async () => {
    w = await world();
    const s = await w.admin.call('statements.record', statement(w.participantId, w.entryId));
    const dossier = await w.consultant.call('dossiers.get', { participantId: w.participantId });
    expect(dossier.ownStatements).toEqual([expect.objectContaining({ id: s.id, text: expect.stringContaining('nooit ziek'), receivedOn: '2026-04-22', channel: 'letter', recordedBy: 'administration' })]);
    expect(dossier.entries.find((e) => e.id === w.entryId)?.ownStatementIds).toEqual([s.id]);
  });

  it('R25 an own statement cannot be edited or deleted: no operation exists and the database refuses UPDATE and DELETE', async () => {
    w = await world();
    const s = await w.admin.call('statements.record', statement(w.participantId, w.entryId));
    expect(Object.keys(apiContract).filter((n) => n.startsWith('statements.'))).toEqual(['statements.record', 'statements.list']);
    const sqlite = w.vault.admin.state.handle!.sqlite;
    expect(() => sqlite.prepare('UPDATE own_statements SET text = ? WHERE id = ?').run('Door medewerker aangepast', s.id)).toThrow(/cannot be edited/);
    expect(() => sqlite.prepare('DELETE FROM own_statements WHERE id = ?').run(s.id)).toThrow(/cannot be deleted/);
    const list = await w.admin.call('statements.list', { participantId: w.participantId });
    expect(list.map((x) => x.text)).toEqual([s.text]);
  });

  it('R25 a statement can only name items of its own dossier', async () => {
    w = await world();
    const other = await w.consultant.call('dossiers.create', aParticipant({ lastName: 'Anders' }));
    await expect(w.admin.call('statements.record', statement(other.participantId, w.entryId))).rejects.toMatchObject({ code: 'target.notInDossier' });
  });
});

describe('restriction of processing (R30)', () => {
  it('R30 a restricted entry stays stored, is marked in the dossier, and is free again once lifted', async () => {
    w = await world();
    const r = await w.admin.call('restriction.place', { participantId: w.participantId, targets: [{ kind: 'entry', entryId: w.entryId }], reason: 'Deelnemer betwist de juistheid van dit verslag' });
    const dossier = await w.consultant.call('dossiers.get', { participantId: w.participantId });
    expect(dossier.entries.find((e) => e.id === w.entryId)).toMatchObject({ restricted: true, body: expect.stringContaining('verzuim') });
    expect(dossier.restrictions?.map((x) => x.id)).toEqual([r.id]);
    await w.admin.call('restriction.lift', { restrictionId: r.id, reason: 'Correctie is afgewezen en afgehandeld' });
    const after = await w.consultant.call('dossiers.get', { participantId: w.participantId });
    expect(after.entries.find((e) => e.id === w.entryId)?.restricted).toBe(false);
    expect(after.restrictions).toEqual([]);
    await expect(w.admin.call('restriction.lift', { restrictionId: r.id, reason: 'Nogmaals opheffen gaat niet' })).rejects.toMatchObject({ code: 'restriction.alreadyLifted' });
  });

  it('R30 a consultant cannot place a restriction; the roles that handle requests can', async () => {
    w = await world();
    await expect(w.consultant.call('restriction.place', { participantId: w.participantId, targets: [{ kind: 'dossier' }], reason: 'Deelnemer betwist de juistheid' }))
      .rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});
