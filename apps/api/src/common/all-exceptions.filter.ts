import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-mapping.js';

/** Every error leaves as `{ code, message, field? }`; internals are logged, never sent. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse<FastifyReply>();
    const { status, body, headers, internal } = toErrorResponse(exception);
    if (internal) request.log.error({ err: exception }, 'unhandled error');
    else request.log.debug({ code: body.code, status }, body.message);
    if (response.sent) return;
    void response.status(status).headers(headers).send(body);
  }
}
