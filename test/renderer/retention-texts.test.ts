// The retention screens' words (issue 11, item 6): why a dossier is kept until its date, in Dutch
// and English, and the session cache forgetting destroyed dossiers. Pure functions with the
// renderer's own i18n files; the screens themselves are covered by test/e2e/specs-retention.mjs.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { lastContactText, termReason, type DossierTerm } from '../../renderer/features/retention/labels.ts';
import { forgetDossiers } from '../../renderer/features/retention/forget.ts';
import { rendererT } from '../support/i18n.ts';

const base: DossierTerm = {
  participantId: 7, dossierNumber: 'DK-2016-000007', open: null, lastContact: { on: '2018-07-02', source: 'closed' },
  perTrajectory: [
    { trajectoryId: 1, type: 'wmo', endDate: '2009-01-31', years: 15, until: '2024-01-31' },
    { trajectoryId: 2, type: 'uwv', endDate: '2018-06-30', years: 7, until: '2025-06-30' },
  ],
  regularUntil: '2025-06-30', deathUntil: null, until: '2025-06-30', basis: 'term', category: 'uwv',
  closedOn: '2018-07-02', openedOn: '2016-09-01', due: true, holds: [], fields: [],
};

describe('retention texts', () => {
  it('R40 the term names the trajectory that set it: "7 jaar na einde traject UWV", in English "7 years after the end of trajectory UWV"', async () => {
    expect(termReason(await rendererT('nl'), base)).toBe('7 jaar na einde traject UWV');
    expect(termReason(await rendererT('en'), base)).toBe('7 years after the end of trajectory UWV');
  });

  it('R40 without a trajectory the term counts from the last contact, which is shown with its source and date DD-MM-JJJJ', async () => {
    const t = await rendererT('nl');
    const contact = { ...base, perTrajectory: [], category: 'contact' as const, regularUntil: '2033-07-02', until: '2033-07-02' };
    expect(termReason(t, contact)).toBe('15 jaar na het laatste contact');
    expect(lastContactText(t, base.lastContact)).toBe('Laatste contact 02-07-2018 (afsluiting dossier)');
  });

  it('R41 a deceased participant: "binnen een jaar na overlijden"; an open dossier has no reason (no end date)', async () => {
    const t = await rendererT('nl');
    expect(termReason(t, { ...base, basis: 'death', deathUntil: '2021-03-01', until: '2021-03-01' })).toBe('binnen een jaar na overlijden');
    expect(termReason(t, { ...base, open: 'trajectoryOpen', regularUntil: null, until: null, basis: null })).toBeNull();
    expect(t('retention.term.trajectoryOpen')).toBe('Geen einddatum: traject loopt nog');
  });

  it('R44 the execution result says how many were destroyed and skipped, singular and plural', async () => {
    const t = await rendererT('nl');
    expect(t('retention.execute.destroyed', { count: 1 })).toBe('1 dossier is vernietigd.');
    expect(t('retention.execute.destroyed', { count: 3 })).toBe('3 dossiers zijn vernietigd.');
    expect(t('retention.execute.skipped', { count: 2 })).toMatch(/^2 dossiers zijn overgeslagen: er geldt een bewaarplicht of de termijn is veranderd/);
  });

  it('R44 after a destruction the session cache forgets every answer about the destroyed dossiers and the lists that may name them', () => {
    const client = new QueryClient();
    client.setQueryData(['dossiers.get', { participantId: 7 }], { name: 'Sem Oudgers' });
    client.setQueryData(['dossiers.history', { participantId: 7 }], []);
    client.setQueryData(['retention.term', { participantId: 8 }], {});
    client.setQueryData(['dossiers.list', { query: 'Oud' }], { rows: [] });
    client.setQueryData(['retention.term', { participantId: 7 }], {});
    client.setQueryData(['retention.batches', {}], []);
    forgetDossiers(client, [7]);
    const left = client.getQueryCache().getAll().map((q) => q.queryKey[0]);
    expect(left.sort()).toEqual(['retention.batches', 'retention.term']);
    expect(client.getQueryData(['retention.term', { participantId: 8 }])).toEqual({});
  });
});
