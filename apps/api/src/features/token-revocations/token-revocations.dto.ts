import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEntityId, IsText } from '../write/dto-validators.js';

/** POST /admin/tokens/revocations: exactly one of tokenId and subject. */
export class RevokeTokensDto {
  @ApiPropertyOptional({
    description:
      "The `jti` of one token to refuse from now on (`npm run cli -- token` prints it; 1..64 of a-z, 0-9 and '-', " +
      'as the uuids the CLI gives; a token of another issuer with another id is revoked by its subject)',
    example: '0b6f3c1e-2f55-4f8e-9d0a-3c1f2f6a8e11',
  })
  @IsOptional()
  @IsEntityId()
  tokenId?: string;

  @ApiPropertyOptional({
    description: 'The `sub` whose tokens issued until now are all refused (tokens issued later work)',
    maxLength: 200,
    example: 'can-bo-02',
  })
  @IsOptional()
  @IsText(200)
  subject?: string;

  @ApiProperty({ description: 'Why (lý do thu hồi)', maxLength: 1000, example: 'Máy tính bị mất cắp' })
  @IsText(1000)
  reason!: string;
}
