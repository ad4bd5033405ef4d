import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsEntityId, IsPoints, IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class FileDisputeDto extends ActDateDto {
  @ApiProperty({ description: "The score entry about the caller's own unit that is disputed (khiếu nại)" })
  @IsEntityId()
  entryId!: string;

  @ApiProperty({ description: 'Why', maxLength: 1000 })
  @IsText(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The points the unit asks for', example: 48 })
  @IsOptional()
  @IsPoints()
  proposedPoints?: number;
}

export class ResolveDisputeDto extends ActDateDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'upheld (chấp nhận) or rejected (bác)' })
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';

  @ApiProperty({
    description: 'Why (recorded with the resolution, and with the correction when upheld)',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Upheld: the corrected points (or give withdrawEntry: true instead)' })
  @IsOptional()
  @IsPoints()
  correctedPoints?: number;

  @ApiPropertyOptional({ description: 'Upheld: withdraw the entry instead of correcting it' })
  @IsOptional()
  @IsBoolean()
  withdrawEntry?: boolean;
}
