import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Collects the JSON log lines the app writes. */
function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

describe('HTTP error shapes, limits and correlation ids (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const logs = memoryLogger();

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048', RATE_LIMIT: '0' }, logger: logs.logger });
    admin = `Bearer ${await t.token({ role: 'admin' })}`;
  });
  afterAll(() => t.close());

  const validDigest = {
    position: 0,
    streamCount: 0,
    root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    algorithm: 'Ed25519',
    publicKey: 'x',
    signature: 'y',
  };

  it('answers 400 VALIDATION_FAILED naming the field for a wrong type', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .send({ ...validDigest, position: 'three' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.any(String), field: 'position' });
  });

  it('refuses unknown fields, naming them', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .send({ ...validDigest, sneaky: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.field).toBe('sneaky');
  });

  it('names a nested field by its path', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .send({ ...validDigest, heads: [{ streamId: 's', revision: 0, hash: 'not-hex' }] });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('heads.0.hash');
  });

  it('answers 400 VALIDATION_FAILED for a bad query parameter', async () => {
    const res = await request(t.server).get('/audit/streams/s-1?limit=0').set('authorization', admin);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' });
  });

  it('answers 400 MALFORMED_JSON for a body that does not parse', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .set('content-type', 'application/json')
      .send('{"position": 1,');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'MALFORMED_JSON', message: expect.any(String) });
  });

  it('answers 400 MALFORMED_JSON for a prototype-poisoning body', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .set('content-type', 'application/json')
      .send('{"__proto__": {"admin": true}}');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers 413 PAYLOAD_TOO_LARGE above BODY_LIMIT_BYTES', async () => {
    const res = await request(t.server)
      .post('/audit/verify-against')
      .set('authorization', admin)
      .send({ ...validDigest, publicKey: 'k'.repeat(3000) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
  });

  it('answers 404 NOT_FOUND in the same shape for an unknown route', async () => {
    const res = await request(t.server).get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
  });

  it('echoes a well-formed x-correlation-id and logs every request line with it', async () => {
    const res = await request(t.server).get('/health/live').set('x-correlation-id', 'trace-2024.Q1:abc');
    expect(res.headers['x-correlation-id']).toBe('trace-2024.Q1:abc');
    const mine = logs.lines.filter((l) => l['correlationId'] === 'trace-2024.Q1:abc');
    expect(mine.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['incoming request', 'request completed']),
    );
  });

  it('replaces a malformed correlation id and generates one when absent', async () => {
    const bad = await request(t.server).get('/health/live').set('x-correlation-id', 'not ok; drop table');
    expect(bad.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await request(t.server).get('/health/live');
    expect(none.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-correlation-id']).not.toBe(bad.headers['x-correlation-id']);
  });

  it('carries the correlation id on error answers too', async () => {
    const res = await request(t.server).get('/admin/projections').set('x-correlation-id', 'err-1');
    expect(res.status).toBe(401);
    expect(res.headers['x-correlation-id']).toBe('err-1');
  });
});

describe('rate limiting (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After past RATE_LIMIT requests a minute, but never on /health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(t.server).get('/docs-json')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(t.server).get('/audit/public-key');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(t.server).get('/health/live')).status).toBe(200);
  });
});
