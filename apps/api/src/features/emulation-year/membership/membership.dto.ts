import { ApiProperty } from '@nestjs/swagger';
import { IsEntityId, IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class AdmitUnitDto extends ActDateDto {
  @ApiProperty({
    description: 'The registered, active unit admitted to the cluster for the year',
    example: 'cuc-ktnv',
  })
  @IsEntityId()
  unitId!: string;
}

export class WithdrawUnitDto extends ActDateDto {
  @ApiProperty({ description: 'Why the unit leaves the cluster this year', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
