import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import { IsEntityId, IsPoints, IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';
import { PlainBody } from '../../../common/plain-body.js';

const PERIOD_CODES = PERIODS.map((p) => p.code);

/** The hot command's body: a valid one skips class-transformer and the validator's executor. */
@PlainBody()
export class RecordScoreDto extends ActDateDto {
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
    enum: ['self', 'cluster', 'appraisal'],
    description:
      "self: the unit's own assessment (tự chấm), by its officer. cluster: the cluster's verified score, independent " +
      'of the unit: by the unit assigned to inspect it in that period (kiểm tra chéo) when there is one, otherwise by the ' +
      'chair unit (Cụm trưởng) — never for itself (403 OWN_UNIT_ASSESSMENT): the vice-chair unit (Cụm phó) or the ' +
      "organizer scores the chair's unit. appraisal: the organizer's emulation office (thẩm định). Rankings use " +
      'appraisal over cluster over self and name the source.',
  })
  @IsIn(['self', 'cluster', 'appraisal'])
  assessment!: 'self' | 'cluster' | 'appraisal';

  @ApiPropertyOptional({ description: 'Evidence or a note (minh chứng), Unicode NFC', maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  evidence?: string;
}

/** Its correction and withdrawal: primitive fields too, the same plain path. */
@PlainBody()
export class CorrectScoreDto extends ActDateDto {
  @ApiProperty({ description: 'The corrected points (same bounds as when recorded)', example: 44 })
  @IsPoints()
  points!: number;

  @ApiProperty({ description: 'Why (lý do điều chỉnh)', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}

@PlainBody()
export class WithdrawScoreDto extends ActDateDto {
  @ApiProperty({ description: 'Why the entry is withdrawn', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
