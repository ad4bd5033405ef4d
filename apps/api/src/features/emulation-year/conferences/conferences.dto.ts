import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import { CONFERENCE_KINDS } from '@thidua/domain';
import { ActDateDto } from '../../write/act-date.js';
import { IsCalendarDate, IsEntityId, IsText } from '../../write/dto-validators.js';

export class MinutesDto {
  @ApiProperty({ description: 'Reference of the minutes (biên bản hội nghị)', maxLength: 300 })
  @IsText(300)
  reference!: string;

  @ApiProperty({ description: 'Lowercase hex sha256 of the minutes document', example: 'a'.repeat(64) })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be a lowercase hex sha256' })
  sha256!: string;
}

export class HoldConferenceDto {
  @ApiProperty({ enum: CONFERENCE_KINDS, description: 'ký kết, giao ban, sơ kết or tổng kết' })
  @IsIn(CONFERENCE_KINDS)
  kind!: string;

  @ApiProperty({
    description:
      "The day it was held (its business date): not after the day it is recorded, inside the organizer's window",
    example: '2023-11-28',
  })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ description: 'Where it was held', example: 'Hà Nội', maxLength: 300 })
  @IsText(300)
  place!: string;

  @ApiProperty({
    description: 'The presiding unit: a member of the cluster-year or its organizer',
    example: 'cuc-anm',
  })
  @IsEntityId()
  presidingUnitId!: string;

  @ApiProperty({ type: MinutesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MinutesDto)
  minutes!: MinutesDto;
}

export class IssuePlanDto extends ActDateDto {
  @ApiProperty({ description: 'Title of the plan', maxLength: 500 })
  @IsText(500)
  title!: string;

  @ApiProperty({ description: 'Its number or reference', example: '12/KH-CTĐ', maxLength: 300 })
  @IsText(300)
  reference!: string;
}
