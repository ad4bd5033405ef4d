import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '@thidua/domain';
import { HISTORY_SCAN_LIMIT } from '@thidua/projections';
import { PlainQuery } from '../../common/plain-query.js';
import { MinPositionQuery } from '../../common/read-your-writes.js';

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 500;

/** GET /units/{u}/history */
@PlainQuery({ integers: ['after', 'limit', 'minPosition'] })
export class UnitHistoryQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Cursor: entries with an event position greater than this (the previous page’s `nextAfter`)',
    default: 0,
    example: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Entries per page',
    default: DEFAULT_HISTORY_LIMIT,
    maximum: MAX_HISTORY_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Only entries of these event types; repeat the parameter for several (`type=ScoreRecorded&type=ScoreCorrected`). ' +
      `A filtered page reads at most ${HISTORY_SCAN_LIMIT} entries, so it may hold fewer than \`limit\` (even none): ` +
      'go on while `nextAfter` is not null.',
    enum: DOMAIN_EVENT_TYPES,
    enumName: 'EventType',
    isArray: true,
    example: ['ScoreRecorded', 'ScoreCorrected'],
  })
  @IsOptional()
  // One value arrives as a string, several as an array.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(DOMAIN_EVENT_TYPES.length)
  @IsIn(DOMAIN_EVENT_TYPES, { each: true })
  type?: DomainEventType[];
}
