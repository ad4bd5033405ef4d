/**
 * The one domain error. `status` tells the HTTP layer how to answer (422, 403, 404, 409) without the
 * domain knowing about HTTP; `code` is the machine-readable reason; `field` names the input at fault.
 */
export type DomainErrorStatus = 'unprocessable' | 'forbidden' | 'not-found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: DomainErrorStatus = 'unprocessable',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A broken business rule (422). */
export function rule(code: string, message: string, field?: string): DomainError {
  return new DomainError(code, message, 'unprocessable', field);
}

/** The actor may not do this to this object (403). Deny by default. */
export function forbidden(message: string, code = 'FORBIDDEN'): DomainError {
  return new DomainError(code, message, 'forbidden');
}

export function notFound(code: string, message: string, field?: string): DomainError {
  return new DomainError(code, message, 'not-found', field);
}

export function conflict(code: string, message: string, field?: string): DomainError {
  return new DomainError(code, message, 'conflict', field);
}
