import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, ApiResult, type StoredJson } from '../../openapi/api-result.js';
import type { ResponseBodies } from '../../openapi/response-bodies.js';

/** What a command answers: the command result, with the id it created for some. */
export type CommandBody =
  | 'CommandResult'
  | 'ScoreRecorded'
  | 'DisputeFiled'
  | 'ElectionOpened'
  | 'AwardDecisionIssued'
  | 'AwardRevoked'
  | 'FindingRecorded'
  | 'ConferenceHeld'
  | 'PlanIssued'
  | 'ComplaintFiled'
  | 'DisciplineCaseOpened'
  | 'ProposalSubmitted'
  | 'ProposalCommentReceived'
  | 'CouncilMeetingHeld'
  | 'TitleReviewHeld';

export interface ApiCommandOptions<K extends CommandBody> {
  summary: string;
  description?: string;
  /** The 201 body when the command also answers an id it created (entryId, disputeId, electionId…). */
  created?: K;
  /** The body, with an example that works on the demo (`npm run demo`); none for a command without a body. */
  body?: { type: Type<unknown>; description: string; example: object };
  /** An Idempotency-Key example, for a route whose example creates an id other examples name. */
  idempotencyKey?: string;
}

/**
 * Documents a command route the same way everywhere: 201 with the command result (the compiler checks
 * the method returns it), 400/403/404/409/422 with `{ code, message, field? }` (401 comes with @Roles;
 * 413/415/429 with every body route), the request body with its example, and the Idempotency-Key and
 * If-Match headers. Also sets 201 (PUT answers 201 too: every command answers the same).
 */
export function ApiCommand<K extends CommandBody = 'CommandResult'>(
  options: ApiCommandOptions<K>,
): <M extends (...args: never[]) => Promise<ResponseBodies[K] | StoredJson<ResponseBodies[K]>>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  const rest = applyDecorators(
    HttpCode(201),
    ApiOperation({
      summary: options.summary,
      ...(options.description && { description: options.description }),
    }),
    ApiErrors({
      400: 'VALIDATION_FAILED: malformed input or unknown field (`field` names it)',
      403: "FORBIDDEN: the token's unit may not do this here (e.g. another unit's self score); nothing recorded",
      404: 'the cluster, unit, entry or dispute does not exist',
      409: 'REVISION_CONFLICT (If-Match stale, or writers kept colliding), or a state conflict',
      422: 'a business rule is broken (nothing recorded), or IDEMPOTENCY_KEY_REUSED',
    }),
    ...(options.body
      ? [
          ApiBody({
            type: options.body.type,
            description: options.body.description,
            examples: { demo: { summary: 'On the demo (npm run demo)', value: options.body.example } },
          }),
        ]
      : []),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Same key and body: the first answer again and no new event. Same key, other request: 422 IDEMPOTENCY_KEY_REUSED. ' +
        'An id the command creates is derived from the key and the caller (sub), so a retry answers the same id.',
      ...(options.idempotencyKey && { example: options.idempotencyKey }),
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'Expected revision of the target stream (e.g. "7", or "-1"/"no-stream" for a new stream): a stale one answers 409 and records nothing.',
    }),
  );
  const result = ApiResult((options.created ?? 'CommandResult') as K, 'recorded', 201);
  return (target, key, descriptor) => {
    result(target, key, descriptor);
    rest(target, key, descriptor);
  };
}
