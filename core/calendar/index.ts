export {
  assertIsoDate,
  dutchPublicHolidays,
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  addTerm,
  addMonths,
  statutoryDeadline,
  requestDeadline,
  workingDaysBetween,
} from './calendar.ts';
export type { IsoDate, PublicHoliday, RequestDeadline, RequestDeadlineOptions } from './calendar.ts';
