import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsEntityId } from '../../write/dto-validators.js';
import { ActDateDto } from '../../write/act-date.js';

export class AssignChairDto extends ActDateDto {
  @ApiProperty({ description: 'The member unit taking the seat', example: 'cuc-anm' })
  @IsEntityId()
  unitId!: string;

  @ApiProperty({ enum: ['chair', 'vice-chair'], description: 'chair (Cụm trưởng) or vice-chair (Cụm phó)' })
  @IsIn(['chair', 'vice-chair'])
  role!: 'chair' | 'vice-chair';

  @ApiProperty({
    enum: ['organizer', 'election'],
    description:
      "organizer: the organizer assigns the seat; election: the result of last year's election (bầu Cụm trưởng) is taken up — by the organizer or the elected unit",
  })
  @IsIn(['organizer', 'election'])
  source!: 'organizer' | 'election';

  @ApiPropertyOptional({
    description: "With source 'election': the election of the previous year's cluster-year",
  })
  @IsOptional()
  @IsEntityId()
  electionId?: string;
}

export class ChairPolicyDto extends ActDateDto {
  @ApiProperty({
    description: "Whether this year's chair/vice-chair may not stand again for the same seat next year",
  })
  @IsBoolean()
  forbidConsecutiveTerms!: boolean;
}
