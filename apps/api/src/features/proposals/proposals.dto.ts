import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActDateDto } from '../write/act-date.js';
import { IsCalendarDate, IsEntityId, IsText } from '../write/dto-validators.js';

const SHA256 = /^[0-9a-f]{64}$/;

export class ProposedRecipientDto {
  @ApiProperty({ enum: ['collective', 'individual'], description: 'A unit, or a person by person id' })
  @IsIn(['collective', 'individual'])
  kind!: 'collective' | 'individual';

  @ApiProperty({ description: 'The unit (the person’s unit for an individual)', example: 'cuc-tccb' })
  @IsEntityId()
  unitId!: string;

  @ApiPropertyOptional({
    description: 'An individual: the person id (names stay in the person registry, never in the proposal)',
    example: 'can-bo-tccb-01',
  })
  @IsOptional()
  @IsEntityId()
  personId?: string;
}

export class ProposalItemDto {
  @ApiProperty({
    description: 'Catalog code of the title or award proposed',
    example: 'bang-khen-bo-truong-bca',
  })
  @IsEntityId()
  code!: string;

  @ApiProperty({ type: ProposedRecipientDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProposedRecipientDto)
  recipient!: ProposedRecipientDto;

  @ApiProperty({ type: 'integer', description: 'The year of the achievement', example: 2023 })
  @IsInt()
  @Min(1945)
  @Max(9999)
  year!: number;

  @ApiProperty({ description: 'The achievement (thành tích) it rests on', maxLength: 2000 })
  @IsText(2000)
  achievement!: string;
}

export class DigestedDocumentDto {
  @ApiProperty({
    description: 'tờ trình, báo cáo thành tích, biên bản họp, kết quả bỏ phiếu kín…',
    example: 'tờ trình',
  })
  @IsText(100)
  kind!: string;

  @ApiProperty({ description: 'Its reference (number, title)', example: '118/TTr-X01', maxLength: 300 })
  @IsText(300)
  reference!: string;

  @ApiProperty({ description: 'Lowercase hex sha256 of the document', example: 'a'.repeat(64) })
  @Matches(SHA256, { message: '$property must be a lowercase hex sha256' })
  sha256!: string;
}

export class SubmitProposalDto extends ActDateDto {
  @ApiProperty({
    description: 'The proposing unit: the caller acts for it (its officer or organizer), or an administrator',
    example: 'cuc-tccb',
  })
  @IsEntityId()
  proposerUnitId!: string;

  @ApiProperty({
    description: 'The authority level asked to confer (AUTHORITY_LEVELS code)',
    example: 'bo-truong-bca',
  })
  @IsEntityId()
  authority!: string;

  @ApiProperty({
    type: [ProposalItemDto],
    description: 'The items; the server names them `{proposalId}-{n}` in order',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ProposalItemDto)
  items!: ProposalItemDto[];

  @ApiProperty({
    type: [DigestedDocumentDto],
    description: 'The dossier’s documents, by reference and sha256',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DigestedDocumentDto)
  documents!: DigestedDocumentDto[];
}

export class PublishProposalDto {
  @ApiProperty({ description: 'First day of the public notice (its business date)', example: '2023-12-04' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ description: 'Last day of the notice (included)', example: '2023-12-15' })
  @IsCalendarDate()
  to!: string;

  @ApiProperty({
    description: 'Where it is published',
    example: 'Cổng thông tin điện tử Bộ Công an',
    maxLength: 300,
  })
  @IsText(300)
  where!: string;
}

export class ProposalCommentDto extends ActDateDto {
  @ApiProperty({ description: 'The comment received (ý kiến góp ý)', maxLength: 2000 })
  @IsText(2000)
  content!: string;

  @ApiPropertyOptional({ description: 'The commenting unit, when a unit comments', example: 'cuc-anm' })
  @IsOptional()
  @IsEntityId()
  fromUnitId?: string;
}

export class CouncilMinutesDto {
  @ApiProperty({ description: 'Reference of the minutes (biên bản họp Hội đồng)', maxLength: 300 })
  @IsText(300)
  reference!: string;

  @ApiProperty({ description: 'Lowercase hex sha256 of the minutes', example: 'a'.repeat(64) })
  @Matches(SHA256, { message: '$property must be a lowercase hex sha256' })
  sha256!: string;
}

export class HoldCouncilMeetingDto extends ActDateDto {
  @ApiProperty({
    type: [String],
    description: 'Every member of the council, by person id',
    example: ['hd-thanh-vien-01'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsEntityId({ each: true })
  members!: string[];

  @ApiProperty({
    type: [String],
    description: 'The members present (among members)',
    example: ['hd-thanh-vien-01'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsEntityId({ each: true })
  present!: string[];

  @ApiProperty({ type: CouncilMinutesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CouncilMinutesDto)
  minutes!: CouncilMinutesDto;
}

export class CouncilVoteDto extends ActDateDto {
  @ApiProperty({ description: 'The meeting, as POST …/council-meetings answered it' })
  @IsEntityId()
  meetingId!: string;

  @ApiProperty({ description: 'The item, as POST /proposals answered it (`{proposalId}-{n}`)' })
  @IsEntityId()
  itemId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Members voting yes', example: 9 })
  @IsInt()
  @Min(0)
  @Max(1000)
  yes!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Members voting no', example: 0 })
  @IsInt()
  @Min(0)
  @Max(1000)
  no!: number;

  @ApiProperty({
    description: 'A secret ballot (required for Chiến sĩ thi đua cấp Bộ and toàn quốc)',
    example: true,
  })
  @IsBoolean()
  secret!: boolean;
}

export class ProposalOutcomeDto extends ActDateDto {
  @ApiProperty({
    enum: ['forwarded', 'returned'],
    description: 'forwarded (trình cấp trên: the approved items go on) or returned (trả lại)',
  })
  @IsIn(['forwarded', 'returned'])
  outcome!: 'forwarded' | 'returned';

  @ApiPropertyOptional({
    description: 'forwarded: the reference of the submission to the authority (tờ trình lên cấp trên)',
    example: '45/TTr-X01',
  })
  @IsOptional()
  @IsText(100)
  reference?: string;

  @ApiPropertyOptional({ description: 'returned: why (422 REASON_REQUIRED without one)', maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  reason?: string;
}
