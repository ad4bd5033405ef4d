import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  buildMessage,
} from 'class-validator';
import { AUTHORITY_LEVELS, AWARD_CATALOG, REVOCATION_GROUNDS } from '@thidua/domain';
import { IsEntityId, IsText } from '../write/dto-validators.js';
import { ActDateDto } from '../write/act-date.js';

const MIN_DATE = '1945-01-01';

/** A calendar date YYYY-MM-DD that exists, from 1945 up to tomorrow (a decision is not dated ahead). */
export function isDecisionDate(value: unknown, now: Date = new Date()): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  return value >= MIN_DATE && value <= tomorrow;
}

function IsDecisionDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isDecisionDate',
    validator: {
      validate: (value: unknown) => isDecisionDate(value),
      defaultMessage: buildMessage(
        (prefix) => `${prefix}$property must be a calendar date YYYY-MM-DD between ${MIN_DATE} and today`,
      ),
    },
  });
}

const CODES = AWARD_CATALOG.map((e) => `${e.code} (${e.name})`).join(', ');
const AUTHORITIES = AUTHORITY_LEVELS.map((a) => `${a.code} (${a.name})`).join(', ');

export class CollectiveRecipientDto {
  @ApiProperty({ enum: ['collective'], description: 'Tập thể: a unit' })
  @IsIn(['collective'])
  kind!: 'collective';

  @ApiProperty({ description: 'The unit (đơn vị) honoured', example: 'cuc-tccb' })
  @IsEntityId()
  unitId!: string;
}

export class IndividualRecipientDto {
  @ApiProperty({ enum: ['individual'], description: 'Cá nhân: a person of the registry (POST /people)' })
  @IsIn(['individual'])
  kind!: 'individual';

  @ApiProperty({
    description:
      'The person, by the id they were registered with (POST /people): never a name in free text — the registry ' +
      "holds the name, sealed under the person's own key. The award names the person's current unit. 404 " +
      'PERSON_NOT_FOUND when not registered, 422 PERSON_ERASED; their discipline facts bar the award while pending ' +
      'or running (422 RECIPIENT_UNDER_DISCIPLINE).',
    example: 'cb-0427',
  })
  @IsEntityId()
  personId!: string;
}

/** Anything else in `kind`: refused with a message naming the two kinds (the other fields are let be). */
class UnknownRecipientDto {
  @IsIn(['collective', 'individual'], { message: 'kind must be collective or individual' })
  kind!: string;

  @Allow()
  unitId?: unknown;

  @Allow()
  personId?: unknown;
}

export class FlagOverrideDto {
  @ApiProperty({
    description: "Why the cluster flag is given outside the quota of the cluster's final ranking",
    example: 'Hội đồng Thi đua - Khen thưởng Bộ xét đặc cách',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;
}

export class ProposalItemRefDto {
  @ApiProperty({
    description: 'The forwarded proposal (POST /proposals answered it)',
    example: 'a'.repeat(8),
  })
  @IsEntityId()
  proposalId!: string;

  @ApiProperty({ description: 'Its approved item (`{proposalId}-{n}`)', example: `${'a'.repeat(8)}-1` })
  @IsEntityId()
  itemId!: string;
}

export class AdHocDto {
  @ApiProperty({
    description: 'Why the award is made without a proposal (khen thưởng đột xuất)',
    example: 'Thành tích đột xuất trong đấu tranh phòng, chống tội phạm',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;
}

@ApiExtraModels(CollectiveRecipientDto, IndividualRecipientDto)
export class AwardItemDto {
  @ApiProperty({ description: `Catalog code: ${CODES}`, example: 'huan-chuong-bao-ve-to-quoc-hang-ba' })
  @IsEntityId()
  code!: string;

  @ApiProperty({
    description: 'Tập thể (a unit) or cá nhân (a person of a unit), by `kind`',
    oneOf: [{ $ref: getSchemaPath(CollectiveRecipientDto) }, { $ref: getSchemaPath(IndividualRecipientDto) }],
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UnknownRecipientDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'kind',
      subTypes: [
        { value: CollectiveRecipientDto, name: 'collective' },
        { value: IndividualRecipientDto, name: 'individual' },
      ],
    },
  })
  recipient!: CollectiveRecipientDto | IndividualRecipientDto;

  @ApiProperty({ type: 'integer', description: 'The emulation year the award is for', example: 2023 })
  @IsInt()
  @Min(1945)
  @Max(2200)
  year!: number;

  @ApiProperty({ description: 'Citation (nội dung thành tích), Unicode NFC', maxLength: 2000 })
  @IsText(2000)
  citation!: string;

  @ApiPropertyOptional({
    description:
      "Cluster flags only (Cờ thi đua của Bộ Công an / của Chính phủ): recorded by the organizer of the unit's " +
      'cluster when the unit is not within the quota (default: first) of its final ranking of that year.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FlagOverrideDto)
  override?: FlagOverrideDto;

  @ApiPropertyOptional({
    description:
      'The achievement rewarded (e.g. the reference of its report): one achievement is rewarded once — the same ' +
      'reference again for the person (in any decision) or within one decision is 422 ACHIEVEMENT_ALREADY_REWARDED',
    example: 'BC-125/X03-2023 (minh họa)',
    maxLength: 200,
  })
  @IsOptional()
  @IsText(200)
  achievementRef?: string;

  @ApiPropertyOptional({
    type: ProposalItemRefDto,
    description:
      'The approved item of a forwarded proposal this award carries out; it must match the code, recipient, year and ' +
      'the authority asked (422 PROPOSAL_REQUIRED without it or adHoc; PROPOSAL_NOT_FORWARDED, PROPOSAL_ITEM_NOT_APPROVED, ' +
      'PROPOSAL_ITEM_MISMATCH, PROPOSAL_AUTHORITY_MISMATCH). One item is carried out once: it is claimed in the ' +
      "proposal's stream before the decision is written (ProposalItemClaimed), so a second decision — even one " +
      'racing this one — is refused with 422 PROPOSAL_ITEM_ALREADY_CARRIED_OUT (field awards.{i}.proposalItem) and ' +
      'nothing recorded; revoking the award releases the item.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProposalItemRefDto)
  proposalItem?: ProposalItemRefDto;

  @ApiPropertyOptional({
    type: AdHocDto,
    description:
      'Khen thưởng đột xuất: an award without a proposal, with its reason (never with proposalItem).',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdHocDto)
  adHoc?: AdHocDto;
}

export class IssueAwardDecisionDto {
  @ApiProperty({ description: 'Number as printed (số quyết định)', example: '1234/QĐ-CTN', maxLength: 100 })
  @IsText(100)
  number!: string;

  @ApiProperty({ description: 'Date of the decision, YYYY-MM-DD', example: '2023-12-15' })
  @IsDecisionDate()
  date!: string;

  @ApiProperty({
    description: `Conferring authority (cấp có thẩm quyền), catalog code: ${AUTHORITIES}. It must be allowed to confer every award's code.`,
    example: 'chu-tich-nuoc',
  })
  @IsEntityId()
  authority!: string;

  @ApiProperty({ type: [AwardItemDto], description: 'The awards (1 to 5000)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AwardItemDto)
  awards!: AwardItemDto[];
}

export class RecoveryDto {
  @ApiProperty({
    description: 'Whether the insignia (hiện vật: medal, certificate, flag) is recovered',
    example: true,
  })
  @IsBoolean()
  insignia!: boolean;

  @ApiProperty({
    type: 'integer',
    description: 'The money recovered (tiền thưởng), in đồng; 0 when none',
    example: 1490000,
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  moneyVnd!: number;
}

export class RevokeAwardDto extends ActDateDto {
  @ApiProperty({
    description: 'Why (Law 06/2022/QH15 ch. VII: false records, wrong appraisal)',
    example: 'Hồ sơ đề nghị khen thưởng không trung thực',
    maxLength: 1000,
  })
  @IsText(1000)
  reason!: string;

  @ApiProperty({
    description: 'Number of the revoking decision (its date is effectiveDate)',
    example: '55/QĐ-CTN',
    maxLength: 100,
  })
  @IsText(100)
  decisionRef!: string;

  @ApiProperty({
    enum: REVOCATION_GROUNDS,
    description:
      'The legal ground (Law 06/2022/QH15 ch. VII): false-declaration (thành tích kê khai không trung thực), ' +
      'forged-dossier (hồ sơ giả mạo), appraisal-contrary-to-rules (thẩm định, đề nghị trái quy định), ' +
      'later-violation-finding (phát hiện sau là không đạt tiêu chuẩn)',
    example: 'false-declaration',
  })
  @IsIn(REVOCATION_GROUNDS)
  ground!: string;

  @ApiProperty({
    description:
      `The revoking authority: the one that conferred the award or one above it (${AUTHORITIES}); a lower one is ` +
      '422 REVOKING_AUTHORITY_NOT_ALLOWED',
    example: 'bo-truong-bca',
  })
  @IsEntityId()
  authority!: string;

  @ApiProperty({ type: RecoveryDto, description: 'What is recovered: the insignia and the money' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RecoveryDto)
  recovery!: RecoveryDto;
}
