import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/**
 * application/json bodies are parsed by Fastify's own JSON parser (same limits, same refusal of
 * `__proto__`), except that an empty body is no body: a command without a body (open or close a period,
 * rebuild) may be sent by a client that always says `Content-Type: application/json`.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else parse(request, body.toString('utf8'), done);
  });
}
