import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('Verwijsindex (R13)', () => {
  it('R13 a participant under 23 is registered without consent, with date, who and the signal reason, and an objection is recorded', async () => {
    w = await world('2026-04-23', { birthDate: '2003-04-24' }); // 22 today, 23 tomorrow
    const reg = await w.consultant.call('verwijsindex.register', { participantId: w.participantId, registeredOn: '2026-04-23', signalReason: 'Zorgen over schooluitval en schulden in het gezin' });
    expect(reg).toMatchObject({ registeredOn: '2026-04-23', ageAtRegistration: 22, registeredBy: 'consultant', active: true, objectedOn: null });
    const objected = await w.consultant.call('verwijsindex.recordObjection', { registrationId: reg.id, objectedOn: '2026-04-23', note: 'Bezwaar gestuurd naar de gemeente Utrecht' });
    expect(objected).toMatchObject({ objectedOn: '2026-04-23', objectionOutcome: 'pending', objectionNote: 'Bezwaar gestuurd naar de gemeente Utrecht' });
    const ended = await w.consultant.call('verwijsindex.end', { registrationId: reg.id, endedOn: '2026-04-23', reason: 'Bezwaar gehonoreerd door de gemeente' });
    expect(ended).toMatchObject({ active: false, endedOn: '2026-04-23' });
    await expect(w.consultant.call('verwijsindex.end', { registrationId: reg.id, endedOn: '2026-04-23', reason: 'Nogmaals beëindigd' })).rejects.toMatchObject({ code: 'verwijsindex.ended' });
    expect(await w.consultant.call('verwijsindex.list', { participantId: w.participantId })).toEqual([ended]);
  });

  it('R13 a participant aged 23 or older cannot be registered', async () => {
    w = await world('2026-04-23', { birthDate: '2003-04-23' }); // 23 today
    await expect(w.consultant.call('verwijsindex.register', { participantId: w.participantId, registeredOn: '2026-04-23', signalReason: 'Zorgen over schooluitval' }))
      .rejects.toMatchObject({ code: 'verwijsindex.tooOld', error: { message: expect.stringContaining('jonger dan 23 jaar; deze deelnemer is 23 jaar') } });
    // On a day before the 23rd birthday the registration was possible.
    await expect(w.consultant.call('verwijsindex.register', { participantId: w.participantId, registeredOn: '2026-04-22', signalReason: 'Zorgen over schooluitval' }))
      .resolves.toMatchObject({ ageAtRegistration: 22 });
  });

  it('R13 without a birth date the age cannot be checked, so registration is refused', async () => {
    w = await world('2026-04-23', { birthDate: null });
    await expect(w.consultant.call('verwijsindex.register', { participantId: w.participantId, registeredOn: '2026-04-23', signalReason: 'Zorgen over schooluitval' }))
      .rejects.toMatchObject({ code: 'verwijsindex.birthDateUnknown' });
  });
});
