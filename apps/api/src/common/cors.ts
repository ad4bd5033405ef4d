import type { FastifyCorsOptions } from '@fastify/cors';
import { CORRELATION_HEADER } from './correlation-id.js';

/**
 * CORS for the browser origins named in CORS_ORIGINS (none by default: no cross-origin access). Exact
 * origins only, no wildcard; the request headers the API reads, and the response headers a dashboard
 * needs to see (correlation id, rate limit, Retry-After).
 */
export function corsOptions(origins: string[]): FastifyCorsOptions {
  return {
    origin: origins,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'last-event-id',
      CORRELATION_HEADER,
    ],
    exposedHeaders: [CORRELATION_HEADER, 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'],
    maxAge: 600,
  };
}
