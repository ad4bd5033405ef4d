import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MinPositionQuery } from '../../common/read-your-writes.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { ID_PATTERN } from '../write/dto-validators.js';

const ID_MESSAGE = "$property must be 1..64 of a-z, 0-9 and '-'";
const CODE_PATTERN = /^[a-z0-9-]{1,64}$/;
export const DEFAULT_AWARD_LIMIT = 100;
export const MAX_AWARD_LIMIT = 500;

/** GET /totals/{y}/awards: exactly one of cluster, unit (checked by the controller: 400 otherwise). */
export class AwardListQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({
    description: 'The awards counted for a cluster that year: its member units and every unit under them',
    example: DEMO.totals.cluster,
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  cluster?: string;

  @ApiPropertyOptional({
    description: 'The awards of one unit (the collective and its people)',
    example: DEMO.awardList.unit,
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unit?: string;

  @ApiPropertyOptional({
    description: 'With `unit` only: `true` adds every unit under it (its sub-collectives and their people)',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  subUnits?: 'true' | 'false';

  @ApiPropertyOptional({
    description: 'Only awards of this catalog code',
    example: DEMO.awardList.code,
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: "$property must be 1..64 of a-z, 0-9 and '-'" })
  code?: string;

  @ApiPropertyOptional({
    description: 'Only collective (tập thể) or individual (cá nhân) awards',
    enum: ['collective', 'individual'],
  })
  @IsOptional()
  @IsIn(['collective', 'individual'])
  kind?: 'collective' | 'individual';

  @ApiPropertyOptional({ type: 'integer', description: 'Awards skipped (paging)', default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Awards per page',
    default: DEFAULT_AWARD_LIMIT,
    maximum: MAX_AWARD_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AWARD_LIMIT)
  limit?: number;
}
