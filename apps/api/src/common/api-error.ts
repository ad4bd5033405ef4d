import type { Integer } from '@thidua/domain';

/**
 * An error the HTTP layer answers itself (validation, auth, throttling, projections behind):
 * the same `code` style as the domain's and the stores' errors, plus the HTTP status.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
    /** Facts the caller needs beside the message (e.g. the log's `head`). */
    readonly details: Pick<ErrorBody, 'head'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Every error body the API sends. */
export interface ErrorBody {
  /** Machine-readable reason, e.g. VALIDATION_FAILED, POINTS_OUT_OF_RANGE, CLUSTER_NOT_FOUND. */
  code: string;
  /** What went wrong, for a person. */
  message: string;
  /** The input at fault: a body path (`awards.0.code`), a path or query parameter, or a header. */
  field?: string;
  /**
   * The log's head position, when the request named a position beyond it (AS_OF_BEYOND_HEAD,
   * POSITION_BEYOND_HEAD).
   */
  head?: Integer;
}
