import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PlainQuery } from '../../common/plain-query.js';
import { MinPositionQuery } from '../../common/read-your-writes.js';
import { IsCalendarDate, IsPoints } from '../write/dto-validators.js';
import { DEMO } from '../../openapi/demo-examples.js';
import { AS_OF_DESCRIPTION, AS_OF_EFFECTIVE_DESCRIPTION } from './as-of.js';

const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const ID_MESSAGE = "$property must be 1..64 of a-z, 0-9 and '-'";

/** GET /clusters */
export class ClusterListQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({
    enum: ['name', 'number'],
    default: 'name',
    description: 'Order: by name with the Vietnamese collator (default), or by cluster number (số)',
  })
  @IsOptional()
  @IsIn(['name', 'number'])
  sort?: 'name' | 'number';

  @ApiPropertyOptional({ description: 'Only the clusters of this organizer unit', example: DEMO.organizerId })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  organizer?: string;

  @ApiPropertyOptional({
    description: 'Only the clusters of this khối (bloc): numbers repeat across blocs',
    example: 'bca-khoi-truc-thuoc-bo-truong',
  })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  bloc?: string;
}

/** GET /units */
export class UnitListQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'Only the units directly under this unit', example: DEMO.organizerId })
  @IsOptional()
  @Matches(ID, { message: ID_MESSAGE })
  parent?: string;
}

/** Reads that take only `?minPosition=`. */
@PlainQuery({ integers: ['minPosition'] })
export class ReadQueryDto extends MinPositionQuery {}

/** GET …/rankings/{p} and …/explain; POST …/what-if. */
@PlainQuery({ integers: ['minPosition'], strings: ['asOf', 'asOfEffective'] })
export class AsOfQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: DEMO.asOf })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;

  @ApiPropertyOptional({ description: AS_OF_EFFECTIVE_DESCRIPTION, example: '2021-03-31' })
  @IsOptional()
  @IsCalendarDate()
  asOfEffective?: string;
}

export class OverrideDto {
  @ApiProperty({
    description: 'A score entry of the period (its entryId)',
    example: DEMO.whatIf.entryId,
  })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  entryId!: string;

  @ApiProperty({
    description: "The points it would count (0 ≤ points ≤ the criterion's max, two decimals)",
    example: DEMO.whatIf.points,
  })
  @IsPoints()
  points!: number;
}

/** POST …/what-if */
export class WhatIfDto {
  @ApiPropertyOptional({ type: [OverrideDto], description: 'Entries counted with other points' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => OverrideDto)
  overrides?: OverrideDto[];

  @ApiPropertyOptional({ type: [String], description: 'Entries counted as if they did not exist' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(ID, { each: true, message: ID_MESSAGE })
  exclude?: string[];
}
