import { addDays, daysBetween } from '../business-date.js';

/**
 * Vietnam's fixed solar public holidays (Bộ luật Lao động 2019 art. 112: 1/1, 30/4, 1/5, 2/9). Tết and
 * Giỗ Tổ Hùng Vương follow the lunar calendar and the Government's yearly notice (with compensatory days),
 * so they are not computed here: a caller passes them in `extraHolidays` when they fall in the notice.
 */
export function fixedHolidays(year: number): string[] {
  return ['01-01', '04-30', '05-01', '09-02'].map((md) => `${year}-${md}`);
}

/** Day of week of a calendar date, 0 = Sunday … 6 = Saturday (pure arithmetic, UTC). */
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * Working days (ngày làm việc) from `from` to `to`, both included: Monday to Friday, less the fixed
 * holidays of the years spanned and `extraHolidays`. 0 when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, extraHolidays: readonly string[] = []): number {
  const span = daysBetween(from, to);
  if (span < 0) return 0;
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(to.slice(0, 4));
  const holidays = new Set(extraHolidays);
  for (let y = firstYear; y <= lastYear; y++) for (const h of fixedHolidays(y)) holidays.add(h);
  let count = 0;
  for (let i = 0; i <= span; i++) {
    const day = addDays(from, i);
    const w = weekday(day);
    if (w !== 0 && w !== 6 && !holidays.has(day)) count++;
  }
  return count;
}
