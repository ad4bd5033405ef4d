import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ActDateDto } from '../write/act-date.js';
import { IsCalendarDate, IsEntityId, IsText } from '../write/dto-validators.js';

export class RegisterPersonDto extends ActDateDto {
  @ApiProperty({
    description: "The person's id (e.g. the personnel number), 1..64 of a-z, 0-9 and '-': awards name it",
    example: 'cb-x03-001',
  })
  @IsEntityId()
  personId!: string;

  @ApiProperty({ description: 'The unit the person serves in (registered)', example: 'cuc-tccb-phong-01' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({
    description:
      "Full name, Unicode NFC, kept exactly — stored only sealed (AES-256-GCM) under the person's own key, kept " +
      'outside the log; erasing the person deletes the key',
    example: 'Cán bộ minh họa 001',
    maxLength: 200,
  })
  @IsText(200)
  fullName!: string;

  @ApiPropertyOptional({
    description: 'Rank title (cấp bậc), sealed like the name',
    example: 'Thượng tá',
    maxLength: 100,
  })
  @IsOptional()
  @IsText(100)
  rankTitle?: string;

  @ApiPropertyOptional({
    description: 'Position (chức vụ), sealed like the name',
    example: 'Cán bộ',
    maxLength: 300,
  })
  @IsOptional()
  @IsText(300)
  position?: string;
}

export class TransferPersonDto extends ActDateDto {
  @ApiProperty({
    description: 'The unit the person moves to (registered, active)',
    example: 'cuc-tccb-phong-02',
  })
  @IsEntityId()
  toUnitId!: string;

  @ApiPropertyOptional({
    description: 'Why (điều động)',
    example: 'Điều động theo quyết định (minh họa)',
    maxLength: 1000,
  })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}

export class ErasePersonDto extends ActDateDto {
  @ApiProperty({
    description: 'Reference of the request or decision asking for the erasure (no personal data)',
    example: 'YC-12/2024 (minh họa)',
    maxLength: 100,
  })
  @IsText(100)
  requestRef!: string;
}

export class RegisterTitleDto extends ActDateDto {
  @ApiProperty({ type: 'integer', description: 'The emulation year', example: 2023 })
  @IsInt()
  @Min(1945)
  @Max(2200)
  year!: number;

  @ApiProperty({ description: 'An individual title of the catalog', example: 'chien-si-thi-dua-co-so' })
  @IsEntityId()
  code!: string;

  @ApiProperty({ description: 'The organizer whose registration deadline applies', example: 'bo-cong-an' })
  @IsEntityId()
  organizerUnitId!: string;
}

export class RecordPriorTitleDto extends ActDateDto {
  @ApiProperty({ description: 'An individual title of the catalog', example: 'chien-si-thi-dua-co-so' })
  @IsEntityId()
  code!: string;

  @ApiProperty({ type: 'integer', description: 'The year it was conferred for', example: 2020 })
  @IsInt()
  @Min(1945)
  @Max(2200)
  year!: number;

  @ApiProperty({
    description: 'Number of the decision that conferred it',
    example: '95/QĐ-X03 (minh họa)',
    maxLength: 100,
  })
  @IsText(100)
  decisionRef!: string;
}

export class RegistrationDeadlineDto extends ActDateDto {
  @ApiProperty({
    description: 'Last day (inclusive) a registration of the year may be dated',
    example: '2023-03-25',
  })
  @IsCalendarDate()
  deadline!: string;

  @ApiPropertyOptional({
    description: 'Why an earlier deadline is replaced (required then)',
    maxLength: 1000,
  })
  @IsOptional()
  @IsText(1000)
  reason?: string;
}
