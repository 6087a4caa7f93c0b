// The app's date field reads what a Dutch user types (issue 13: DD-MM-JJJJ everywhere).
import { describe, expect, it } from 'vitest';
import { parseDutchDate } from '../../renderer/components/dates.ts';

describe('typing a date', () => {
  it('reads DD-MM-JJJJ with dashes, slashes or dots, and ISO dates', () => {
    expect(parseDutchDate('12-04-1990')).toBe('1990-04-12');
    expect(parseDutchDate('2/3/2026')).toBe('2026-03-02');
    expect(parseDutchDate(' 28.02.2026 ')).toBe('2026-02-28');
    expect(parseDutchDate('1990-04-12')).toBe('1990-04-12');
  });

  it('never reads a day as a month, and refuses what is no date', () => {
    expect(parseDutchDate('04-12-1990')).toBe('1990-12-04'); // 4 December, not 12 April
    for (const bad of ['31-02-2026', '29-02-2025', '00-01-2026', '12-13-2026', '12-04-90', 'morgen', '', '2026-02-30']) expect(parseDutchDate(bad), bad).toBeNull();
    expect(parseDutchDate('29-02-2028')).toBe('2028-02-29');
  });
});
