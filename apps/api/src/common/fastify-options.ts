import type { IncomingHttpHeaders } from 'node:http';
import { LogController, type FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { correlationIdFrom } from './correlation-id.js';

/** Fastify server options shared by the API and the projector. */
export function fastifyServerOptions(options: {
  logger: Logger;
  bodyLimitBytes?: number;
  requestLogging?: boolean;
  trustProxy?: boolean;
}): FastifyServerOptions & { loggerInstance: Logger } {
  return {
    loggerInstance: options.logger,
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimit: options.bodyLimitBytes }),
    // The correlation id is the request id, so Fastify's request logger binds it to every line.
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: (request: { headers: IncomingHttpHeaders }) => correlationIdFrom(request.headers),
    logController: new LogController({
      requestIdLogLabel: 'correlationId',
      disableRequestLogging: options.requestLogging === false,
    }),
  };
}
