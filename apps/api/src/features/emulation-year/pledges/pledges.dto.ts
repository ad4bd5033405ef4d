import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsEntityId, IsText } from '../../write/dto-validators.js';

export class PledgeTargetDto {
  @ApiProperty({
    description: 'A work target (chỉ tiêu công tác), Unicode NFC',
    example: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2024 Bộ Công an giao',
    maxLength: 1000,
  })
  @IsText(1000)
  text!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'A count when the target has one (e.g. 77)',
    example: 77,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count?: number;
}

/** What a pledge says; signed first, then amended. */
export class PledgeContentDto {
  @ApiProperty({
    type: [String],
    description: 'Catalog codes of the collective titles registered (đăng ký danh hiệu)',
    example: ['co-thi-dua-bo-cong-an'],
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsEntityId({ each: true })
  titles!: string[];

  @ApiProperty({ type: [PledgeTargetDto], description: 'Work targets (chỉ tiêu công tác)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PledgeTargetDto)
  targets!: PledgeTargetDto[];

  @ApiProperty({
    type: [String],
    description: 'The key tasks (nội dung công tác lớn, trọng tâm): exactly 3',
    maxItems: 3,
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsText(1000, { each: true })
  keyTasks!: string[];
}

export class SignPledgeDto extends PledgeContentDto {
  @ApiProperty({ description: 'The member unit signing; the caller must act for it', example: 'cuc-ktnv' })
  @IsEntityId()
  unitId!: string;
}

export class AmendPledgeDto extends PledgeContentDto {
  @ApiProperty({ description: 'Why the pledge changes', maxLength: 1000 })
  @IsText(1000)
  reason!: string;
}
