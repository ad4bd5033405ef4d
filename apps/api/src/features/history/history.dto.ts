import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MinPositionQuery } from '../../common/read-your-writes.js';

export const DEFAULT_HISTORY_LIMIT = 50;
export const MAX_HISTORY_LIMIT = 500;

/** GET /units/{u}/history */
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
}
