// Expected dates are worked out by hand from the real calendar; each case says how.
// Anchors used below: 2025-01-01 is a Wednesday, 2026-01-01 a Thursday; Easter Sunday is
// 2025-04-20 and 2026-04-05 (so Ascension = Easter + 39, Whit Monday = Easter + 50).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  addTerm,
  addWorkingDays,
  dutchPublicHolidays,
  isWorkingDay,
  requestDeadline,
  periodEnd,
  statutoryDeadline,
  workingDaysBetween,
} from '../../core/calendar/index.ts';
import { getPreset, PolicyProfile, type HolidaySettings } from '../../core/policy/index.ts';

const lustrumOnly: HolidaySettings = { liberationDay: 'lustrum-only', goodFriday: false };
const everyYear: HolidaySettings = { liberationDay: 'every-year', goodFriday: false };
const withGoodFriday: HolidaySettings = { liberationDay: 'lustrum-only', goodFriday: true };
const factorTwee = getPreset('factor-twee');
const mee = getPreset('mee');

const dates = (year: number, s: HolidaySettings) => dutchPublicHolidays(year, s).map((h) => h.date);

describe('Dutch public holidays', () => {
  it('R50 lists the counted holidays of 2025 from the library, sorted', () => {
    // Nieuwjaarsdag, Tweede Paasdag (Easter 20 Apr + 1), Koningsdag (27 Apr is a Sunday → 26 Apr),
    // Bevrijdingsdag (2025 is a lustrum year), Hemelvaart (20 Apr + 39 = 29 May),
    // Tweede Pinksterdag (20 Apr + 50 = 9 Jun), Eerste and Tweede Kerstdag.
    expect(dates(2025, lustrumOnly)).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
    for (const h of dutchPublicHolidays(2025, lustrumOnly)) expect(h.name).not.toBe('');
  });

  it("R50 King's Day moves to Saturday 26 April when 27 April is a Sunday (2025, 2014)", () => {
    // 2025: 1 Apr is a Tuesday, so 27 Apr is a Sunday. 2014: 1 Jan is a Wednesday, 1 Apr a
    // Tuesday, 27 Apr a Sunday as well.
    for (const year of [2025, 2014]) {
      expect(dates(year, lustrumOnly)).toContain(`${year}-04-26`);
      expect(dates(year, lustrumOnly)).not.toContain(`${year}-04-27`);
    }
    // No Monday substitute: Monday 28 April 2025 is an ordinary working day.
    expect(isWorkingDay('2025-04-28', lustrumOnly)).toBe(true);
    // 2026: 27 April is a Monday and is the holiday itself.
    expect(dates(2026, lustrumOnly)).toContain('2026-04-27');
    expect(isWorkingDay('2026-04-27', lustrumOnly)).toBe(false);
  });

  it('R50 Liberation Day counts every year or only in lustrum years, per setting', () => {
    // 5 May 2025 is a Monday (1 May is a Thursday); 2025 % 5 === 0, so it counts either way.
    expect(isWorkingDay('2025-05-05', lustrumOnly)).toBe(false);
    expect(isWorkingDay('2025-05-05', everyYear)).toBe(false);
    // 5 May 2026 is a Tuesday (1 May is a Friday); 2026 is not a lustrum year.
    expect(isWorkingDay('2026-05-05', lustrumOnly)).toBe(true);
    expect(isWorkingDay('2026-05-05', everyYear)).toBe(false);
    expect(dates(2026, lustrumOnly)).not.toContain('2026-05-05');
    expect(dates(2030, lustrumOnly)).toContain('2030-05-05');
  });

  it('R50 a 5-working-day term across Liberation Day 2026 depends on the setting', () => {
    // Received Thu 30 Apr 2026. Lustrum-only: Fri 1, Mon 4, Tue 5, Wed 6, Thu 7 May → 7 May.
    // Every year: Fri 1, Mon 4, (Tue 5 off), Wed 6, Thu 7, Fri 8 → 8 May.
    expect(addWorkingDays('2026-04-30', 5, lustrumOnly)).toBe('2026-05-07');
    expect(addWorkingDays('2026-04-30', 5, everyYear)).toBe('2026-05-08');
  });

  it('R50 Good Friday counts only when the profile says so', () => {
    // Good Friday 2025 = Easter 20 Apr − 2 = Fri 18 Apr.
    expect(isWorkingDay('2025-04-18', lustrumOnly)).toBe(true);
    expect(isWorkingDay('2025-04-18', withGoodFriday)).toBe(false);
    expect(dates(2025, lustrumOnly)).not.toContain('2025-04-18');
    expect(dates(2025, withGoodFriday)).toContain('2025-04-18');
    // One working day after Thu 17 Apr: Fri 18 — or, with Good Friday off, past the weekend and
    // Easter Monday (21 Apr) to Tue 22 Apr.
    expect(addWorkingDays('2025-04-17', 1, lustrumOnly)).toBe('2025-04-18');
    expect(addWorkingDays('2025-04-17', 1, withGoodFriday)).toBe('2025-04-22');
  });

  it('R50 weekends are never working days', () => {
    // 1 March 2025 is a Saturday (1 Jan Wed + 59 days), 2 March a Sunday, 3 March a Monday.
    expect(isWorkingDay('2025-03-01', lustrumOnly)).toBe(false);
    expect(isWorkingDay('2025-03-02', lustrumOnly)).toBe(false);
    expect(isWorkingDay('2025-03-03', lustrumOnly)).toBe(true);
  });
});

describe('working-day terms', () => {
  it("R50 a 5-working-day term across King's Day skips 27 April", () => {
    // 27 Apr 2026 is a Monday. Received Thu 23 Apr: Fri 24 (1), weekend, Mon 27 off,
    // Tue 28 (2), Wed 29 (3), Thu 30 (4), Fri 1 May (5).
    expect(addWorkingDays('2026-04-23', 5, lustrumOnly)).toBe('2026-05-01');
  });

  it('R34 inzage under the Factor Twee preset is due 5 working days after receipt', () => {
    // Same dates as above through the profile: 23 Apr 2026 + 5 working days = 1 May 2026.
    expect(requestDeadline('2026-04-23', 'inzage', factorTwee).due).toBe('2026-05-01');
  });

  it('R20 afschrift has the same 5-working-day term as inzage in the Factor Twee preset', () => {
    expect(requestDeadline('2026-04-23', 'afschrift', factorTwee).due).toBe('2026-05-01');
  });

  it('R50 a 10-working-day term across Ascension and Whit Monday 2025', () => {
    // Received Mon 26 May 2025: Tue 27 (1), Wed 28 (2), Thu 29 Ascension off, Fri 30 (3),
    // Mon 2 Jun (4) … Fri 6 (8), Mon 9 Whit Monday off, Tue 10 (9), Wed 11 (10).
    expect(addWorkingDays('2025-05-26', 10, lustrumOnly)).toBe('2025-06-11');
  });

  it('R23 a correction request is decided within 10 working days', () => {
    // As above: received 26 May 2025 → 11 June 2025, well inside the month (26 June).
    expect(requestDeadline('2025-05-26', 'correctie', factorTwee)).toEqual({
      due: '2025-06-11',
      statutoryMax: '2025-06-26',
    });
  });

  it('R27 an objection (verzet) is decided within 10 working days', () => {
    expect(requestDeadline('2025-05-26', 'verzet', factorTwee).due).toBe('2025-06-11');
  });

  it('R50 deadlines run across Christmas and New Year', () => {
    // December 2025: Mon 22, Tue 23, Wed 24, Thu 25 + Fri 26 Christmas, weekend, Mon 29, Tue 30,
    // Wed 31, Thu 1 Jan 2026 New Year, Fri 2 Jan, Mon 5 … Fri 9 Jan.
    // 5 working days from Tue 23 Dec: 24, 29, 30, 31, 2 Jan.
    expect(addWorkingDays('2025-12-23', 5, lustrumOnly)).toBe('2026-01-02');
    // 10 working days: then 5, 6, 7, 8, 9 Jan.
    expect(requestDeadline('2025-12-23', 'correctie', factorTwee).due).toBe('2026-01-09');
    // MEE: four calendar weeks from Mon 15 Dec 2025 = 15 + 28 = 43 → 12 Jan 2026.
    expect(requestDeadline('2025-12-15', 'inzage', mee).due).toBe('2026-01-12');
  });

  it('R50 the receipt day is day 0: one working day after a Friday is the Monday', () => {
    // Fri 7 Mar 2025 (1 Mar is a Saturday) → Mon 10 Mar; zero working days is the receipt day.
    expect(addWorkingDays('2025-03-07', 1, lustrumOnly)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-07', 0, lustrumOnly)).toBe('2025-03-07');
  });

  it('R50 terms in calendar weeks and calendar days ignore weekends and holidays', () => {
    // 4 weeks from Mon 26 May 2025 = 26 + 28 = 54 − 31 → Mon 23 Jun, Ascension not skipped.
    expect(addTerm('2025-05-26', { unit: 'calendarWeeks', amount: 4 }, lustrumOnly)).toBe('2025-06-23');
    // 10 calendar days from 26 May = 5 June.
    expect(addTerm('2025-05-26', { unit: 'calendarDays', amount: 10 }, lustrumOnly)).toBe('2025-06-05');
    expect(addTerm('2025-05-26', { unit: 'workingDays', amount: 10 }, lustrumOnly)).toBe('2025-06-11');
  });

  it('R50 a day across the DST change is still one day', () => {
    // Clocks go forward on Sun 30 Mar 2025 and back on Sun 26 Oct 2025 in the Netherlands.
    expect(addWorkingDays('2025-03-28', 1, lustrumOnly)).toBe('2025-03-31');
    expect(addWorkingDays('2025-10-24', 1, lustrumOnly)).toBe('2025-10-27');
    expect(addTerm('2025-03-29', { unit: 'calendarDays', amount: 1 }, lustrumOnly)).toBe('2025-03-30');
  });

  it('R50 workingDaysBetween counts working days left until a deadline', () => {
    // After Wed 24 Dec 2025 up to Mon 29 Dec only the 29th is a working day.
    expect(workingDaysBetween('2025-12-24', '2025-12-29', lustrumOnly)).toBe(1);
    expect(workingDaysBetween('2025-12-29', '2025-12-24', lustrumOnly)).toBe(-1);
    expect(workingDaysBetween('2025-12-24', '2025-12-24', lustrumOnly)).toBe(0);
    // 26 May → 11 Jun 2025 is the 10-working-day term worked out above.
    expect(workingDaysBetween('2025-05-26', '2025-06-11', lustrumOnly)).toBe(10);
  });

  it('R50 workingDaysBetween is the inverse of addWorkingDays, and the deadline is a working day', () => {
    const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => {
      const d = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    const settings = fc.constantFrom(lustrumOnly, everyYear, withGoodFriday);
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), settings, (d, n, s) => {
        const due = addWorkingDays(d, n, s);
        return workingDaysBetween(d, due, s) === n && isWorkingDay(due, s);
      }),
      { numRuns: 300 },
    );
  });
});

// The statutory month is a period under Regulation (EEC, Euratom) 1182/71: art. 3(2)(c) it ends
// on the same date in the later month, or on that month's last day when the date does not exist;
// art. 3(4) when that day is a Saturday, Sunday or public holiday it ends at the end of the next
// working day. Each title below names the article the case follows.
describe('statutory maximum (AVG art. 12(3), Regulation 1182/71)', () => {
  it('R34 art. 3(2)(c): one month ends on the same date, clamped to the end of a shorter month', () => {
    // 31 Jan + 1 month: February 2025 has 28 days, February 2024 has 29.
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 2)).toBe('2026-01-30');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    // Fri 28 Feb 2025 and Tue 15 Apr 2025 are working days, so art. 3(4) changes nothing.
    expect(statutoryDeadline('2025-01-31', false, lustrumOnly)).toBe('2025-02-28');
    expect(statutoryDeadline('2025-03-15', false, lustrumOnly)).toBe('2025-04-15');
  });

  it('R34 art. 3(4): received 28-02-2026, the month ends on Saturday 28-03-2026, so the legal date is Monday 30-03-2026', () => {
    // 1 Jan 2026 is a Thursday; 28 Mar is 31 + 28 + 27 = 86 days later, 86 % 7 = 2 → Saturday.
    expect(isWorkingDay('2026-03-28', lustrumOnly)).toBe(false);
    expect(isWorkingDay('2026-03-29', lustrumOnly)).toBe(false);
    expect(statutoryDeadline('2026-02-28', false, lustrumOnly)).toBe('2026-03-30');
    // The organisation's own four-week term (MEE) is not a statutory period and is not moved: it
    // stays on the earlier, safe side; only the legal maximum moves.
    expect(requestDeadline('2026-02-28', 'verwijdering', mee)).toEqual({ due: '2026-03-28', statutoryMax: '2026-03-30' });
  });

  it('R34 art. 3(4): a month ending on Saturday 23-05-2026 passes Sunday and Whit Monday 25-05-2026 to Tuesday 26-05-2026', () => {
    // Easter 5 Apr 2026 + 50 = Mon 25 May, Tweede Pinksterdag.
    expect(statutoryDeadline('2026-04-23', false, lustrumOnly)).toBe('2026-05-26');
  });

  it('R34 art. 3(4): a month ending on Christmas Day (Thursday 25-12-2025) ends on Monday 29-12-2025', () => {
    // Thu 25 and Fri 26 Dec are Christmas, then the weekend.
    expect(statutoryDeadline('2025-11-25', false, lustrumOnly)).toBe('2025-12-29');
  });

  it('R34 art. 3(2)(c) then art. 3(4): 31-01-2026 + one month is Saturday 28-02-2026 (last day of February), so Monday 02-03-2026', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(statutoryDeadline('2026-01-31', false, lustrumOnly)).toBe('2026-03-02');
  });

  it('R34 R50 art. 3(4): whether Liberation Day moves the end depends on the holiday setting', () => {
    // 5 Apr 2026 + 1 month = Tue 5 May 2026, not a lustrum year.
    expect(statutoryDeadline('2026-04-05', false, lustrumOnly)).toBe('2026-05-05');
    expect(statutoryDeadline('2026-04-05', false, everyYear)).toBe('2026-05-06');
  });

  it('R34 art. 3(2)(c) and 3(4): the statutory end is always a working day within four days after the plain month (property)', () => {
    const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const settings = fc.constantFrom(lustrumOnly, everyYear, withGoodFriday);
    fc.assert(
      fc.property(day, fc.boolean(), settings, (d, extended, s) => {
        const plain = addMonths(d, extended ? 3 : 1);
        const end = statutoryDeadline(d, extended, s);
        const gap = workingDaysBetween(plain, end, s);
        // Longest run of non-working days: Christmas on a Thursday (Thu, Fri, Sat, Sun).
        const calendarGap = (Date.parse(end) - Date.parse(plain)) / 86_400_000;
        return isWorkingDay(end, s) && calendarGap >= 0 && calendarGap <= 4 && gap === (plain === end ? 0 : 1)
          && periodEnd(plain, s) === end && (isWorkingDay(plain, s) ? end === plain : end > plain);
      }),
      { numRuns: 400 },
    );
  });

  it('R34 art. 3(2)(c): an extension can never pass three months from receipt', () => {
    // 31 Jan + 3 months = 31 April, which does not exist → Wed 30 April 2025, a working day.
    expect(statutoryDeadline('2025-01-31', true, lustrumOnly)).toBe('2025-04-30');
    const r = requestDeadline('2025-01-31', 'inzage', factorTwee, {
      extended: true,
      extendedTo: '2025-12-31',
    });
    expect(r).toEqual({ due: '2025-04-30', statutoryMax: '2025-04-30' });
  });

  it('R34 art. 3(4): an extension to three months ending on Saturday 31-10-2026 may run to Monday 02-11-2026', () => {
    expect(requestDeadline('2026-07-31', 'inzage', factorTwee, { extended: true, extendedTo: '2026-12-31' }))
      .toEqual({ due: '2026-11-02', statutoryMax: '2026-11-02' });
  });

  it('R34 art. 3(2)(c): an extension without a promised date runs to the three-month maximum', () => {
    // 3 Mar 2025 + 3 months = Tue 3 Jun 2025.
    expect(requestDeadline('2025-03-03', 'inzage', factorTwee, { extended: true })).toEqual({
      due: '2025-06-03',
      statutoryMax: '2025-06-03',
    });
    // A promised date inside the window is kept.
    expect(
      requestDeadline('2025-03-03', 'inzage', factorTwee, { extended: true, extendedTo: '2025-05-15' }).due,
    ).toBe('2025-05-15');
  });

  it('R34 art. 3(2)(c): a policy term longer than the statutory month is capped at one month', () => {
    const slow = PolicyProfile.parse({
      ...factorTwee,
      terms: { ...factorTwee.terms, inzage: { unit: 'workingDays', amount: 30 } },
    });
    // 30 working days from 3 Mar 2025 lands in mid-April; one month is Thu 3 Apr 2025.
    expect(requestDeadline('2025-03-03', 'inzage', slow)).toEqual({
      due: '2025-04-03',
      statutoryMax: '2025-04-03',
    });
    // art. 3(4): from 28 Feb 2026 the cap is the legal date Mon 30 Mar 2026, not Saturday 28 Mar.
    expect(requestDeadline('2026-02-28', 'inzage', slow).due).toBe('2026-03-30');
  });
});

describe('invalid input', () => {
  it('R50 invalid dates are rejected, never rolled over', () => {
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-2-3', 'abc', '']) {
      expect(() => addWorkingDays(bad, 1, lustrumOnly)).toThrow(/Invalid date/);
      expect(() => isWorkingDay(bad, lustrumOnly)).toThrow(/Invalid date/);
      expect(() => addMonths(bad, 1)).toThrow(/Invalid date/);
      expect(() => requestDeadline(bad, 'inzage', factorTwee)).toThrow(/Invalid date/);
      expect(() => workingDaysBetween(bad, '2025-01-01', lustrumOnly)).toThrow(/Invalid date/);
    }
    // A leap day that exists is fine.
    expect(isWorkingDay('2024-02-29', lustrumOnly)).toBe(true);
  });

  it('R50 negative or fractional counts are rejected', () => {
    expect(() => addWorkingDays('2025-01-06', -1, lustrumOnly)).toThrow(/Invalid/);
    expect(() => addWorkingDays('2025-01-06', 1.5, lustrumOnly)).toThrow(/Invalid/);
    expect(() => addMonths('2025-01-06', 0.5)).toThrow(/Invalid/);
  });
});

describe('Dutch calendar dates of instants (R43, R40)', () => {
  it('R43 an instant has the date of Europe/Amsterdam, across both DST changes, never the machine zone; years clamp 29 February', async () => {
    const { amsterdamDate, addYears, daysBetween } = await import('../../core/calendar/index.ts');
    expect(amsterdamDate('2026-03-01T22:59:59Z')).toBe('2026-03-01'); // 23:59 winter time
    expect(amsterdamDate('2026-03-01T23:00:00Z')).toBe('2026-03-02');
    expect(amsterdamDate('2026-03-29T00:59:00Z')).toBe('2026-03-29'); // the night clocks go forward
    expect(amsterdamDate('2026-07-01T21:59:59Z')).toBe('2026-07-01'); // 23:59 summer time
    expect(amsterdamDate('2026-07-01T22:00:00Z')).toBe('2026-07-02');
    expect(amsterdamDate('2026-10-24T22:00:00Z')).toBe('2026-10-25');
    expect(amsterdamDate(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25'); // after clocks go back: +1
    expect(() => amsterdamDate('gisteren')).toThrow(/Invalid/);
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(daysBetween('2026-03-02', '2026-05-31')).toBe(90);
  });
});
