import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';
import { CORRELATION_HEADER } from './correlation-id.js';
import { FixedWindowRateLimiter } from './rate-limit.js';
import { replyBuffers } from './reusable-buffers.js';

/** Paths never throttled: probes and scrapes must keep working when clients are over their limit. */
export const UNTHROTTLED = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Fastify hooks that run for every request, matched route or not, before the body is parsed:
 * correlation id echo, rate limiting, request duration. No AsyncLocalStorage for the log context: on
 * Node 20 it turns on promise hooks for every promise of the process (≈ 10 % of a request's CPU);
 * request lines carry the id through Fastify's request logger, a service line names it from its
 * CommandContext.
 */
export function installHttpHooks(
  fastify: FastifyInstance,
  options: { metrics: Metrics; rateLimitPerMinute: number },
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // request.id is the validated x-correlation-id or a fresh one (genReqId).
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });

  if (options.rateLimitPerMinute > 0) {
    const limiter = new FixedWindowRateLimiter(options.rateLimitPerMinute);
    fastify.addHook('onRequest', async (request, reply) => {
      if (UNTHROTTLED.test(request.url)) return;
      const { allowed, remaining, retryAfterSeconds } = limiter.hit(request.ip);
      void reply.header('x-ratelimit-limit', String(options.rateLimitPerMinute));
      void reply.header('x-ratelimit-remaining', String(remaining));
      if (allowed) return;
      return reply
        .code(429)
        .header('retry-after', String(retryAfterSeconds))
        .send({
          code: 'RATE_LIMITED',
          message: `more than ${options.rateLimitPerMinute} requests per minute; retry later`,
        });
    });
  }

  // A callback hook, not an async one: no promise per request. The response has finished: a body lent
  // to the reply (a history page) goes back to be reused.
  fastify.addHook('onResponse', (request, reply, done) => {
    replyBuffers.settle(reply);
    options.metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
