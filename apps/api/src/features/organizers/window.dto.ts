import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ActDateDto } from '../write/act-date.js';
import { IsCalendarDate, IsText } from '../write/dto-validators.js';

const REVIEW =
  'The first date this period may be reviewed (closed) on, when before its end (e.g. the year-end review in November)';

/** Per period, the first date its review may be held (a period is otherwise reviewed from its end). */
export class ReviewsFromDto {
  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  Q1?: string;

  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  Q2?: string;

  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  Q3?: string;

  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  Q4?: string;

  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  H1?: string;

  @ApiPropertyOptional({ description: REVIEW })
  @IsOptional()
  @IsCalendarDate()
  M9?: string;

  @ApiPropertyOptional({ description: REVIEW, example: '2023-11-15' })
  @IsOptional()
  @IsCalendarDate()
  Y?: string;
}

export class EmulationWindowDto extends ActDateDto {
  @ApiProperty({
    description: 'First day acts of the year may be dated (in the year or the year before)',
    example: '2022-12-01',
  })
  @IsCalendarDate()
  opensOn!: string;

  @ApiProperty({
    description: 'Last day acts of the year may be dated (in the year or the year after)',
    example: '2023-11-30',
  })
  @IsCalendarDate()
  closesOn!: string;

  @ApiPropertyOptional({ type: ReviewsFromDto, description: 'Reviews allowed before a period ends' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewsFromDto)
  reviewsFrom?: ReviewsFromDto;

  @ApiPropertyOptional({ description: 'Why an earlier window of the year is replaced (required then)' })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}
