import Fastify from 'fastify';

import type { Metrics } from '../metrics/metrics.js';
import { installHttpHooks } from './http-hooks.js';
import { replyBuffers } from './reusable-buffers.js';

describe('installHttpHooks', () => {
  it('gives the body lent to a reply back to be reused once its response has finished', async () => {
    const fastify = Fastify();
    const metrics = { httpDuration: { observe: () => undefined } } as unknown as Metrics;
    installHttpHooks(fastify, { metrics, rateLimitPerMinute: 0 });
    let lent: Buffer | undefined;
    fastify.get('/page', (_request, reply) => {
      lent = replyBuffers.lend(reply, 5);
      lent.write('hello');
      return reply.send(lent);
    });
    await fastify.ready();
    try {
      const before = replyBuffers.freeCount;
      for (let i = 0; i < 3; i++) expect((await fastify.inject({ url: '/page' })).statusCode).toBe(200);
      // Each page's memory went back after its response: the three pages shared one buffer.
      expect(replyBuffers.freeCount).toBe(before + 1);
      expect(replyBuffers.take(1).buffer).toBe(lent?.buffer);
    } finally {
      await fastify.close();
    }
  });
});
