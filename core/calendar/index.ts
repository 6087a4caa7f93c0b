export {
  assertIsoDate,
  dutchPublicHolidays,
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  addTerm,
  addMonths,
  statutoryDeadline,
  periodEnd,
  requestDeadline,
  workingDaysBetween,
} from './calendar.ts';
export type { IsoDate, PublicHoliday, RequestDeadline, RequestDeadlineOptions } from './calendar.ts';
