import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ActDateDto } from '../write/act-date.js';
import { IsText } from '../write/dto-validators.js';

export class ReportSourceDto {
  @ApiProperty({
    description: 'Where the figures were stated (a report, a press article)',
    example: 'Bài “Cụm thi đua số 7 tổng kết phong trào thi đua năm 2023” (seed 000)',
    maxLength: 500,
  })
  @IsText(500)
  reference!: string;

  @ApiPropertyOptional({
    description: 'sha256 of the text kept, 64 lower-case hex digits',
    example: 'a'.repeat(64),
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256?: string;
}

const figure = (description: string, example: number) =>
  ApiProperty({ type: 'integer', description, example, minimum: 0 });

export class ReportedFiguresDto extends ActDateDto {
  @figure('Award instances (lượt) as stated', 486)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  total!: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Of which to collectives, when stated', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  collective?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Of which to individuals, when stated', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  individual?: number;

  @ApiProperty({ type: ReportSourceDto, description: 'Where it was stated' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportSourceDto)
  source!: ReportSourceDto;

  @ApiPropertyOptional({ description: 'Why an earlier report is replaced (required then)', maxLength: 1000 })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}
