import { DomainError } from './errors.js';
import {
  optionalText,
  requireArray,
  requireDate,
  requireIsoTime,
  requirePoints,
  requirePositiveInteger,
  requireText,
  requireUnique,
  requireYear,
} from './validation.js';

// The checks every decider refuses bad input with: each bound on both sides, and the exact code and field.
const refusal = (f: () => unknown): { code: string; field: string | undefined } => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('not refused');
};

describe('text', () => {
  it('is refused with leading or trailing spaces, kept as given otherwise', () => {
    expect(refusal(() => requireText(' Hà Nội', 'place'))).toEqual({
      code: 'TEXT_NOT_TRIMMED',
      field: 'place',
    });
    expect(refusal(() => requireText('Hà Nội ', 'place'))).toEqual({
      code: 'TEXT_NOT_TRIMMED',
      field: 'place',
    });
    expect(requireText('Hà Nội', 'place')).toBe('Hà Nội');
    expect(optionalText(undefined, 'note')).toBeUndefined();
  });
});

describe('a year', () => {
  it('runs from 1945 to 2200, whole', () => {
    for (const y of [1945, 2200]) expect(requireYear(y)).toBe(y);
    for (const y of [1944, 2201, 2021.5, '2021'])
      expect(refusal(() => requireYear(y))).toEqual({ code: 'INVALID_YEAR', field: 'year' });
  });
});

describe('a positive integer', () => {
  it('runs from 1 to 1 000 000, whole', () => {
    for (const n of [1, 1_000_000]) expect(requirePositiveInteger(n, 'number')).toBe(n);
    for (const n of [0, 1_000_001, 2.5, '3'])
      expect(refusal(() => requirePositiveInteger(n, 'number'))).toEqual({
        code: 'INVALID_NUMBER',
        field: 'number',
      });
  });
});

describe('an instant', () => {
  it('is an ISO-8601 date-time with a zone, seconds and fractions optional', () => {
    for (const t of ['2021-11-19T09:00Z', '2021-11-19T09:00:00+07:00', '2021-11-19T09:00:00.123456789-05:30'])
      expect(requireIsoTime(t)).toBe(t);
  });

  it.each([
    ['without a zone', '2021-11-19T09:00:00'],
    ['with an extended year', '+002021-11-19T09:00:00Z'],
    ['with a one-digit zone hour', '2021-11-19T09:00:00+7:00'],
    ['with a zone without minutes', '2021-11-19T09:00:00+07'],
    ['in a month that does not exist', '2021-13-01T09:00Z'],
    ['in a list', ['2021-11-19T09:00:00Z']],
  ])('is refused %s', (_what, t) => {
    expect(refusal(() => requireIsoTime(t, 'at'))).toEqual({ code: 'INVALID_TIME', field: 'at' });
  });
});

describe('a calendar date', () => {
  it('has 29 February in leap years only (every 4th year, not centuries but every 400th)', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2021-12-31', '2021-01-01'])
      expect(requireDate(d, 'd')).toBe(d);
    for (const d of ['2023-02-29', '1900-02-29', '2021-04-31', '2021-01-00', '2021-13-01', '2021-00-10'])
      expect(refusal(() => requireDate(d, 'd'))).toEqual({ code: 'INVALID_DATE', field: 'd' });
  });

  it('is exactly YYYY-MM-DD, a text', () => {
    for (const d of ['x2021-01-01', '2021-01-01x', ['2021-01-01']])
      expect(refusal(() => requireDate(d, 'd'))).toEqual({ code: 'INVALID_DATE', field: 'd' });
  });
});

describe('points', () => {
  it('run from 0 to the maximum with two decimals at most', () => {
    for (const p of [0, 30, 12.25]) expect(requirePoints(p, 30)).toBe(p);
    expect(refusal(() => requirePoints(30.01, 30))).toEqual({ code: 'POINTS_OUT_OF_RANGE', field: 'points' });
    expect(refusal(() => requirePoints(-0.01, 30))).toEqual({ code: 'POINTS_OUT_OF_RANGE', field: 'points' });
    expect(refusal(() => requirePoints(1.005, 30))).toEqual({ code: 'POINTS_PRECISION', field: 'points' });
    expect(refusal(() => requirePoints('5', 30, 'proposedPoints'))).toEqual({
      code: 'POINTS_INVALID',
      field: 'proposedPoints',
    });
  });
});

describe('lists', () => {
  it('are bounded on both sides', () => {
    expect(requireArray([1], 'l', 1, 2)).toEqual([1]);
    expect(requireArray([1, 2], 'l', 1, 2)).toEqual([1, 2]);
    expect(refusal(() => requireArray([], 'l', 1, 2))).toEqual({ code: 'LIST_TOO_SHORT', field: 'l' });
    expect(refusal(() => requireArray([1, 2, 3], 'l', 1, 2))).toEqual({ code: 'LIST_TOO_LONG', field: 'l' });
  });

  it('of unique values refuse a repeat, with the code given or DUPLICATE_VALUE', () => {
    expect(() => requireUnique(['a', 'b'], 'l')).not.toThrow();
    expect(refusal(() => requireUnique(['a', 'b', 'a'], 'l'))).toEqual({
      code: 'DUPLICATE_VALUE',
      field: 'l',
    });
  });
});
