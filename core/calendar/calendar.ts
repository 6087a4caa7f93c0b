// The one working-day calendar (R50, R34). Legal dates are local dates written 'YYYY-MM-DD'; all
// arithmetic happens on whole day numbers (days since 1970-01-01, UTC midnight), so neither the
// machine's time zone nor a DST change can shift a deadline by a day.
import Holidays from 'date-holidays';
import {
  STATUTORY_EXTENSION_MONTHS,
  STATUTORY_MONTHS,
  type HolidaySettings,
  type PolicyProfile,
  type RequestType,
  type Term,
} from '../policy/profile.ts';

export type IsoDate = string;
export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number; // 1–12
  d: number;
}

function parseYmd(date: IsoDate): Ymd {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new Error(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  // Refuse instead of letting Date roll 2025-02-30 over into March.
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new Error(`Invalid date ${JSON.stringify(date)}: no such day in the calendar`);
  }
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toDayNumber({ y, m, d }: Ymd): number {
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  return Math.round(utc.getTime() / MS_PER_DAY);
}

function fromDayNumber(day: number): IsoDate {
  const dt = new Date(day * MS_PER_DAY);
  const y = dt.getUTCFullYear();
  if (y < 1 || y > 9999) throw new Error(`Date out of range: year ${y}`);
  return formatYmd({ y, m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

function formatYmd({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dayNumber(date: IsoDate): number {
  return toDayNumber(parseYmd(date));
}

function weekday(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay(); // 0 = Sunday, 6 = Saturday
}

function requireInteger(n: number, what: string, min = -Infinity): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new Error(`Invalid ${what} ${String(n)}: expected an integer${min > -Infinity ? ` ≥ ${min}` : ''}`);
  }
}

/** Throws a clear Error unless `date` is an existing calendar date written YYYY-MM-DD. */
export function assertIsoDate(date: IsoDate): void {
  parseYmd(date);
}

// ---------------------------------------------------------------------------------------------
// Public holidays

// Keyed by the library's rule rather than its (translatable) name. 'public' covers Nieuwjaarsdag,
// Tweede Paasdag, Koningsdag (Koninginnedag before 2014), Hemelvaartsdag, Tweede Pinksterdag and
// both Christmas days; Easter Sunday and Whit Sunday are dropped because they are Sundays anyway.
const SUNDAY_FEASTS = new Set(['easter', 'easter 49']);
const LIBERATION_DAY_RULE = '05-05';
const GOOD_FRIDAY_RULE = 'easter -2';

const holidays = new Holidays('NL', { languages: 'nl' });
const holidayCache = new Map<string, readonly PublicHoliday[]>();

function counts(h: { rule: string; type: string }, year: number, settings: HolidaySettings): boolean {
  if (h.rule === LIBERATION_DAY_RULE) return settings.liberationDay === 'every-year' || year % 5 === 0;
  if (h.rule === GOOD_FRIDAY_RULE) return settings.goodFriday;
  return h.type === 'public' && !SUNDAY_FEASTS.has(h.rule);
}

/** The Dutch public holidays that count as non-working days in `year`, sorted by date. */
export function dutchPublicHolidays(year: number, settings: HolidaySettings): readonly PublicHoliday[] {
  requireInteger(year, 'year', 1);
  const key = `${year}|${settings.liberationDay}|${settings.goodFriday}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const found = holidays.getHolidays(year, 'nl');
  const list: PublicHoliday[] = [];
  for (const h of found) {
    if (!counts(h, year, settings)) continue;
    // The library's date string is already in Dutch local time: 'YYYY-MM-DD hh:mm:ss'.
    const date = h.date.slice(0, 10);
    if (!list.some((x) => x.date === date)) list.push({ date, name: h.name });
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(list.map((h) => Object.freeze(h)));
  holidayCache.set(key, frozen);
  return frozen;
}

function isHoliday(day: number, settings: HolidaySettings): boolean {
  const date = fromDayNumber(day);
  const year = Number(date.slice(0, 4));
  return dutchPublicHolidays(year, settings).some((h) => h.date === date);
}

function isWorkingDayNumber(day: number, settings: HolidaySettings): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !isHoliday(day, settings);
}

// ---------------------------------------------------------------------------------------------
// Day arithmetic

/** Not a Saturday or Sunday and not a counted public holiday (R50). */
export function isWorkingDay(date: IsoDate, settings: HolidaySettings): boolean {
  return isWorkingDayNumber(dayNumber(date), settings);
}

/**
 * The date on which the n-th working day after `date` falls. The receipt day itself is day 0, so
 * a request received on a Friday with n = 1 is due on Monday (if that is a working day); n = 0
 * returns `date` unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number, settings: HolidaySettings): IsoDate {
  requireInteger(n, 'number of working days', 0);
  let day = dayNumber(date);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day, settings)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Plain calendar days; no rollover to the next working day (an earlier deadline is the safe side). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'number of days');
  return fromDayNumber(dayNumber(date) + n);
}

/** The end of a policy term counted from `date` (receipt is day 0). */
export function addTerm(date: IsoDate, term: Term, settings: HolidaySettings): IsoDate {
  switch (term.unit) {
    case 'workingDays':
      return addWorkingDays(date, term.amount, settings);
    case 'calendarWeeks':
      requireInteger(term.amount, 'number of weeks', 0);
      return addCalendarDays(date, term.amount * 7);
    case 'calendarDays':
      requireInteger(term.amount, 'number of days', 0);
      return addCalendarDays(date, term.amount);
    default: {
      const unit: never = term.unit;
      throw new Error(`Unknown term unit ${JSON.stringify(unit)}`);
    }
  }
}

/** Whole years: 29 February plus one year is 28 February (as addMonths clamps). */
export function addYears(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'number of years');
  return addMonths(date, n * 12);
}

const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The Dutch calendar date of an instant (a stored ISO timestamp, or now): 23:30 UTC on 1 March is
 * already 2 March in Amsterdam. Never the machine's own time zone.
 */
export function amsterdamDate(instant: string | Date): IsoDate {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  if (Number.isNaN(ms)) throw new Error(`Invalid instant ${JSON.stringify(String(instant))}`);
  // The Dutch date is the same for a whole UTC hour (offsets and DST changes are whole hours), so
  // lists of thousands of timestamps format each hour once.
  const hour = Math.floor(ms / 3_600_000);
  let date = amsterdamHours.get(hour);
  if (date === undefined) {
    if (amsterdamHours.size > 50_000) amsterdamHours.clear();
    amsterdamHours.set(hour, (date = amsterdam.format(new Date(ms)))); // en-CA formats as YYYY-MM-DD
  }
  return date;
}
const amsterdamHours = new Map<number, IsoDate>();

/** Days from one date to another (negative when `to` lies before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Calendar months; a day that does not exist in the target month clamps to its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  requireInteger(n, 'number of months');
  const { y, m, d } = parseYmd(date);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  if (ty < 1 || ty > 9999) throw new Error(`Date out of range: year ${ty}`);
  return formatYmd({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/**
 * Regulation (EEC, Euratom) 1182/71 art. 3(4): a period (other than in hours) whose last day is a
 * Saturday, Sunday or public holiday ends at the end of the following working day. `date` itself
 * when it is a working day.
 */
export function periodEnd(date: IsoDate, settings: HolidaySettings): IsoDate {
  let day = dayNumber(date);
  while (!isWorkingDayNumber(day, settings)) day += 1;
  return fromDayNumber(day);
}

/**
 * AVG art. 12(3): one month after receipt, or three months when extended with notice (R34),
 * counted per Regulation 1182/71: art. 3(2)(c) the same date in the later month (or its last day,
 * addMonths), art. 3(4) moved to the next working day when that is a weekend or public holiday.
 */
export function statutoryDeadline(received: IsoDate, extended: boolean, settings: HolidaySettings): IsoDate {
  return periodEnd(addMonths(received, STATUTORY_MONTHS + (extended ? STATUTORY_EXTENSION_MONTHS : 0)), settings);
}

export interface RequestDeadlineOptions {
  /** The participant was notified that the term is extended (AVG art. 12(3)). */
  extended?: boolean;
  /** The new date promised in that notice; defaults to the furthest date the law allows. */
  extendedTo?: IsoDate;
}

export interface RequestDeadline {
  /** When the answer is due: the policy term, never later than the statutory maximum. */
  due: IsoDate;
  /** The latest date the law allows: one month, or three months when extended (statutoryDeadline). */
  statutoryMax: IsoDate;
}

/**
 * The deadline for a data-subject request (R34, R50). Without extension: the earlier of the
 * profile's term and one month. With extension the notice replaces the policy term: the promised
 * date, clamped so that it never passes three months from receipt.
 */
export function requestDeadline(
  received: IsoDate,
  type: RequestType,
  profile: PolicyProfile,
  opts: RequestDeadlineOptions = {},
): RequestDeadline {
  const extended = opts.extended === true || opts.extendedTo !== undefined;
  const statutoryMax = statutoryDeadline(received, extended, profile.holidays);
  const term = profile.terms[type];
  if (!term) throw new Error(`Unknown request type ${JSON.stringify(type)}`);
  const policyDue = addTerm(received, term, profile.holidays);
  let due = minDate(policyDue, statutoryDeadline(received, false, profile.holidays));
  if (extended) {
    const promised = opts.extendedTo ?? statutoryMax;
    if (dayNumber(promised) < dayNumber(received)) {
      throw new Error(`Invalid extension ${promised}: before receipt ${received}`);
    }
    due = minDate(maxDate(promised, due), statutoryMax);
  }
  return { due, statutoryMax };
}

/**
 * The number of working days in (from, to]: how many working days remain until a deadline, for
 * "due within 2 working days" highlighting. Negative when `to` lies before `from` (overdue).
 * Inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, settings: HolidaySettings): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) {
    if (isWorkingDayNumber(day, settings)) count += 1;
  }
  return sign * count;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return dayNumber(a) <= dayNumber(b) ? a : b;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return dayNumber(a) >= dayNumber(b) ? a : b;
}
