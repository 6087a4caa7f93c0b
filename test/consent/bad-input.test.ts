import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { disclosure, mandate, snapshot, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('bad input to the consent operations', () => {
  it('R10 R12 R13 R15 R16 R27 invalid input never crashes and changes nothing (property over every operation of issue 4)', async () => {
    w = await world('2026-04-23', { birthDate: '2010-01-01' });
    const m = await w.consultant.call('mandates.record', mandate(w));
    const d = await w.consultant.call('disclosures.record', disclosure(w, { basis: { kind: 'exception', arguments: 'Vermoeden van kindermishandeling, melding volgens meldcode na overleg met aandachtsfunctionaris.' } }));
    const o = await w.administration.call('objections.record', { participantId: w.participantId, recipientIds: [w.employer], receivedOn: '2026-04-23', circumstances: 'Bijzondere persoonlijke omstandigheden thuis' });
    const reg = await w.consultant.call('verwijsindex.register', { participantId: w.participantId, registeredOn: '2026-04-23', signalReason: 'Zorgen over schooluitval' });
    // The privacy officer may call all but the consultant-only recording operations; administration records.
    const valid: Record<string, { who: 'administration' | 'privacyOfficer'; input: Record<string, unknown> }> = {
      'recipients.list': { who: 'administration', input: { includeInactive: true } },
      'recipients.create': { who: 'administration', input: { name: 'Nieuwe ontvanger', kind: 'other', agreementReference: 'A-1', agreementDate: '2026-01-01' } },
      'recipients.update': { who: 'administration', input: { recipientId: w.uwv, contactPerson: 'P. Jansen' } },
      'mandates.record': { who: 'administration', input: { ...mandate(w, { recipientId: w.municipality }) } },
      'mandates.withdraw': { who: 'administration', input: { mandateId: m.id, withdrawnOn: '2026-04-23', how: 'letter' } },
      'mandates.list': { who: 'administration', input: { participantId: w.participantId } },
      'mandates.overview': { who: 'privacyOfficer', input: { expiringWithinDays: 30 } },
      'disclosures.record': { who: 'administration', input: { ...disclosure(w) } },
      'disclosures.check': { who: 'administration', input: { ...disclosure(w) } },
      'disclosures.list': { who: 'administration', input: { participantId: w.participantId } },
      'disclosures.register': { who: 'privacyOfficer', input: { flaggedOnly: true } },
      'disclosures.package': { who: 'administration', input: { disclosureId: d.id } },
      'disclosures.reviewException': { who: 'privacyOfficer', input: { disclosureId: d.id, note: 'Beoordeeld en terecht bevonden.' } },
      'objections.record': { who: 'administration', input: { participantId: w.participantId, recipientIds: [w.uwv], receivedOn: '2026-04-22', circumstances: 'Persoonlijke omstandigheden' } },
      'objections.decide': { who: 'administration', input: { objectionId: o.id, outcome: 'upheld', reasons: 'Omstandigheden aannemelijk', decidedOn: '2026-04-23' } },
      'objections.list': { who: 'administration', input: { participantId: w.participantId } },
      'verwijsindex.register': { who: 'administration', input: { participantId: w.participantId, registeredOn: '2026-04-20', signalReason: 'Zorgen over thuissituatie' } },
      'verwijsindex.recordObjection': { who: 'administration', input: { registrationId: reg.id, objectedOn: '2026-04-23', note: 'Bezwaar bij gemeente' } },
      'verwijsindex.end': { who: 'administration', input: { registrationId: reg.id, endedOn: '2026-04-23', reason: 'Signaal afgehandeld' } },
      'verwijsindex.list': { who: 'administration', input: { participantId: w.participantId } },
      'statistics.get': { who: 'privacyOfficer', input: { threshold: 5 } },
      'statistics.csv': { who: 'privacyOfficer', input: { threshold: 5, fromYear: 2026 } },
    };
    const names = Object.keys(valid);
    // One key of a valid input replaced by anything, or an extra key, or a wholly random value.
    const mutated = fc.constantFrom(...names).chain((name) => fc.oneof(
      fc.record({ name: fc.constant(name), input: fc.constantFrom(...Object.keys(valid[name]!.input)).chain((k) => fc.anything().map((v) => ({ ...valid[name]!.input, [k]: v }))) }),
      fc.record({ name: fc.constant(name), input: fc.anything().map((v) => ({ ...valid[name]!.input, extra: v })) }),
      fc.record({ name: fc.constant(name), input: fc.anything() }),
    ));
    const callers = { administration: w.administration, privacyOfficer: w.privacyOfficer };
    let before = snapshot(w.vault);
    await fc.assert(fc.asyncProperty(mutated, async ({ name, input }) => {
      const r = await callers[valid[name]!.who].raw(name, input);
      if (r.ok) { before = snapshot(w.vault); return; } // a mutation that happens to be valid is fine
      expect(r.error.code).not.toBe('operation.failed');
      expect(r.error.message.length).toBeGreaterThan(0);
      expect(snapshot(w.vault)).toBe(before);
    }), { numRuns: 500 });
  });
});
