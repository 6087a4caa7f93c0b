export {
  assertIsoDate,
  dutchPublicHolidays,
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  addTerm,
  addMonths,
  addYears,
  amsterdamDate,
  daysBetween,
  statutoryDeadline,
  periodEnd,
  requestDeadline,
  workingDaysBetween,
} from './calendar.ts';
export type { IsoDate, PublicHoliday, RequestDeadline, RequestDeadlineOptions } from './calendar.ts';
