import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsEntityId, IsText } from '../write/dto-validators.js';
import { ActDateDto } from '../write/act-date.js';

export class FormClusterDto extends ActDateDto {
  @ApiProperty({ description: 'Id of the emulation cluster (Cụm thi đua)', example: 'bca-cum-2' })
  @IsEntityId()
  clusterId!: string;

  @ApiProperty({
    description: 'The organizer unit that runs the cluster (e.g. Bộ Công an)',
    example: 'bo-cong-an',
  })
  @IsEntityId()
  organizerUnitId!: string;

  @ApiProperty({
    type: 'integer',
    description: 'The cluster number (Cụm thi đua số N)',
    example: 2,
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  number!: number;

  @ApiProperty({
    description: 'Vietnamese name, Unicode NFC',
    example: 'Khối các đơn vị thuộc Bộ trưởng',
    maxLength: 300,
  })
  @IsText(300)
  name!: string;

  @ApiPropertyOptional({
    description:
      'The khối (bloc) of the same organizer it belongs to (POST /blocs): cluster numbers repeat across blocs, so ' +
      'two "Cụm thi đua số 1" may exist at once (422 BLOC_OF_ANOTHER_ORGANIZER, 404 BLOC_NOT_FOUND)',
    example: 'bca-khoi-truc-thuoc-bo-truong',
  })
  @IsOptional()
  @IsEntityId()
  blocId?: string;
}

export class RenameClusterDto extends ActDateDto {
  @ApiProperty({ description: 'The new name, Unicode NFC', maxLength: 300 })
  @IsText(300)
  name!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'A new number, if it changes too', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  number?: number;
}

export class DissolveClusterDto extends ActDateDto {
  @ApiProperty({ description: 'Why the cluster is dissolved (giải thể cụm)', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
