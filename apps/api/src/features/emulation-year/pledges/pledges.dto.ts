import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsEntityId, IsText } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

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
export class PledgeContentDto extends ActDateDto {
  @ApiProperty({
    type: [String],
    description:
      "Catalog codes of the collective titles registered (đăng ký danh hiệu); at least one when the cluster's pledge " +
      'rules require a title (422 TITLE_REQUIRED)',
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
    description:
      "The key tasks (nội dung công tác lớn, trọng tâm): as many as the cluster's pledge rules ask (e.g. 3 in Cụm 7; " +
      '422 KEY_TASKS_COUNT), any number up to 20 without a rule',
    maxItems: 20,
  })
  @IsArray()
  @ArrayMaxSize(20)
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

export class PledgeRulesDto extends ActDateDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'How many key tasks each pledge registers (1–20), or null for any number',
    example: 3,
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(20)
  keyTasks!: number | null;

  @ApiProperty({ description: 'Whether each pledge must register at least one title', example: true })
  @IsBoolean()
  titleRequired!: boolean;
}
