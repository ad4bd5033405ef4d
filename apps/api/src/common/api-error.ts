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
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Every error body the API sends. */
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
}
