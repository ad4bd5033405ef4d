import { HttpException } from '@nestjs/common';
import { DomainError } from '@thidua/domain';
import {
  AppendTooLargeError,
  IntegrityError,
  isStorageError,
  RevisionConflictError,
  StoreError,
} from '@thidua/event-store';
import { ApiError, type ErrorBody } from './api-error.js';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** A server fault: logged with its stack, never shown to the caller. */
  internal: boolean;
}

/** How a domain rule violation says what kind it is (libs/domain DomainError and its kin). */
const DOMAIN_STATUS: Record<string, number> = {
  unprocessable: 422,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};

interface StatusCarryingError {
  code: string;
  message: string;
  field?: string;
  status: keyof typeof DOMAIN_STATUS;
}

/**
 * Recognised by shape as well as class: libs/domain's DomainError carries `code`, `status` and maybe
 * `field`; any other error of the same shape (a feature's own) is answered the same way.
 */
function isStatusCarryingError(error: unknown): error is StatusCarryingError {
  if (error instanceof DomainError) return true;
  if (!(error instanceof Error)) return false;
  const { code, status } = error as unknown as Record<string, unknown>;
  return typeof code === 'string' && typeof status === 'string' && status in DOMAIN_STATUS;
}

/** Fastify's own errors, surfaced by Nest as an HttpException whose cause is the FastifyError. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  // Answered by the router (frameworkErrors) before any route runs: bad percent-encoding, long parameter.
  FST_ERR_BAD_URL: { status: 400, code: 'MALFORMED_URL' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG' },
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Retry-After of a storage failure: long enough for an operator or a compaction to free space. */
const STORAGE_RETRY_AFTER_SECONDS = '30';

const INTERNAL: ErrorResponse = {
  status: 500,
  body: {
    code: 'INTERNAL',
    message: 'internal server error; quote the x-correlation-id header when reporting it',
  },
  headers: {},
  internal: true,
};

/** The single mapping from anything thrown to `{ code, message, field? }` and a status. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ApiError) {
    const answer = reply(error.status, error.code, error.message, error.field, error.headers);
    return { ...answer, body: { ...answer.body, ...error.details } };
  }
  if (error instanceof RevisionConflictError) {
    return reply(409, 'REVISION_CONFLICT', `${error.message}; reload and retry`);
  }
  if (isStatusCarryingError(error)) {
    return reply(DOMAIN_STATUS[error.status]!, error.code, error.message, error.field);
  }
  if (error instanceof IntegrityError) {
    // Not internals: which event of the log fails its hash is what the caller must be told.
    return { ...reply(500, 'INTEGRITY_FAILURE', error.message), internal: true };
  }
  if (isStorageError(error)) {
    // The storage (disk full, read-only, I/O, busy) failed, not the request: nothing was written.
    const code = (error as StoreError).code;
    const response = reply(
      503,
      code,
      `storage unavailable (${code}): nothing was written; retry later`,
      undefined,
      {
        'retry-after': STORAGE_RETRY_AFTER_SECONDS,
      },
    );
    return { ...response, internal: true }; // logged with the file and the cause, which the caller is not shown
  }
  if (error instanceof AppendTooLargeError) {
    // The request would write more than the store takes in one append (EventStoreDB's MaxAppendSize).
    return reply(413, 'APPEND_TOO_LARGE', `${error.message}; nothing was written`);
  }
  if (error instanceof StoreError) {
    if (error.code === 'DIGEST_POSITION')
      return reply(422, 'POSITION_BEYOND_HEAD', error.message, 'position');
    // Named by a caller (e.g. a projection in a path); every other store error is a server fault.
    return error.code === 'UNKNOWN_PROJECTION' ? reply(404, 'PROJECTION_NOT_FOUND', error.message) : INTERNAL;
  }
  const fastify = fastifyError(error);
  if (fastify) return fastify;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return status === 503 ? reply(503, 'SERVICE_UNAVAILABLE', error.message) : INTERNAL;
    return reply(status, HTTP_CODES[status] ?? `HTTP_${status}`, error.message);
  }
  return INTERNAL;
}

function fastifyError(error: unknown): ErrorResponse | null {
  const cause = error instanceof HttpException ? error.cause : error;
  if (!(cause instanceof Error)) return null;
  const { code, statusCode } = cause as Error & { code?: unknown; statusCode?: unknown };
  const known = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (known) return reply(known.status, known.code, known.message ?? cause.message);
  // secure-json-parse refuses __proto__ / constructor.prototype with a plain SyntaxError.
  if (cause instanceof SyntaxError && statusCode === 400) return reply(400, 'MALFORMED_JSON', cause.message);
  return null;
}

function reply(
  status: number,
  code: string,
  message: string,
  field?: string,
  headers: Record<string, string> = {},
): ErrorResponse {
  const body: ErrorBody =
    field === undefined ? { code, message } : { code, message, field: fieldPath(field) };
  return { status, body, headers, internal: false };
}

/** One spelling of a field path for clients: the validator's `awards.0.code`, also for the domain's `awards[0].code`. */
function fieldPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}
