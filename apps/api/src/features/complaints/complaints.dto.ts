import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { PERIODS, type PeriodCode } from '@thidua/domain';
import { ActDateDto } from '../write/act-date.js';
import { IsCalendarDate, IsEntityId, IsText } from '../write/dto-validators.js';

const PERIOD_CODES = PERIODS.map((p) => p.code);
const TARGET_KINDS = ['score-entry', 'ranking', 'classification', 'election', 'proposal'] as const;

export class ComplaintFilerDto {
  @ApiProperty({ enum: ['unit', 'person'], description: 'The affected unit itself, or one of its people' })
  @IsIn(['unit', 'person'])
  kind!: 'unit' | 'person';

  @ApiProperty({
    description: 'The unit (for a person: the unit the person belongs to)',
    example: 'cuc-qlxnc',
  })
  @IsEntityId()
  unitId!: string;

  @ApiPropertyOptional({ description: 'For a person: the person id (the id a person registry will use)' })
  @IsOptional()
  @IsEntityId()
  personId?: string;
}

export class ComplaintTargetDto {
  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      'score-entry (entryId), ranking (period: must be closed), classification (period, unitId), election ' +
      '(electionId: must be closed), proposal (proposalRef, unitId; its date in decisionOn) — fields of other kinds ' +
      'are refused by the rules (422 naming target.<field>)',
  })
  @IsIn(TARGET_KINDS)
  kind!: (typeof TARGET_KINDS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntityId()
  entryId?: string;

  @ApiPropertyOptional({ enum: PERIOD_CODES })
  @IsOptional()
  @IsIn(PERIOD_CODES)
  period?: PeriodCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntityId()
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntityId()
  electionId?: string;

  @ApiPropertyOptional({
    description: 'A proposal (tờ trình đề nghị khen thưởng) by its reference',
    maxLength: 200,
  })
  @IsOptional()
  @IsText(200)
  proposalRef?: string;
}

const RECEIVED =
  'The day the complaint was received (its business date; default: the day it is recorded). It must be ' +
  'within 90 days of the decision, or of learnedOn (Luật Khiếu nại 2011 art. 9): 422 COMPLAINT_TIME_BARRED.';

/** What every complaint carries, whatever it is about. */
class ComplaintBaseDto {
  @ApiProperty({ type: ComplaintFilerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ComplaintFilerDto)
  filer!: ComplaintFilerDto;

  @ApiProperty({ description: 'What is complained about, and why', maxLength: 2000 })
  @IsText(2000)
  content!: string;

  @ApiPropertyOptional({ description: RECEIVED, example: '2021-08-10' })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;

  @ApiPropertyOptional({
    description:
      'When the filer received or learned of the decision, if after its date (the 90 days count from it)',
  })
  @IsOptional()
  @IsCalendarDate()
  learnedOn?: string;
}

export class FileComplaintDto extends ComplaintBaseDto {
  @ApiProperty({ type: ComplaintTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ComplaintTargetDto)
  target!: ComplaintTargetDto;

  @ApiPropertyOptional({ description: "A proposal's date (the other targets carry their own)" })
  @IsOptional()
  @IsCalendarDate()
  decisionOn?: string;
}

export class FileDecisionComplaintDto extends ComplaintBaseDto {
  @ApiPropertyOptional({ description: 'One award of the decision, when the complaint is about it alone' })
  @IsOptional()
  @IsEntityId()
  awardId?: string;
}

export class ResolveComplaintDto extends ActDateDto {
  @ApiProperty({ enum: ['upheld', 'partly-upheld', 'rejected'] })
  @IsIn(['upheld', 'partly-upheld', 'rejected'])
  outcome!: 'upheld' | 'partly-upheld' | 'rejected';

  @ApiProperty({ description: 'The grounds of the resolution', maxLength: 1000 })
  @IsText(1000)
  reason!: string;

  @ApiProperty({ description: 'Number of the resolution decision', example: '21/QĐ-BCA', maxLength: 100 })
  @IsText(100)
  decisionRef!: string;
}

export class EscalateComplaintDto {
  @ApiProperty({ description: 'Why the complainant goes to the second level', maxLength: 1000 })
  @IsText(1000)
  reason!: string;

  @ApiPropertyOptional({
    description:
      'The day the second-level complaint was received (default: today): after the first-level decision (or its due ' +
      'date, when unresolved) and within 30 days of it (Luật Khiếu nại 2011 art. 33)',
  })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}
