import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error.js';

/**
 * Unknown fields are refused, not dropped (DESIGN.md §7), and the answer names the first
 * offending field as a path (`awards.0.code`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(errors),
  });
}

/**
 * `@Body() _body: NoBodyDto` on a route that takes no body: the pipe then refuses any field sent (400
 * naming it) instead of the route ignoring it; no body, or `{}`, passes.
 */
export class NoBodyDto {}

export function validationFailed(errors: ValidationError[]): ApiError {
  const first = firstViolation(errors, '');
  if (!first) return new ApiError(400, 'VALIDATION_FAILED', 'the request is invalid');
  return new ApiError(400, 'VALIDATION_FAILED', first.message, first.field);
}

function firstViolation(
  errors: ValidationError[],
  prefix: string,
): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message: message.replace(error.property, field) };
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}
