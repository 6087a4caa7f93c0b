// The generic sweep (every operation of the contract with sample input) as the privacy officer and
// the board, over a vault with one dossier that is due and one that is not (R40, R45): the
// retention operations answer, nothing that is not due ends up in a batch, no batch is approved by
// its proposer, and no dossier disappears.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../core/api/operation.ts';
import { apiContract } from '../../core/contract.ts';
import { dueForExecution } from '../../core/retention/index.ts';
import { sweepContract } from '../support/sweep.ts';
import { removeVault } from '../support/vault.ts';
import { makeDossier, retentionWorld, type RetentionWorld } from './support.ts';

// Sign-in, sign-out and password calls work on the host state and end with the database closed;
// the retention tables are read after the sweep, so those are left out here (they change no dossier).
const hostLevel = Object.values(apiContract as Record<string, Operation>).filter((o) => o.permission === 'public' || o.async === true || o.name === 'auth.signOut').map((o) => o.name);

let w: RetentionWorld;
beforeEach(async () => { w = await retentionWorld(); });
afterEach(() => removeVault(w.vault));

describe('the contract swept over retention (R40, R45)', () => {
  for (const role of ['officer', 'board'] as const) for (const target of ['notDue', 'due'] as const) {
    it(`R45 R40 every operation with sample input on the dossier that is ${target === 'due' ? '' : 'not '}due, called by the ${role === 'officer' ? 'privacy officer' : 'board'}, destroys nothing and puts nothing that is not due into a batch`, async () => {
      const sqlite = w.vault.admin.state.handle!.sqlite;
      const notDue = await makeDossier(w, { trajectories: [{ type: 'wmo', start: '2020-01-06', end: '2025-12-31' }] });
      const due = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2010-01-04', end: '2017-12-29' }] });
      const participants = (sqlite.prepare('SELECT count(*) AS n FROM participants').get() as { n: number }).n;
      const participantId = target === 'due' ? due.participantId : notDue.participantId;
      const { ok } = await sweepContract(w[role], { ids: { participantId, batchId: 1, holdId: 1 }, queries: ['Bewaar', ''], today: '2026-03-02' }, { skip: hostLevel });
      for (const name of ['retention.list', 'retention.csv', 'retention.term', 'retention.holds', 'retention.batches', 'retention.register']) expect(ok.has(name), name).toBe(true);
      // The sweep's own hold (placed before the proposal) keeps even the due dossier out of a batch.
      const items = sqlite.prepare('SELECT i.participant_id AS p, b.proposed_by AS proposer, b.approved_by AS approver FROM retention_batch_items i JOIN retention_batches b ON b.id = i.batch_id').all() as { p: number; proposer: number; approver: number | null }[];
      expect(items.map((i) => i.p)).not.toContain(notDue.participantId);
      for (const i of items) expect(i.approver).not.toBe(i.proposer);
      expect((sqlite.prepare('SELECT count(*) AS n FROM participants').get() as { n: number }).n).toBe(participants);
      expect((sqlite.prepare('SELECT count(*) AS n FROM destruction_register').get() as { n: number }).n).toBe(0);
      expect(items.map((i) => i.p)).not.toContain(due.participantId);
      expect(dueForExecution(sqlite, 1, '2027-01-01T09:00:00Z')).toEqual([]);
    });
  }
});
