// The retention schedule (R40, R41, R43) against a real vault: the term per trajectory type, the
// last contact, death (the earlier of the two), open trajectories, and the field-level terms at the
// day boundary in the Dutch calendar.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPreset } from '../../core/policy/profile.ts';
import { dossierTerm, type DossierFacts } from '../../core/retention/schedule.ts';
import { removeVault } from '../support/vault.ts';
import { makeDossier, retentionWorld, type RetentionWorld } from './support.ts';

let w: RetentionWorld;
beforeEach(async () => { w = await retentionWorld(); });
afterEach(() => removeVault(w.vault));

const retention = getPreset('factor-twee').retention;
const facts = (over: Partial<DossierFacts>): DossierFacts => ({
  participantId: 1, dossierNumber: 'DK-2026-000001', status: 'closed', createdAt: '2015-01-05T09:00:00Z', closedAt: '2020-02-01T09:00:00Z',
  dateOfDeath: null, trajectories: [], lastEntryOn: null, lastDocumentAt: null, ...over,
});

describe('retention schedule (R40, R41)', () => {
  it('R40 each trajectory type counts from its own end: UWV 7 years, Wmo 15 years, another type the default 15; the latest sets the term', async () => {
    const uwv = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2017-01-02', end: '2019-06-30' }] });
    const wmo = await makeDossier(w, { trajectories: [{ type: 'wmo', start: '2010-01-04', end: '2012-01-31' }] });
    const both = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2017-01-02', end: '2024-06-30' }, { type: 'wmo', start: '2005-01-03', end: '2010-03-31' }] });
    const other = await makeDossier(w, { trajectories: [{ type: 'jeugdwet', start: '2008-01-02', end: '2010-05-01' }] });
    const term = (participantId: number) => w.officer.call('retention.term', { participantId });

    const u = await term(uwv.participantId);
    expect(u).toMatchObject({ until: '2026-06-30', regularUntil: '2026-06-30', basis: 'term', category: 'uwv', due: false, open: null });
    expect(u.perTrajectory).toEqual([expect.objectContaining({ type: 'uwv', endDate: '2019-06-30', years: 7, until: '2026-06-30' })]);
    // Closing the dossier is the last contact, but with a trajectory the trajectory's term rules.
    expect(u.lastContact).toEqual({ on: '2026-03-02', source: 'closed' });
    expect(await term(wmo.participantId)).toMatchObject({ until: '2027-01-31', category: 'wmo' });
    expect(await term(both.participantId)).toMatchObject({ until: '2031-06-30', category: 'uwv' });
    expect(await term(other.participantId)).toMatchObject({ until: '2025-05-01', category: 'jeugdwet', due: true });

    // On the day the term ends the dossier is due, not a day earlier.
    w.vault.clock.now = new Date('2026-06-29T12:00:00Z');
    expect((await term(uwv.participantId)).due).toBe(false);
    w.vault.clock.now = new Date('2026-06-30T08:00:00Z');
    expect((await term(uwv.participantId)).due).toBe(true);
  });

  it('R40 without a trajectory the term is 15 years after the last contact, shown with where that date came from', async () => {
    const p = await makeDossier(w, {});
    const t = await w.officer.call('retention.term', { participantId: p.participantId });
    expect(t).toMatchObject({ lastContact: { on: '2026-03-02', source: 'closed' }, until: '2041-03-02', category: 'contact', basis: 'term' });
    // The sources of last contact, from the dates alone: the latest of entry, document, trajectory end and closing.
    expect(dossierTerm(retention, facts({ closedAt: null, status: 'closed', lastEntryOn: '2021-05-04', lastDocumentAt: '2021-05-03T10:00:00Z' })).lastContact).toEqual({ on: '2021-05-04', source: 'entry' });
    // A document uploaded at 23:30 UTC on 4 May counts as 5 May in Amsterdam.
    expect(dossierTerm(retention, facts({ closedAt: null, lastEntryOn: '2021-05-04', lastDocumentAt: '2021-05-04T23:30:00Z' })).lastContact).toEqual({ on: '2021-05-05', source: 'document' });
    expect(dossierTerm(retention, facts({ closedAt: null })).lastContact).toEqual({ on: '2015-01-05', source: 'opened' });
  });

  it('R41 a deceased participant\'s dossier is due one year after death, or at its regular term when that is earlier, also while still open', async () => {
    const death = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2020-01-06', end: '2025-06-30' }], dateOfDeath: '2026-01-10' });
    const regularFirst = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2015-01-05', end: '2018-01-01' }], dateOfDeath: '2026-01-10' });
    const stillOpen = await makeDossier(w, { trajectories: [{ type: 'wmo', start: '2024-01-01', end: null }], dateOfDeath: '2025-02-01', close: false });
    const term = (participantId: number) => w.officer.call('retention.term', { participantId });
    expect(await term(death.participantId)).toMatchObject({ regularUntil: '2032-06-30', deathUntil: '2027-01-10', until: '2027-01-10', basis: 'death' });
    expect(await term(regularFirst.participantId)).toMatchObject({ regularUntil: '2025-01-01', deathUntil: '2027-01-10', until: '2025-01-01', basis: 'term', due: true });
    expect(await term(stillOpen.participantId)).toMatchObject({ open: 'dossierOpen', regularUntil: null, until: '2026-02-01', basis: 'death', due: true });
    const list = await w.officer.call('retention.list', { withinWeeks: 52 });
    expect(list.rows.map((r) => [r.dossierNumber, r.basis, r.due])).toEqual(expect.arrayContaining([
      [regularFirst.dossierNumber, 'term', true], [stillOpen.dossierNumber, 'death', true], [death.dossierNumber, 'death', false],
    ]));
  });

  it('R41 a date of death in the future or before the birth date is refused and changes nothing', async () => {
    const p = await makeDossier(w, { close: false });
    for (const dateOfDeath of ['2026-03-03', '1989-12-31']) {
      const r = await w.consultant.raw('dossiers.update', { participantId: p.participantId, changes: { dateOfDeath }, reason: 'Bericht van overlijden' });
      expect(r.ok ? 'ok' : r.error.code).toBe('dossier.deathDateInvalid');
    }
    expect((await w.officer.call('retention.term', { participantId: p.participantId })).deathUntil).toBeNull();
  });

  it('R40 an open dossier or a still-running trajectory has no end date and is never due', async () => {
    const open = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2010-01-04', end: null }], close: false });
    expect(await w.officer.call('retention.term', { participantId: open.participantId })).toMatchObject({ open: 'dossierOpen', until: null, basis: null, due: false });
    const list = await w.officer.call('retention.list', { withinWeeks: 520 });
    expect(list.rows.map((r) => r.participantId)).not.toContain(open.participantId);
    // A closed dossier whose trajectory has no end date (it cannot be known when its term ends).
    const running = dossierTerm(retention, facts({ trajectories: [{ id: 1, type: 'uwv', endDate: null, status: 'closed' }] }));
    expect(running).toMatchObject({ open: 'trajectoryOpen', until: null });
    // A planned trajectory that never started neither runs nor sets a term: the contact rule applies.
    expect(dossierTerm(retention, facts({ trajectories: [{ id: 1, type: 'uwv', endDate: null, status: 'planned' }] }))).toMatchObject({ open: null, category: 'contact', until: '2035-02-01' });
  });

  it('R40 the list shows what is due and what ends within N weeks, with counts and filters, and its CSV holds no free text', async () => {
    const due = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2012-01-02', end: '2018-12-31' }] });
    const soon = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2015-01-05', end: '2019-04-15' }] });
    await makeDossier(w, { trajectories: [{ type: 'wmo', start: '2015-01-05', end: '2019-04-15' }] });
    const now = await w.officer.call('retention.list', {});
    expect(now.rows.map((r) => r.dossierNumber)).toEqual([due.dossierNumber]);
    expect(now.counts).toMatchObject({ due: 1, upcoming: 0, held: 0 });
    const ahead = await w.officer.call('retention.list', { withinWeeks: 8 });
    expect(ahead.rows.map((r) => [r.dossierNumber, r.due, r.termEndsOn])).toEqual([[due.dossierNumber, true, '2025-12-31'], [soon.dossierNumber, false, '2026-04-15']]);
    expect(ahead.counts).toMatchObject({ due: 1, upcoming: 1 });
    expect((await w.officer.call('retention.list', { withinWeeks: 8, category: 'wmo' })).rows).toEqual([]);
    await w.officer.call('retention.placeHold', { participantId: due.participantId, reason: 'Klachtprocedure bij de geschillencommissie loopt', untilDate: null });
    expect((await w.officer.call('retention.list', { withinWeeks: 8, held: 'only' })).rows.map((r) => r.dossierNumber)).toEqual([due.dossierNumber]);
    const { csv, fileName } = await w.board.call('retention.csv', { withinWeeks: 8 });
    expect(fileName).toBe('vernietigingslijst-2026-03-02.csv');
    expect(csv.split('\r\n')[0]).toBe('dossiernummer;einde_termijn;aan_de_beurt;grond;categorie;laatste_contact;bron_laatste_contact;afgesloten;bewaarplicht_tot;batch');
    expect(csv).toContain(`${due.dossierNumber};31-12-2025;nee;bewaartermijn;uwv;02-03-2026;afsluiting dossier;02-03-2026;onbepaald;`);
    expect(csv).not.toContain('Klachtprocedure');
    expect(csv).not.toContain('Bewaar'); // no name
  });
});

describe('field-level terms (R43)', () => {
  it('R43 an e-mail address recorded on day 0 is due on day 90, not day 89, by the Dutch calendar; applicant data four weeks after the procedure', async () => {
    const { profile } = await w.officer.call('policy.get', {});
    await w.officer.call('policy.update', { profile: { ...profile, retention: { ...profile.retention, fieldTerms: [{ field: 'email', days: 90, from: 'recorded' }, { field: 'workHistory', days: 28, from: 'trajectoryEnd' }] } } });
    const p = await makeDossier(w, { trajectories: [{ type: 'uwv', start: '2026-01-05', end: '2026-02-27' }], close: false });
    // Recorded at 23:30 UTC on 1 March: that is 2 March in Amsterdam, day 0.
    w.vault.clock.now = new Date('2026-03-01T23:30:00Z');
    await w.consultant.call('dossiers.update', { participantId: p.participantId, changes: { email: 'nieuw.adres@example.nl', workHistory: 'Sollicitatie als magazijnmedewerker' }, reason: 'Uitnodiging voor het gesprek' });
    const fieldsOn = async (iso: string) => { w.vault.clock.now = new Date(iso); return (await w.officer.call('retention.list', {})).fields.filter((f) => f.participantId === p.participantId); };

    // workHistory: the trajectory ended 27 February; four weeks later, 27 March, it is due.
    expect((await fieldsOn('2026-03-26T12:00:00Z')).map((f) => f.field)).toEqual([]);
    expect(await fieldsOn('2026-03-27T12:00:00Z')).toEqual([expect.objectContaining({ field: 'workHistory', startsOn: '2026-02-27', dueOn: '2026-03-27' })]);
    // email: day 89 is 30 May (Amsterdam) — not due, also late in the evening UTC of 29 May.
    expect((await fieldsOn('2026-05-30T12:00:00Z')).map((f) => f.field)).toEqual(['workHistory']);
    expect((await fieldsOn('2026-05-30T21:59:00Z')).map((f) => f.field)).toEqual(['workHistory']);
    // Day 90 begins at 22:00 UTC (midnight in Amsterdam, summer time).
    const day90 = await fieldsOn('2026-05-30T22:00:00Z');
    expect(day90).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email', startsOn: '2026-03-02', dueOn: '2026-05-31', held: false })]));
    const term = await w.officer.call('retention.term', { participantId: p.participantId });
    expect(term.fields).toEqual(expect.arrayContaining([{ field: 'email', startsOn: '2026-03-02', dueOn: '2026-05-31' }]));
  });

  it('R43 R50 the profile refuses a field term for an unknown field, a term of zero days or a field named twice', async () => {
    const { profile } = await w.officer.call('policy.get', {});
    const bad = [
      [{ field: 'password', days: 90, from: 'recorded' }],
      [{ field: 'email', days: 0, from: 'recorded' }],
      [{ field: 'email', days: 90, from: 'whenever' }],
      [{ field: 'email', days: 90, from: 'recorded' }, { field: 'email', days: 30, from: 'recorded' }],
    ];
    for (const fieldTerms of bad) {
      const r = await w.officer.raw('policy.update', { profile: { ...profile, retention: { ...profile.retention, fieldTerms } } });
      expect(r.ok, JSON.stringify(fieldTerms)).toBe(false);
    }
    expect((await w.officer.call('policy.get', {})).profile.retention.fieldTerms).toEqual([]);
  });
});
