import type { OpenAPIObject } from '@nestjs/swagger';
import { UNTHROTTLED } from '../common/http-hooks.js';
import { schemaRef } from './api-result.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * What every route of a kind answers, added to each operation of that kind, so no route can forget one:
 * - a route without a token (`@Public()`, no bearer requirement) says `security: []`;
 * - POST and PUT parse a body whatever the route: malformed JSON 400, too large 413, not JSON 415;
 * - a route with parameters answers 400 naming the one at fault;
 * - every route the rate limiter watches (all but /health and /metrics) can answer 429, and 500
 *   INTEGRITY_FAILURE when the log under it fails its check; POST and PUT 503 STORAGE_* (disk full…);
 * - a route taking `?minPosition=` answers 422 POSITION_BEYOND_HEAD past the log's head.
 * Then every error response without a body schema gets ErrorBody (`{ code, message, field? }`).
 * 401 and 403 come with @Roles, 503 with @WaitForProjections, the rest with @ApiErrors / @ApiCommand.
 */
export function completeResponses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.security ??= [];
      orderParameters(operation, path);
      const responses = operation.responses;
      if (method === 'post' || method === 'put') {
        add(
          responses,
          400,
          'MALFORMED_JSON: the body is not JSON (or starts with a byte-order mark); INVALID_UTF8 / ' +
            'UNSUPPORTED_CHARSET: not UTF-8 (`field` names the field holding the bad bytes, or content-type); ' +
            'JSON_TOO_DEEP: nested deeper than 32 levels; VALIDATION_FAILED: `field` names the input at fault',
        );
        add(
          responses,
          503,
          'STORAGE_FULL, STORAGE_READ_ONLY, STORAGE_UNAVAILABLE, STORAGE_BUSY: the storage takes no writes, ' +
            'nothing was written; see Retry-After',
        );
        add(responses, 413, 'PAYLOAD_TOO_LARGE: the body is larger than BODY_LIMIT_BYTES');
        add(responses, 415, 'UNSUPPORTED_MEDIA_TYPE: a body that is not application/json');
      }
      if ((operation.parameters ?? []).length > 0) {
        add(responses, 400, 'VALIDATION_FAILED: `field` names the parameter at fault');
      }
      if ((operation.parameters ?? []).some((p) => 'name' in p && p.name === 'minPosition')) {
        addOrAppend(
          responses,
          422,
          "POSITION_BEYOND_HEAD (field minPosition): past the log's head, answered at once; the body gives `head`",
        );
      }
      if (!UNTHROTTLED.test(path)) {
        add(
          responses,
          500,
          'INTEGRITY_FAILURE: the log failed its integrity check (the message names stream, revision and ' +
            'position; an append on it is refused, nothing written); INTERNAL otherwise',
        );
        add(
          responses,
          429,
          'RATE_LIMITED: more than RATE_LIMIT requests this minute from this address; see Retry-After',
        );
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && response && 'description' in response && !response.content) {
          response.content = { 'application/json': { schema: schemaRef('ErrorBody') } };
        }
      }
    }
  }
}

function add(responses: Responses, status: number, description: string): void {
  responses[String(status)] ??= { description };
}

/** Adds the response, or its description to the one the route declared for that status. */
function addOrAppend(responses: Responses, status: number, description: string): void {
  const existing = responses[String(status)];
  if (existing && 'description' in existing) existing.description = `${existing.description}; ${description}`;
  else add(responses, status, description);
}

const PLACES = ['path', 'query', 'header', 'cookie'];

/** Path parameters in the order of the path, then query, then headers (Nest's order depends on decorators). */
function orderParameters(operation: Operation, path: string): void {
  const rank = (p: { name: string; in: string }): number =>
    PLACES.indexOf(p.in) * 1000 + (p.in === 'path' ? path.indexOf(`{${p.name}}`) : 0);
  operation.parameters = [...(operation.parameters ?? [])].sort(
    (a, b) => rank(a as { name: string; in: string }) - rank(b as { name: string; in: string }),
  );
}
