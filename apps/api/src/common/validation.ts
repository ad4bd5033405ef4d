import {
  createParamDecorator,
  ValidationPipe,
  type ArgumentMetadata,
  type ExecutionContext,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { ApiError } from './api-error.js';
import { plainBody } from './plain-body.js';
import { plainQuery } from './plain-query.js';

/**
 * Unknown fields are refused, not dropped (DESIGN.md §7), and the answer names the first
 * offending field as a path (`awards.0.code`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe(VALIDATION_OPTIONS);
}

/** The pipe's options: without the plain paths below, what every body and query is validated with. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => validationFailed(errors),
};

/**
 * Most reads come without a query string: transforming and validating an empty query DTO per request
 * (class-transformer, class-validator's metadata lookups) was ≈ 8 % of a ranking read. Whether an empty
 * query is valid depends only on its class, so it is validated once per class and then answered with a
 * fresh instance; a class whose empty query is refused (a required field) keeps being validated.
 *
 * Nest awaits whatever a pipe returns, so what needs no validation is returned as it is, without a
 * promise: a custom decorator's value (`@Year()`, `@Command()`, `@IfMatch()`: three on every command,
 * which the ValidationPipe hands back unchanged through two async calls) and a body the plain path took.
 */
class ApiValidationPipe extends ValidationPipe {
  private readonly emptyQueryValid = new Map<ArgumentMetadata['metatype'], boolean>();

  // Typed as the base's promise (an override must be); the plain values above are awaited just the same.
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom' && !this.validateCustomDecorators) return value as Promise<unknown>;
    if (metadata.type === 'body')
      return (plainBody(metadata.metatype, value) as Promise<unknown>) ?? super.transform(value, metadata);
    return this.transformOther(value, metadata);
  }

  private async transformOther(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || metatype === undefined) return super.transform(value, metadata);
    if (!isEmptyObject(value)) return plainQuery(metatype, value) ?? super.transform(value, metadata);
    let valid = this.emptyQueryValid.get(metatype);
    if (valid === undefined) {
      valid = await super.transform({}, metadata).then(
        () => true,
        () => false,
      );
      this.emptyQueryValid.set(metatype, valid);
    }
    return valid && this.toValidate(metadata)
      ? new (metatype as new () => object)()
      : super.transform(value, metadata);
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const _key in value) return false;
  return true;
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

/** The query of a route that takes no query parameter: any one answers 400 (unknown fields are refused). */
export class NoQuery {}

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
