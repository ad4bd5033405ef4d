import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** The 201 body of every command (DESIGN.md §6). */
export class CommandResultDto {
  @ApiProperty({
    description: 'The stream written, e.g. emulation-bca-cum-2-2021',
    example: 'emulation-bca-cum-2-2021',
  })
  streamId!: string;

  @ApiProperty({
    description: 'Revision of the last event written in that stream (send it as If-Match next time)',
  })
  revision!: number;

  @ApiProperty({
    description: 'Global position of the last event written: pass it as ?minPosition= to a read',
  })
  position!: number;

  @ApiProperty({
    type: [String],
    description: 'Ids of the events written (empty when nothing needed to change)',
  })
  eventIds!: string[];
}

export class ErrorBodyDto {
  @ApiProperty({
    description: 'Machine-readable reason, e.g. POINTS_OUT_OF_RANGE, NOT_A_MEMBER, VALIDATION_FAILED',
  })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ description: 'The input at fault (body path, path parameter or header)' })
  field?: string;
}

export interface ApiCommandOptions {
  summary: string;
  description?: string;
  /** The 201 body when the command also answers an id it created (entryId, disputeId, electionId). */
  created?: Type<unknown>;
}

/**
 * Documents a command route the same way everywhere: 201 with the command result, 400/404/409/422
 * with `{ code, message, field? }` (401/403 come with @Roles), and the Idempotency-Key and If-Match
 * headers. Also sets 201 (PUT answers 201 too: every command answers the same).
 */
export function ApiCommand(options: ApiCommandOptions): MethodDecorator {
  return applyDecorators(
    HttpCode(201),
    ApiOperation({
      summary: options.summary,
      ...(options.description && { description: options.description }),
    }),
    ApiCreatedResponse({ type: options.created ?? CommandResultDto, description: 'recorded' }),
    ApiBadRequestResponse({
      type: ErrorBodyDto,
      description: 'VALIDATION_FAILED: malformed input or unknown field',
    }),
    ApiNotFoundResponse({
      type: ErrorBodyDto,
      description: 'the cluster, unit, entry or dispute does not exist',
    }),
    ApiConflictResponse({
      type: ErrorBodyDto,
      description: 'REVISION_CONFLICT (If-Match stale, or writers kept colliding), or a state conflict',
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorBodyDto,
      description: 'a business rule is broken (nothing recorded), or IDEMPOTENCY_KEY_REUSED',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Same key and body: the first answer again and no new event. Same key, other request: 422 IDEMPOTENCY_KEY_REUSED.',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'Expected revision of the target stream (e.g. "7", or "-1"/"no-stream" for a new stream): a stale one answers 409 and records nothing.',
    }),
  );
}
