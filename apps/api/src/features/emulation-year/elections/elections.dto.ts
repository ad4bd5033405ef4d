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
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsEntityId } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class OpenElectionDto extends ActDateDto {
  @ApiProperty({
    enum: ['chair', 'vice-chair'],
    description: "Next year's chair (Cụm trưởng) or vice-chair (Cụm phó)",
  })
  @IsIn(['chair', 'vice-chair'])
  role!: 'chair' | 'vice-chair';

  @ApiPropertyOptional({
    type: [String],
    description:
      'Candidate member units. Required for a first round; a run-off (after a round without an absolute majority, ' +
      "or a tied run-off) takes that round's leaders, and candidates given then must be the same units (422 RUN_OFF_CANDIDATES).",
    example: ['cuc-ktnv', 'cuc-ngoai-tuyen'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  candidates?: string[];

  @ApiPropertyOptional({
    description:
      'A secret ballot (bỏ phiếu kín): each vote is recorded as a receipt of the voting unit, never its choice, and the ' +
      "round is closed with the counting committee's count. A run-off keeps the secrecy of the round it decides unless given.",
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  secret?: boolean;
}

export class CastBallotDto extends ActDateDto {
  @ApiProperty({ description: 'The member unit voting; the caller must act for it', example: 'cuc-qlxnc' })
  @IsEntityId()
  voterUnitId!: string;

  @ApiPropertyOptional({
    description:
      'The candidate unit voted for (open ballot). Never given in a secret round (422 SECRET_BALLOT_NAMES_NO_CANDIDATE): ' +
      'there the answer records only the receipt that the unit voted.',
    example: 'cuc-ktnv',
  })
  @IsOptional()
  @IsEntityId()
  candidateUnitId?: string;
}

export class CandidateVotesDto {
  @ApiProperty({ description: 'A candidate unit of the round', example: 'cuc-ktnv' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Votes it received', example: 3 })
  @IsInt()
  @Min(0)
  @Max(100000)
  votes!: number;
}

/** The counting committee's result of a secret round (biên bản kiểm phiếu). */
export class SecretCountDto {
  @ApiProperty({
    type: [CandidateVotesDto],
    description:
      'Votes per candidate: every candidate once (422 TALLY_INCOMPLETE, DUPLICATE_CANDIDATE, NOT_A_CANDIDATE)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CandidateVotesDto)
  tally!: CandidateVotesDto[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Invalid or blank ballots (default 0). They are ballots cast: votes plus invalid must equal the receipts (422 COUNT_MISMATCH).',
    example: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  invalid?: number;
}

export class CloseElectionDto extends ActDateDto {
  @ApiPropertyOptional({
    type: SecretCountDto,
    description:
      "A secret round only (required there: 422 COUNT_REQUIRED; refused on an open ballot: 422 COUNT_NOT_APPLICABLE): the counting committee's count",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SecretCountDto)
  count?: SecretCountDto;
}
