import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ResponseBodies } from './response-bodies.js';
import type { JsonBytes, StoredJson } from './stored-json.js';

export type { JsonBytes, StoredJson } from './stored-json.js';

/** The OpenAPI reference of a schema generated from ResponseBodies (npm run openapi). */
export const schemaRef = (name: keyof ResponseBodies): { $ref: string } => ({
  $ref: `#/components/schemas/${name}`,
});

type Answer<B> = B | StoredJson<B> | JsonBytes<B>;

/**
 * Declares a route's success answer by the name of its body in ResponseBodies, and makes the compiler
 * check that the method returns exactly that type: the schema clients see is generated from the type the
 * code returns, never kept by hand beside it.
 */
export function ApiResult<K extends keyof ResponseBodies>(
  name: K,
  description: string,
  status = 200,
): <M extends (...args: never[]) => Promise<Answer<ResponseBodies[K]>> | Answer<ResponseBodies[K]>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  return (target, key, descriptor) => {
    ApiResponse({ status, description, schema: schemaRef(name) })(target, key, descriptor);
  };
}

/** Error statuses a route answers beyond those every route of its kind has, each with what it means. */
export type ErrorStatuses = Partial<Record<400 | 403 | 404 | 409 | 422 | 503, string>>;

/**
 * Declares the errors a route answers, each as `{ code, message, field? }` (ErrorBody). The statuses
 * every route of a kind shares (401 with a token, 429, 413/415 with a body…) are added to the document
 * for all of them (completeResponses in openapi.ts).
 */
export function ApiErrors(errors: ErrorStatuses): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, schema: schemaRef('ErrorBody') }),
    ),
  );
}
