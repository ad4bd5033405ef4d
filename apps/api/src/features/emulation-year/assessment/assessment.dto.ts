import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import { ActDateDto } from '../../write/act-date.js';
import { IsEntityId, IsText } from '../../write/dto-validators.js';

const PERIOD_CODES = PERIODS.map((p) => p.code);

export class AssignInspectionDto extends ActDateDto {
  @ApiProperty({ enum: PERIOD_CODES, description: 'The period inspected (not a closed one)' })
  @IsIn(PERIOD_CODES)
  period!: PeriodCode;

  @ApiProperty({ description: 'The member unit inspected', example: 'cuc-qlxnc' })
  @IsEntityId()
  inspectedUnitId!: string;

  @ApiProperty({ description: 'The member unit that inspects it (never itself)', example: 'cuc-ktnv' })
  @IsEntityId()
  inspectorUnitId!: string;

  @ApiPropertyOptional({ description: 'Required when it replaces an assignment of that unit and period' })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}

export class RecordFindingDto extends ActDateDto {
  @ApiProperty({ description: 'The member unit the finding is about', example: 'cuc-qlxnc' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({ enum: PERIOD_CODES, description: 'An open period' })
  @IsIn(PERIOD_CODES)
  period!: PeriodCode;

  @ApiProperty({
    description: 'Code of a knock-out condition of the scheme in force',
    example: 'su-co-nghiem-trong',
  })
  @IsEntityId()
  knockOut!: string;

  @ApiProperty({
    description: 'The evidence (kết luận, biên bản…): what was found and where it is recorded',
    maxLength: 2000,
  })
  @IsText(2000)
  evidence!: string;
}

export class ClearFindingDto extends ActDateDto {
  @ApiProperty({ description: 'Why the finding no longer stands', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
