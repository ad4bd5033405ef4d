import type { IncomingHttpHeaders } from 'node:http';
import { LogController, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id.js';
import { toErrorResponse } from './error-mapping.js';

/** Fastify server options shared by the API and the projector. */
export function fastifyServerOptions(options: {
  logger: Logger;
  bodyLimitBytes?: number;
  requestLogging?: boolean;
  /** Hops (or proxy addresses) of X-Forwarded-For to trust; never `true` (every hop). */
  trustProxy?: false | number | string[];
}): FastifyServerOptions & { loggerInstance: Logger } {
  return {
    loggerInstance: options.logger,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimit: options.bodyLimitBytes }),
    // The correlation id is the request id, so Fastify's request logger binds it to every line.
    trustProxy: trustedHops(options.trustProxy ?? false),
    requestIdHeader: false,
    genReqId: (request: { headers: IncomingHttpHeaders }) => correlationIdFrom(request.headers),
    logController: new LogController({
      requestIdLogLabel: 'correlationId',
      disableRequestLogging: options.requestLogging === false,
    }),
    // The router refuses a malformed URL (e.g. `%ED%A0%80`) before any hook or filter runs: answer it in
    // the API's own error shape rather than Fastify's `{ statusCode, error, code, message }`.
    frameworkErrors: (error, request, reply) => {
      const { status, body, headers } = toErrorResponse(error);
      void (reply as unknown as FastifyReply)
        .code(status)
        .headers({ ...headers, [CORRELATION_HEADER]: request.id })
        .send(body);
    },
  };
}

/** A hop count as the function proxy-addr takes (the first `n` hops from the socket are proxies). */
function trustedHops(
  trust: false | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
