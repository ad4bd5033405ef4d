import { ApiProperty } from '@nestjs/swagger';
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
