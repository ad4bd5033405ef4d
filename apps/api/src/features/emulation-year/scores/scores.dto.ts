import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import { IsEntityId, IsPoints, IsText } from '../../write/dto-validators.js';

const PERIOD_CODES = PERIODS.map((p) => p.code);

export class RecordScoreDto {
  @ApiProperty({ description: 'The member unit scored', example: 'cuc-ktnv' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({ enum: PERIOD_CODES, description: 'An open period: Q1–Q4 (Quý), H1, M9, Y (năm)' })
  @IsIn(PERIOD_CODES)
  period!: PeriodCode;

  @ApiProperty({ description: 'Code of a criterion of the scheme in force', example: 'chuyen-mon' })
  @IsEntityId()
  criterion!: string;

  @ApiProperty({
    description:
      "Points (chấm điểm): 0 ≤ points ≤ the criterion's maxPoints (422 POINTS_OUT_OF_RANGE otherwise), at most 2 decimals; penalty points are entered positive",
    example: 45.5,
  })
  @IsPoints()
  points!: number;

  @ApiProperty({
    enum: ['self', 'cluster'],
    description:
      "self: the unit's own assessment (tự chấm), by its officer; cluster: the cluster's verified score, by the chair unit (Cụm trưởng). Rankings use cluster over self.",
  })
  @IsIn(['self', 'cluster'])
  assessment!: 'self' | 'cluster';

  @ApiPropertyOptional({ description: 'Evidence or a note (minh chứng), Unicode NFC', maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  evidence?: string;
}

export class CorrectScoreDto {
  @ApiProperty({ description: 'The corrected points (same bounds as when recorded)', example: 44 })
  @IsPoints()
  points!: number;

  @ApiProperty({ description: 'Why (lý do điều chỉnh)', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}

export class WithdrawScoreDto {
  @ApiProperty({ description: 'Why the entry is withdrawn', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
