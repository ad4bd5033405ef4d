import {
  createParamDecorator,
  ValidationPipe,
  type ExecutionContext,
  type ValidationError,
} from '@nestjs/common';
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
 * `@NoBody() _body: undefined` on a route that takes no body: anything sent but an empty object is
 * refused (400, naming the first field) instead of being ignored. A param decorator rather than an
 * empty DTO: the ValidationPipe lets arrays and primitives through an empty class.
 */
export const NoBody = createParamDecorator((_data: unknown, execution: ExecutionContext): undefined => {
  const body: unknown = execution.switchToHttp().getRequest<{ body?: unknown }>().body;
  if (body === undefined || body === null) return undefined;
  const isObject = typeof body === 'object' && !Array.isArray(body);
  const first = isObject ? Object.keys(body)[0] : undefined;
  if (isObject && first === undefined) return undefined;
  throw first === undefined
    ? new ApiError(400, 'VALIDATION_FAILED', 'this route takes no body')
    : new ApiError(400, 'VALIDATION_FAILED', `property ${first} should not exist`, first);
});

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
