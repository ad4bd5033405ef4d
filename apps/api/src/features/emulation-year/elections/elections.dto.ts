import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { IsEntityId } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class OpenElectionDto extends ActDateDto {
  @ApiProperty({
    enum: ['chair', 'vice-chair'],
    description: "Next year's chair (Cụm trưởng) or vice-chair (Cụm phó)",
  })
  @IsIn(['chair', 'vice-chair'])
  role!: 'chair' | 'vice-chair';

  @ApiProperty({
    type: [String],
    description: 'Candidate member units',
    example: ['cuc-ktnv', 'cuc-ngoai-tuyen'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsEntityId({ each: true })
  candidates!: string[];
}

export class CastBallotDto extends ActDateDto {
  @ApiProperty({ description: 'The member unit voting; the caller must act for it', example: 'cuc-qlxnc' })
  @IsEntityId()
  voterUnitId!: string;

  @ApiProperty({ description: 'The candidate unit voted for', example: 'cuc-ktnv' })
  @IsEntityId()
  candidateUnitId!: string;
}
