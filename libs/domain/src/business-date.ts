import { rule } from './errors.js';
import type { PeriodCode } from './periods.js';
import { requireDate, requireIsoTime } from './validation.js';

/**
 * Business dates: the date an act has in the world (signed on, held on, scored for, received on, decided
 * on), beside the instant it was recorded. Dates are calendar dates `YYYY-MM-DD`, so they compare as
 * strings. Pure arithmetic (no clock): the recording instant arrives with the command.
 */

/** Vietnam keeps UTC+07:00 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Vietnam of an ISO-8601 instant: the date an act recorded then would carry. */
export function recordingDate(at: string): string {
  return new Date(Date.parse(at) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The business date of a command: the date given (validated) or, when none is given, the date it is
 * recorded on; never after the recording date (an act cannot be dated in the future of its record).
 */
export function requireActDate(value: unknown, at: string, field = 'effectiveDate'): string {
  const recorded = recordingDate(requireIsoTime(at));
  if (value === undefined) return recorded;
  const date = requireDate(value, field);
  if (date > recorded)
    throw rule(
      'EFFECTIVE_DATE_AFTER_RECORDING',
      `${field} ${date} is after the date it is recorded on (${recorded})`,
      field,
    );
  return date;
}

/** Refuses a date before an earlier act it follows (`what` names that act in the message). */
export function requireNotBefore(
  date: string,
  earliest: string | undefined,
  what: string,
  field = 'effectiveDate',
): void {
  if (earliest !== undefined && date < earliest)
    throw rule('EFFECTIVE_DATE_OUT_OF_ORDER', `${field} ${date} is before ${what} (${earliest})`, field);
}

/**
 * An organizer's emulation window for a year (a recorded policy, e.g. the Ministry's year closing in
 * November): every act of its cluster-years for that year is dated inside it; `reviewsFrom` lets a
 * period be reviewed (closed) before it ends — e.g. the year-end review held in November.
 */
export interface EmulationWindow {
  opensOn: string;
  closesOn: string;
  reviewsFrom?: Partial<Record<PeriodCode, string>>;
}

/** The calendar end of a period, or the window's close when that is earlier (Q4 and Y). */
export function periodEnd(year: number, period: PeriodCode, window?: EmulationWindow): string {
  const end: Record<PeriodCode, string> = {
    Q1: `${year}-03-31`,
    Q2: `${year}-06-30`,
    H1: `${year}-06-30`,
    Q3: `${year}-09-30`,
    M9: `${year}-09-30`,
    Q4: `${year}-12-31`,
    Y: `${year}-12-31`,
  };
  const calendar = end[period];
  return window && window.closesOn < calendar ? window.closesOn : calendar;
}

/** The first date a period may be reviewed on: the window's `reviewsFrom`, else the period's end. */
export function reviewFrom(year: number, period: PeriodCode, window?: EmulationWindow): string {
  return window?.reviewsFrom?.[period] ?? periodEnd(year, period, window);
}

/** Refuses an act of the year dated outside the organizer's recorded window (no window: no limit). */
export function requireInWindow(
  date: string,
  window: EmulationWindow | undefined,
  year: number,
  field: string,
): void {
  if (window && (date < window.opensOn || date > window.closesOn))
    throw rule(
      'EFFECTIVE_DATE_OUTSIDE_WINDOW',
      `${field} ${date} is outside the organizer's emulation window for ${year} (${window.opensOn} – ${window.closesOn})`,
      field,
    );
}
