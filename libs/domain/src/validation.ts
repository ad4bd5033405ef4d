import { rule } from './errors.js';
import { isValidId } from './streams.js';

/** Text from people: trimmed, non-empty, bounded and already NFC (Vietnamese must round-trip exactly). */
export function requireText(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw rule('TEXT_REQUIRED', `${field} is required`, field);
  if (value !== value.trim())
    throw rule('TEXT_NOT_TRIMMED', `${field} has leading or trailing spaces`, field);
  if (value.normalize('NFC') !== value) throw rule('TEXT_NOT_NFC', `${field} must be Unicode NFC`, field);
  if (value.length > max) throw rule('TEXT_TOO_LONG', `${field} is longer than ${max} characters`, field);
  return value;
}

export function optionalText(value: unknown, field: string, max = 500): string | undefined {
  return value === undefined ? undefined : requireText(value, field, max);
}

/** Corrections, withdrawals, reopenings and rejections must say why (DESIGN.md §4). */
export function requireReason(value: unknown, field = 'reason'): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw rule('REASON_REQUIRED', `${field} is required`, field);
  return requireText(value, field, 1000);
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isValidId(value))
    throw rule('INVALID_ID', `${field} must be 1..64 of a-z, 0-9 and '-'`, field);
  return value;
}

export function requireYear(value: unknown, field = 'year'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1945 || value > 2200)
    throw rule('INVALID_YEAR', `${field} must be an integer year`, field);
  return value;
}

export function requirePositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000)
    throw rule('INVALID_NUMBER', `${field} must be a positive integer`, field);
  return value;
}

/** ISO-8601 date-time with a zone, as the handler's clock writes it. */
export function requireIsoTime(value: unknown, field = 'at'): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw rule('INVALID_TIME', `${field} must be an ISO-8601 date-time with a zone`, field);
  return value;
}

/** A calendar date YYYY-MM-DD that exists (e.g. the date printed on an award decision). */
export function requireDate(value: unknown, field: string): string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) throw rule('INVALID_DATE', `${field} must be YYYY-MM-DD`, field);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (days === undefined || d < 1 || d > days)
    throw rule('INVALID_DATE', `${field} is not a calendar date`, field);
  return value as string;
}

/**
 * Points: finite, at most two decimals, 0 ≤ points ≤ max. Penalty points are entered as positive
 * numbers and subtracted by the evaluator, so the same bound applies to every kind.
 */
export function requirePoints(value: unknown, max: number, field = 'points'): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw rule('POINTS_INVALID', `${field} must be a finite number`, field);
  if (Number(value.toFixed(2)) !== value)
    throw rule('POINTS_PRECISION', `${field} may have at most two decimals`, field);
  if (value < 0 || value > max)
    throw rule('POINTS_OUT_OF_RANGE', `${field} must be between 0 and ${max}`, field);
  return value;
}

export function requireArray(value: unknown, field: string, min = 0, max = 1000): unknown[] {
  if (!Array.isArray(value)) throw rule('INVALID_LIST', `${field} must be a list`, field);
  if (value.length < min) throw rule('LIST_TOO_SHORT', `${field} needs at least ${min} item(s)`, field);
  if (value.length > max) throw rule('LIST_TOO_LONG', `${field} allows at most ${max} items`, field);
  return value;
}

/** Refuses a repeated value in a list (codes, unit ids). */
export function requireUnique(values: readonly string[], field: string, code = 'DUPLICATE_VALUE'): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw rule(code, `${field} repeats '${v}'`, field);
    seen.add(v);
  }
}
