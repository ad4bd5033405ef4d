import { rule } from './errors.js';

/** Scoring periods of an emulation year: quarters (Quý), the half-year, nine months and the year. */
export type PeriodCode = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'H1' | 'M9' | 'Y';

export const PERIODS: ReadonlyArray<{ code: PeriodCode; label: string }> = [
  { code: 'Q1', label: 'Quý I' },
  { code: 'Q2', label: 'Quý II' },
  { code: 'Q3', label: 'Quý III' },
  { code: 'Q4', label: 'Quý IV' },
  { code: 'H1', label: '6 tháng đầu năm' },
  { code: 'M9', label: '9 tháng' },
  { code: 'Y', label: 'Năm' },
];

export function isPeriodCode(value: unknown): value is PeriodCode {
  return typeof value === 'string' && PERIODS.some((p) => p.code === value);
}

export function requirePeriodCode(value: unknown, field = 'period'): PeriodCode {
  if (!isPeriodCode(value)) throw rule('INVALID_PERIOD', 'period must be Q1, Q2, Q3, Q4, H1, M9 or Y', field);
  return value;
}
