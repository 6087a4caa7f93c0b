import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { removeVault } from '../support/vault.ts';
import { correctie, inzage, verify, world, type World } from './support.ts';

let w: World;
afterEach(() => removeVault(w.vault));

describe('request deadlines (R34, R50)', () => {
  it('R34 R50 an inzage received Thursday 23 April 2026 is due Friday 1 May: King\'s Day (Mon 27 April) does not count', async () => {
    w = await world('2026-04-23');
    // By hand: Fri 24 (1), weekend, Mon 27 Koningsdag, Tue 28 (2), Wed 29 (3), Thu 30 (4), Fri 1 May (5).
    const d = await w.admin.call('requests.intake', inzage(w.participantId));
    expect(d.request.dueOn).toBe('2026-05-01');
    // Regulation 1182/71 art. 3(4): one month is Sat 23 May; Sun 24 and Whit Monday 25 May pass → Tue 26 May.
    expect(d.request.statutoryMaxOn).toBe('2026-05-26');
    expect(d.request.policyName).toBe('Factor Twee');
  });

  it('R23 R34 a correction received Friday 8 May 2026 is due 26 May: Ascension (14 May) and Whit Monday (25 May) do not count', async () => {
    w = await world('2026-05-08');
    const d = await w.admin.call('requests.intake', correctie(w.participantId, '2026-05-08'));
    expect(d.request.dueOn).toBe('2026-05-26');
  });

  it('R50 under the MEE profile the same inzage is due in four weeks', async () => {
    w = await world('2026-04-23');
    const privacy = await w.vault.as('privacyOfficer');
    await privacy.call('policy.update', { preset: 'mee' });
    const d = await w.admin.call('requests.intake', inzage(w.participantId));
    expect(d.request.dueOn).toBe('2026-05-21');
    expect(d.request.policyName).toBe('MEE');
  });

  it('R34 an extension can never pass three months after receipt', async () => {
    w = await world('2026-04-23');
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    await expect(w.admin.call('requests.extend', { requestId: request.id, reason: 'Veel dossierstukken, derden moeten gehoord worden', noticeOn: '2026-04-23', extendedTo: '2026-07-24' }))
      .rejects.toMatchObject({ code: 'request.extensionTooLate', error: { params: { max: '2026-07-23' } } });
    const ok = await w.admin.call('requests.extend', { requestId: request.id, reason: 'Veel dossierstukken, derden moeten gehoord worden', noticeOn: '2026-04-23', extendedTo: '2026-07-23' });
    expect(ok.request.dueOn).toBe('2026-07-23');
    expect(ok.request.extensionNoticeOn).toBe('2026-04-23');
  });

  it('R34 whatever date is asked for, an extended due date stays within three months of receipt (property)', async () => {
    w = await world('2026-04-23');
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId));
    const day = fc.integer({ min: 0, max: 200 }).map((n) => new Date(Date.UTC(2026, 3, 23 + n)).toISOString().slice(0, 10));
    await fc.assert(fc.asyncProperty(day, async (extendedTo) => {
      const r = await w.admin.raw('requests.extend', { requestId: request.id, reason: 'Omvangrijk verzoek, meer tijd nodig', noticeOn: '2026-04-23', extendedTo });
      const now = await w.admin.call('requests.get', { requestId: request.id });
      expect(now.request.dueOn <= '2026-07-23').toBe(true);
      if (r.ok) expect(now.request.dueOn).toBe(extendedTo);
      else expect(['request.extensionTooLate', 'request.extensionNotLater']).toContain(r.error.code);
    }), { numRuns: 60 });
  });

  it('R34 the extension must be notified within the first month, which ends on a working day (Regulation 1182/71 art. 3(4))', async () => {
    w = await world('2026-06-01');
    const { request } = await w.admin.call('requests.intake', inzage(w.participantId, '2026-04-23'));
    // The month ends Sat 23 May 2026 → Tue 26 May (Whit Monday 25 May): the 27th is late.
    await expect(w.admin.call('requests.extend', { requestId: request.id, reason: 'Omvangrijk verzoek, meer tijd nodig', noticeOn: '2026-05-27', extendedTo: '2026-07-01' }))
      .rejects.toMatchObject({ code: 'request.extensionNoticeLate', error: { params: { max: '2026-05-26' } } });
    const ok = await w.admin.call('requests.extend', { requestId: request.id, reason: 'Omvangrijk verzoek, meer tijd nodig', noticeOn: '2026-05-26', extendedTo: '2026-07-01' });
    expect(ok.request.extendedTo).toBe('2026-07-01');
  });

  it('R34 the dashboard sorts open requests by due date and flags overdue and due within 2 working days', async () => {
    w = await world('2026-04-23');
    const late = await w.admin.call('requests.intake', inzage(w.participantId, '2026-04-01')); // due 2026-04-09
    const soon = await w.admin.call('requests.intake', inzage(w.participantId, '2026-04-17')); // due 2026-04-24: 1 working day left
    const fine = await w.admin.call('requests.intake', { ...inzage(w.participantId), type: 'verwijdering' }); // four weeks
    const done = await w.admin.call('requests.intake', inzage(w.participantId, '2026-04-02'));
    await w.admin.call('requests.verifyIdentity', verify(done.request.id, '2026-04-02'));
    await w.admin.call('requests.decide', { requestId: done.request.id, outcome: 'granted' });
    const dash = await w.admin.call('requests.dashboard', {});
    expect(dash.rows.map((r) => [r.id, r.urgency])).toEqual([
      [late.request.id, 'overdue'], [done.request.id, 'answered'], [soon.request.id, 'dueSoon'], [fine.request.id, 'onTrack'],
    ]);
    expect(dash.rows.find((r) => r.id === soon.request.id)?.workingDaysLeft).toBe(1);
    expect(dash.byType.find((t) => t.type === 'inzage')).toMatchObject({ open: 3, overdue: 1, dueSoon: 1 });
    expect(dash.byHandler).toEqual([expect.objectContaining({ handlerName: 'administration', open: 4, overdue: 1, dueSoon: 1 })]);
  });
});

