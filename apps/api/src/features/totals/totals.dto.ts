import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MinPositionQuery } from '../../common/read-your-writes.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { ID_PATTERN } from '../write/dto-validators.js';

const ID_MESSAGE = "$property must be 1..64 of a-z, 0-9 and '-'";

/** GET /totals/{y}: exactly one of organizer, cluster, unit (checked by the handler: 400 otherwise). */
export class TotalsQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({
    description: 'Totals of an organizer unit (all its clusters)',
    example: DEMO.organizerId,
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizer?: string;

  @ApiPropertyOptional({
    description: 'Totals of a cluster (its member units that year)',
    example: DEMO.totals.cluster,
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  cluster?: string;

  @ApiPropertyOptional({
    description: 'Totals of one unit (its collective and its people)',
    example: DEMO.unitId,
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unit?: string;

  @ApiPropertyOptional({
    description:
      'With `unit` only: `true` counts the unit with every unit under it (its sub-collectives and their ' +
      'people, e.g. the Phòng of a Cục); `false` (default) the unit itself',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  subUnits?: 'true' | 'false';
}
