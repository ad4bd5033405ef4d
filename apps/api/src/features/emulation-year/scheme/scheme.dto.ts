import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { CriterionKind, TieBreak } from '@thidua/domain';
import { IsEntityId, IsNfc, IsPoints, IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class CriterionDto {
  @ApiProperty({
    description: 'Code of the criterion (tiêu chí), unique in the scheme',
    example: 'chuyen-mon',
  })
  @IsEntityId()
  code!: string;

  @ApiProperty({ description: 'Title, Unicode NFC', example: 'Kết quả công tác chuyên môn', maxLength: 500 })
  @IsText(500)
  title!: string;

  @ApiProperty({
    description: 'Group the points add to (nhóm tiêu chí)',
    example: 'Nghiệp vụ',
    maxLength: 200,
  })
  @IsText(200)
  group!: string;

  @ApiProperty({ description: 'Maximum points (thang điểm): positive, at most 2 decimals', example: 50 })
  @IsPoints()
  maxPoints!: number;

  @ApiProperty({
    enum: ['score', 'bonus', 'penalty'],
    description:
      'score adds to its group; bonus (điểm thưởng) adds; penalty (điểm trừ) is entered positive and subtracts',
  })
  @IsIn(['score', 'bonus', 'penalty'])
  kind!: CriterionKind;
}

export class ThresholdDto {
  @ApiProperty({ description: 'Classification code (xếp loại)', example: 'xuat-sac' })
  @IsEntityId()
  code!: string;

  @ApiProperty({ description: 'Label, Unicode NFC', example: 'Xuất sắc', maxLength: 100 })
  @IsText(100)
  label!: string;

  @ApiProperty({
    description: 'Lowest total that reaches it; thresholds are listed highest first',
    example: 90,
  })
  @IsPoints()
  minTotal!: number;
}

export class KnockOutDto {
  @ApiProperty({
    description: 'Code of the knock-out condition (điều kiện loại trừ)',
    example: 'su-co-nghiem-trong',
  })
  @IsEntityId()
  code!: string;

  @ApiProperty({
    description: 'What it is, Unicode NFC',
    example: 'Để xảy ra sự cố nghiêm trọng',
    maxLength: 300,
  })
  @IsText(300)
  label!: string;

  @ApiProperty({
    enum: ['cap-classification', 'bar-rank-1'],
    description:
      'cap-classification: a row it is raised for is classified no higher than capTo; bar-rank-1: the row cannot be ' +
      'ranked first (the best row not barred takes rank 1)',
  })
  @IsIn(['cap-classification', 'bar-rank-1'])
  effect!: 'cap-classification' | 'bar-rank-1';

  @ApiPropertyOptional({ description: 'cap-classification: a threshold code of this scheme', example: 'kha' })
  @IsOptional()
  @IsEntityId()
  capTo?: string;
}

export class SchemeDto extends ActDateDto {
  @ApiProperty({
    type: [CriterionDto],
    description: 'The criteria and scoring scale (tiêu chí và thang điểm)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];

  @ApiProperty({ type: [ThresholdDto], description: 'Classification thresholds, highest first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ThresholdDto)
  thresholds!: ThresholdDto[];

  @ApiProperty({
    type: [String],
    description:
      "Tie-breaks after the total, in order: 'group:<score group>' (higher first), 'penalty' (lower first), 'bonus' (higher first), 'criterion:<code>' (higher first)",
    example: ['group:Nghiệp vụ', 'penalty', 'bonus'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  @IsNfc({ each: true })
  tieBreaks!: TieBreak[];

  @ApiPropertyOptional({
    type: [KnockOutDto],
    description:
      'Knock-out conditions a finding of the organizer may raise for a unit in a period (POST …/findings): they cap ' +
      'its classification or bar it from rank 1, and the ranking names the finding (row.cappedBy)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KnockOutDto)
  knockOuts?: KnockOutDto[];

  @ApiPropertyOptional({
    description: 'Required when amending (a scheme is already published): why it changes',
    maxLength: 1000,
  })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}
