import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { correctie, inzage, snapshot, verify, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('bad input to the request operations', () => {
  it('R20 R25 R30 invalid input never crashes and changes nothing (property over every operation of issue 5)', async () => {
    w = await world();
    const { request, changes } = await w.admin.call('requests.intake', correctie(w.participantId));
    const open = await w.admin.call('requests.intake', inzage(w.participantId));
    await w.admin.call('requests.verifyIdentity', verify(open.request.id));
    const valid: Record<string, Record<string, unknown>> = {
      'requests.intake': { ...inzage(w.participantId) },
      'requests.get': { requestId: request.id },
      'requests.verifyIdentity': verify(request.id),
      'requests.consult': { requestId: open.request.id, thirdParty: 'J. Jansen', targets: [{ kind: 'entry', entryId: w.entryId }], askedOn: '2026-04-23' },
      'requests.decide': { requestId: open.request.id, outcome: 'refused', reasons: 'Geen gegevens gevonden die dit rechtvaardigen' },
      'requests.extend': { requestId: open.request.id, reason: 'Omvangrijk verzoek, meer tijd', noticeOn: '2026-04-23', extendedTo: '2026-06-01' },
      'requests.carryOut': { requestId: request.id },
      'requests.markNotification': { notificationId: 1, status: 'sent' },
      'requests.letter': { requestId: request.id, kind: 'decision' },
      'requests.assign': { requestId: request.id, handlerId: 1 },
      'statements.record': { participantId: w.participantId, targets: [{ kind: 'entry', entryId: w.entryId }], text: 'Mijn zienswijze', receivedOn: '2026-04-22', channel: 'letter' },
      'restriction.place': { participantId: w.participantId, targets: [{ kind: 'field', field: 'workHistory' }], reason: 'Juistheid wordt betwist door deelnemer' },
      'restriction.lift': { restrictionId: 1, reason: 'Correctie afgehandeld en gecontroleerd' },
      'policy.update': { preset: 'mee' },
    };
    void changes;
    const names = Object.keys(valid);
    // One key of a valid input replaced by anything, or an extra key, or a wholly random value.
    const mutated = fc.constantFrom(...names).chain((name) => fc.oneof(
      fc.record({ name: fc.constant(name), input: fc.constantFrom(...Object.keys(valid[name]!)).chain((k) => fc.anything().map((v) => ({ ...valid[name], [k]: v }))) }),
      fc.record({ name: fc.constant(name), input: fc.anything().map((v) => ({ ...valid[name], extra: v })) }),
      fc.record({ name: fc.constant(name), input: fc.anything() }),
    ));
    let before = snapshot(w.vault);
    await fc.assert(fc.asyncProperty(mutated, async ({ name, input }) => {
      const r = await w.admin.raw(name, input);
      if (r.ok) { before = snapshot(w.vault); return; } // a mutation that happens to be valid is fine
      expect(r.error.code).not.toBe('operation.failed');
      expect(r.error.message.length).toBeGreaterThan(0);
      expect(snapshot(w.vault)).toBe(before);
    }), { numRuns: 400 });
  });
});
