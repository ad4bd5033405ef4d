/**
 * Child process: the limit for GET …/rankings/{p} — a bare Fastify server answering each ranking URL with
 * the same document the API answered (serialized per request, as the API does). No auth, no validation,
 * no read store. Also the floor for POST …/scores: parses the JSON body and answers 201 with a body shaped
 * like the API's, nothing else (no auth, no decision, no append). Prints `READY {"port":…}`; `stop` on
 * stdin exits.
 *   node bare-server.js <docs.json: {"/clusters/…/rankings/Q1": {…}, …}>
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';

import Fastify from 'fastify';

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: bare-server.js <docs.json>');
  const docs = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const app = Fastify({ logger: false });
  app.get('/clusters/:clusterId/years/:year/rankings/:period', async (request, reply) => {
    const doc = docs[request.url];
    if (doc === undefined) return reply.code(404).send({ code: 'NOT_FOUND' });
    return doc;
  });
  let n = 0;
  app.post<{ Params: { clusterId: string; year: string }; Body: { unitId?: string } }>(
    '/clusters/:clusterId/years/:year/scores',
    async (request, reply) => {
      n += 1;
      const { clusterId, year } = request.params;
      return reply.code(201).send({
        streamId: `emulation-year-${clusterId}-${year}`,
        revision: n,
        position: n,
        eventIds: [`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`],
        entryId: `${request.body.unitId ?? ''}-${n}`,
      });
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`READY ${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    if (chunk.includes('stop')) void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare-server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
