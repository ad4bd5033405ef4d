import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const HEX64 = /^[0-9a-f]{64}$/;

export class StreamEventsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'First revision to return (inclusive)',
    default: 0,
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Events per page',
    default: 100,
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class VerifyQuery {
  @ApiPropertyOptional({
    description: 'Verify one stream (e.g. emulation-cum-1-2024); the whole log when absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  streamId?: string;
}

export class DigestQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Global position to take the stream heads at; the current head when absent',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({
    description:
      'Include every stream head (lets a later verification name the stream that changed); default true',
    default: true,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  heads?: boolean;
}

export class StreamHeadDto {
  @ApiProperty()
  @IsString()
  @MaxLength(300)
  streamId!: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({ description: 'sha256 hex of the head event' })
  @Matches(HEX64)
  hash!: string;
}

/** A digest as GET /audit/digest gave it (heads may be dropped to keep the body small). */
export class SignedDigestDto {
  @ApiProperty({ type: 'integer', description: 'Global position the heads were taken at' })
  @IsInt()
  @Min(0)
  position!: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(0)
  streamCount!: number;

  @ApiProperty({ description: 'Merkle root (sha256 hex) over the stream heads' })
  @Matches(HEX64)
  root!: string;

  @ApiPropertyOptional({ type: [StreamHeadDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StreamHeadDto)
  heads?: StreamHeadDto[];

  @ApiPropertyOptional({
    description:
      'The log hash as of `position`: the chain over every event hash in position order (covers the order ' +
      'across streams); signed with the rest. Absent from digests made before it existed.',
  })
  @IsOptional()
  @Matches(HEX64)
  logHash?: string;

  @ApiProperty({ enum: ['Ed25519'] })
  @IsIn(['Ed25519'])
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'SPKI PEM of the key that signed it' })
  @IsString()
  @MaxLength(1000)
  publicKey!: string;

  @ApiProperty({ description: 'Base64 Ed25519 signature' })
  @IsString()
  @MaxLength(200)
  signature!: string;

  @ApiPropertyOptional({ description: 'When the server issued it (signed with the rest)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  issuedAt?: string;
}
