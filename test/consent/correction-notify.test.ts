import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { correctie, verify } from '../requests/support.ts';
import { disclosure, mandate, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('correction notices from the disclosure register (R24)', () => {
  it('R24 a granted correction creates notifications for exactly the recipients that received the corrected data', async () => {
    w = await world();
    await w.consultant.call('mandates.record', mandate(w));
    await w.consultant.call('mandates.record', mandate(w, { recipientId: w.employer, categories: ['contact', 'trajectory'] }));
    await w.consultant.call('mandates.record', mandate(w, { recipientId: w.municipality, categories: ['trajectory'] }));
    // UWV got the work history twice, the employer only the city, the municipality only the progress report.
    const first = await w.consultant.call('disclosures.record', disclosure(w, { disclosedOn: '2026-03-10', items: { fields: ['workHistory'] } }));
    const second = await w.consultant.call('disclosures.record', disclosure(w, { disclosedOn: '2026-04-20', items: { fields: ['workHistory'], entryIds: [w.entryId] } }));
    await w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.employer, items: { fields: ['city'] } }));
    const toMunicipality = await w.consultant.call('disclosures.record', disclosure(w, { recipientId: w.municipality, items: { entryIds: [w.entryId] } }));

    const { request, changes } = await w.administration.call('requests.intake', correctie(w.participantId));
    await w.administration.call('requests.verifyIdentity', verify(request.id));
    const preview = await w.administration.call('requests.recipientsToNotify', { requestId: request.id });
    expect(preview).toEqual({ available: true, recipients: [{ recipientId: w.uwv, recipientName: 'UWV Utrecht', disclosureIds: [first.id, second.id], disclosedOn: ['2026-03-10', '2026-04-20'] }] });
    await w.administration.call('requests.decide', { requestId: request.id, outcome: 'granted', changeDecisions: [{ changeId: changes[0]!.id, accepted: true }] });
    const done = await w.administration.call('requests.carryOut', { requestId: request.id });
    expect(done.notifications.map((n) => [n.recipientId, n.recipientName, n.disclosureIds, n.status])).toEqual([[w.uwv, 'UWV Utrecht', [first.id, second.id], 'open']]);
    expect(done.notifications[0]!.letter).toContain('Magazijnmedewerker 2012-2020');

    // A corrected journal entry reaches the UWV and the municipality, not the employer.
    const entryRequest = await w.administration.call('requests.intake', {
      ...correctie(w.participantId), changes: [{ target: 'entry', entryId: w.entryId, proposedTitle: null, proposedValue: 'Deelnemer werkt drie dagen per week proef.', ground: 'incorrect' }],
    });
    await w.administration.call('requests.verifyIdentity', verify(entryRequest.request.id));
    await w.administration.call('requests.decide', { requestId: entryRequest.request.id, outcome: 'granted', changeDecisions: [{ changeId: entryRequest.changes[0]!.id, accepted: true }] });
    const entryDone = await w.administration.call('requests.carryOut', { requestId: entryRequest.request.id });
    expect(entryDone.notifications.map((n) => [n.recipientName, n.disclosureIds])).toEqual([['Gemeente Utrecht', [toMunicipality.id]], ['UWV Utrecht', [second.id]]]);
  });
});
