import { createParamDecorator, Injectable, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { isPeriodCode, isValidId, type PeriodCode } from '@thidua/domain';
import { ApiError } from '../../common/api-error.js';

const invalid = (field: string, message: string) => new ApiError(400, 'VALIDATION_FAILED', message, field);

/** A path id (`clusterId`, `unitId`, `entryId`…): the domain's id pattern, else 400 naming the parameter. */
export class IdParam implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}
  transform(value: string): string {
    if (!isValidId(value)) throw invalid(this.field, `${this.field} must be 1..64 of a-z, 0-9 and '-'`);
    return value;
  }
}

/** The `{y}` of a cluster-year path: a four-digit year. */
@Injectable()
export class YearParam implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 1945 && year <= 2200)) throw invalid('year', 'year must be a year between 1945 and 2200');
    return year;
  }
}

/** The `{p}` of a period path: Q1 Q2 Q3 Q4 H1 M9 Y. */
@Injectable()
export class PeriodParam implements PipeTransform<string, PeriodCode> {
  transform(value: string): PeriodCode {
    if (!isPeriodCode(value)) throw invalid('period', 'period must be Q1, Q2, Q3, Q4, H1, M9 or Y');
    return value;
  }
}

/**
 * `If-Match`: the revision the client expects the target stream to be at (optimistic concurrency).
 * A revision number (`7` or the entity-tag form `"7"`), or `-1` / `no-stream` for a stream that must
 * not exist yet. Absent: no expectation (conflicting writers are retried instead).
 */
export function parseIfMatch(header: unknown): number | undefined {
  if (header === undefined) return undefined;
  const raw = typeof header === 'string' ? header.trim().replace(/^"(.*)"$/, '$1') : '';
  if (raw === 'no-stream' || raw === '-1') return -1;
  if (/^(0|[1-9]\d{0,14})$/.test(raw)) return Number(raw);
  throw invalid('If-Match', 'If-Match must be a stream revision (e.g. "7"), or "-1" / "no-stream"');
}

export const IfMatch = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): number | undefined =>
    parseIfMatch(
      execution.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['if-match'],
    ),
);
