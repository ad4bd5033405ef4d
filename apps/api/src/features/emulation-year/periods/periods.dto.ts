import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class ReopenPeriodDto extends ActDateDto {
  @ApiProperty({
    description: 'Why the sealed period is reopened (the previous digest is kept in the event)',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;
}

export class AcceptIncompleteDto {
  @ApiProperty({
    description: 'Why the period is sealed with rows missing criteria (e.g. a unit did not report)',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;
}

export class ClosePeriodDto extends ActDateDto {
  @ApiPropertyOptional({
    type: AcceptIncompleteDto,
    description:
      'Required when rows of the ranking miss criteria (they get no classification: "chưa đủ điểm"): the ' +
      "organizer's reasoned acceptance, sealed with the units concerned (422 INCOMPLETE_ROWS without it, " +
      '422 NOTHING_INCOMPLETE when every row is complete).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AcceptIncompleteDto)
  acceptIncomplete?: AcceptIncompleteDto;
}
