// Reading a date as a Dutch user types it (DateField); pure, so the test suite checks it.
import dayjs from 'dayjs';

/** Typed dates: 12-04-1990, 12/4/1990, 12.04.1990 and 1990-04-12; anything else is no date. */
export function parseDutchDate(text: string): string | null {
  const t = text.trim();
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [y, m, d] = nl ? [nl[3]!, nl[2]!, nl[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [null, null, null];
  if (!y || !m || !d) return null;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  // 31-02-2026 is no date: dayjs would roll it over to March, so compare the formatted value back.
  const parsed = dayjs(`${value}T00:00:00`);
  return parsed.isValid() && parsed.format('YYYY-MM-DD') === value ? value : null;
}
