import { ApiProperty } from '@nestjs/swagger';
import { ActDateDto } from '../write/act-date.js';
import { IsCalendarDate, IsText } from '../write/dto-validators.js';

export class OpenDisciplineCaseDto extends ActDateDto {
  @ApiProperty({ description: 'What the case is about (pending from its effectiveDate)', maxLength: 2000 })
  @IsText(2000)
  note!: string;
}

export class DecideDisciplineDto extends ActDateDto {
  @ApiProperty({ description: 'The form of discipline decided', example: 'Khiển trách', maxLength: 200 })
  @IsText(200)
  form!: string;

  @ApiProperty({ description: 'Number of the disciplinary decision', example: '15/QĐ-CAT', maxLength: 100 })
  @IsText(100)
  decisionRef!: string;

  @ApiProperty({
    description:
      'Last day the discipline runs (inclusive; not before the decision): no title or award until after it',
    example: '2023-09-30',
  })
  @IsCalendarDate()
  runsUntil!: string;
}

export class ClearDisciplineDto extends ActDateDto {
  @ApiProperty({ description: 'Why the case ends without (further) discipline', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
