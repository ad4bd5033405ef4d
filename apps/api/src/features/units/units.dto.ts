import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UNIT_KINDS } from '@thidua/domain';
import { IsEntityId, IsText } from '../write/dto-validators.js';
import { ActDateDto } from '../write/act-date.js';

const KIND_CODES = UNIT_KINDS.map((k) => k.code);

export class RegisterUnitDto extends ActDateDto {
  @ApiProperty({ description: 'Id of the unit (đơn vị): 1..64 of a-z, 0-9, -', example: 'cuc-anm' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({
    description: 'Official Vietnamese name, Unicode NFC, kept exactly',
    example: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao',
    maxLength: 300,
  })
  @IsText(300)
  name!: string;

  @ApiProperty({
    description: `Kind of unit: ${UNIT_KINDS.map((k) => `${k.code} (${k.name})`).join(', ')}`,
    enum: KIND_CODES,
  })
  @IsIn(KIND_CODES)
  kind!: string;

  @ApiPropertyOptional({
    description: 'The parent unit (đơn vị cấp trên), already registered',
    example: 'bo-cong-an',
  })
  @IsOptional()
  @IsEntityId()
  parentUnitId?: string;
}

export class RenameUnitDto extends ActDateDto {
  @ApiProperty({ description: 'The new name, Unicode NFC', maxLength: 300 })
  @IsText(300)
  name!: string;

  @ApiPropertyOptional({ description: 'Why (e.g. the decision renaming it)', maxLength: 1000 })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}

export class MergeUnitDto extends ActDateDto {
  @ApiProperty({ description: 'The active unit it is merged into (sáp nhập)' })
  @IsEntityId()
  intoUnitId!: string;

  @ApiProperty({ description: 'Why (e.g. the reorganisation decision)', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}

export class DissolveUnitDto extends ActDateDto {
  @ApiProperty({ description: 'Why the unit is dissolved (giải thể)', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
