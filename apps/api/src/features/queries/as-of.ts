import type { EvaluateOptions } from '@thidua/domain';
import { ApiError } from '../../common/api-error.js';

/** `?asOf=`: a global position (digits) or an ISO-8601 date-time with a zone. */
export const AS_OF_PATTERN =
  /^(\d{1,16}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))$/;

export const AS_OF_DESCRIPTION =
  'As of (tại thời điểm): a global event position (e.g. 42) or an ISO-8601 date-time with a zone ' +
  '(e.g. 2021-03-31T17:00:00Z). The ranking is computed at query time by the same evaluator over the ' +
  "cluster-year's events up to that position, or that occurred at or before that time.";

export const AS_OF_EFFECTIVE_DESCRIPTION =
  'As of a business date (tính đến ngày): YYYY-MM-DD. Only the acts dated on or before that day count — ' +
  'what had been signed, scored, reviewed or decided by then, however late it was recorded (a 2017 record ' +
  'loaded in 2026 counts on its 2017 date). May be combined with asOf (both limits apply).';

type AsOf = Pick<EvaluateOptions, 'upToPosition' | 'upToTime' | 'upToEffectiveDate'>;

/**
 * The evaluator options for `asOf` (a position or an instant) and `asOfEffective` (a business date,
 * already checked by the query DTO); undefined → the whole stream. 400 on a bad asOf.
 */
export function asOfOptions(asOf: string | undefined, asOfEffective?: string): AsOf {
  const byDate = asOfEffective === undefined ? {} : { upToEffectiveDate: asOfEffective };
  return { ...byDate, ...recordedAsOf(asOf) };
}

function recordedAsOf(asOf: string | undefined): Pick<EvaluateOptions, 'upToPosition' | 'upToTime'> {
  if (asOf === undefined) return {};
  if (AS_OF_PATTERN.test(asOf)) {
    if (/^\d+$/.test(asOf)) {
      const position = Number(asOf);
      if (Number.isSafeInteger(position)) return { upToPosition: position };
    } else if (!Number.isNaN(Date.parse(asOf)) && isCalendarDate(asOf)) {
      return { upToTime: asOf };
    }
  }
  throw new ApiError(
    400,
    'VALIDATION_FAILED',
    'asOf must be an event position (a non-negative integer) or an ISO-8601 date-time with a zone',
    'asOf',
  );
}

/** Date.parse rolls 2021-02-30 over to March; a date that does not exist is refused instead. */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}
