/**
 * Issue 15 §3–4: bodies that cost a reader's CPU, and text that would be changed instead of refused.
 * Each is refused with 400, a code and (where there is one) the field; nothing is recorded.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: string;
let viewer: string;
const WHAT_IF = '/clusters/bca-cum-2/years/2021/rankings/Q2/what-if';

beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT: '0' } });
  admin = await t.token({ role: 'admin' });
  viewer = await t.token({ role: 'viewer' });
  const res = await post('/units', admin, { unitId: 'bo-cong-an', name: 'Bộ Công an', kind: 'bo' });
  expect(res.status).toBe(201);
});
afterAll(() => t.close());

function post(path: string, token: string, body: unknown): request.Test {
  return request(t.server)
    .post(path)
    .set('authorization', `Bearer ${token}`)
    .send(body as object);
}

/** Sends the bytes as they are (supertest would serialise a Buffer as JSON), through Fastify's inject. */
async function postRaw(
  path: string,
  token: string,
  body: Buffer | string,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const fastify = t.app.getHttpAdapter().getInstance() as {
    inject(o: object): Promise<{ statusCode: number; json(): Record<string, unknown> }>;
  };
  const res = await fastify.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
  return { status: res.statusCode, body: res.json() };
}

const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

async function head(): Promise<number> {
  const res = await request(t.server).get('/audit/verify').set('authorization', `Bearer ${admin}`);
  return res.body.headPosition as number;
}

describe('§3 nesting depth', () => {
  it('refuses a what-if body nested 50,000 levels with 400 JSON_TOO_DEEP, not 500', async () => {
    const res = await postRaw(WHAT_IF, viewer, `{"overrides":${nested(50_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'JSON_TOO_DEEP', field: 'overrides' });
  });

  it('refuses 33 levels and lets 32 through to validation', async () => {
    const tooDeep = await postRaw(WHAT_IF, viewer, `{"overrides":${nested(32)}}`);
    expect(tooDeep.body).toMatchObject({ code: 'JSON_TOO_DEEP' });
    const deepest = await postRaw(WHAT_IF, viewer, `{"overrides":${nested(31)}}`);
    expect(deepest.body.code).not.toBe('JSON_TOO_DEEP'); // parsed: what follows is the route's own answer
  });

  it('keeps /health/live answering while 100 deep bodies arrive at once', async () => {
    const body = `{"overrides":${nested(50_000)}}`;
    const flood = Array.from({ length: 100 }, () => postRaw(WHAT_IF, viewer, body).then((r) => r.status));
    const live = request(t.server)
      .get('/health/live')
      .then((r) => r.status);
    const [liveStatus, ...statuses] = await Promise.all([live, ...flood]);
    expect(liveStatus).toBe(200);
    expect(new Set(statuses)).toEqual(new Set([400]));
  });
});

describe('§4 bytes and characters', () => {
  it('refuses invalid UTF-8 in a name with 400 INVALID_UTF8 naming the field, and stores nothing', async () => {
    const before = await head();
    const body = Buffer.concat([
      Buffer.from('{"clusterId":"cum-x","organizerUnitId":"bo-cong-an","number":9,"name":"Cụm ', 'utf8'),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from('"}', 'utf8'),
    ]);
    const res = await postRaw('/clusters', admin, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_UTF8', field: 'name' });
    expect(await head()).toBe(before);
  });

  it('refuses a charset other than UTF-8', async () => {
    const res = await postRaw(
      '/units',
      admin,
      '{"unitId":"u-latin","name":"Cuc","kind":"cuc"}',
      'application/json; charset=iso-8859-1',
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_CHARSET', field: 'content-type' });
    const utf8 = await postRaw(
      '/units',
      admin,
      '{"unitId":"u-utf8","name":"Cục Kỹ thuật nghiệp vụ","kind":"cuc"}',
      'application/json; charset=UTF-8',
    );
    expect(utf8.status).toBe(201);
  });

  it('refuses a body that starts with a byte-order mark', async () => {
    const res = await postRaw('/units', admin, '\uFEFF{"unitId":"u-bom","name":"Cục","kind":"cuc"}');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
    expect(res.body.message).toContain('byte-order mark');
  });

  it.each([
    ['NUL', 'Cục\u0000Kỹ thuật'],
    ['an ESC sequence', 'Cục \u001b[31mđỏ'],
    ['a right-to-left override', 'Cục \u202eKỹ thuật'],
    ['a zero-width space', 'Cục\u200bKỹ thuật'],
    ['a zero-width joiner', 'Cục\u200dKỹ thuật'],
    ['a line break in a one-line field', 'Cục\nKỹ thuật'],
  ])('refuses %s in a name (400, field name)', async (_what, name) => {
    const res = await post('/units', admin, { unitId: 'u-ctl', name, kind: 'cuc' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });

  it('keeps Vietnamese exactly, and line breaks in a multi-line reason', async () => {
    const created = await post('/units', admin, {
      unitId: 'cuc-ktnv',
      name: 'Cục Kỹ thuật nghiệp vụ',
      kind: 'cuc',
    });
    expect(created.status).toBe(201);
    const reason = 'Theo Quyết định số 12/QĐ-BCA:\n- đổi tên đơn vị;\r\n- giữ nguyên nhiệm vụ.';
    const renamed = await post('/units/cuc-ktnv/rename', admin, { name: 'Cục Kỹ thuật nghiệp vụ I', reason });
    expect(renamed.status).toBe(201);
    const events = await request(t.server)
      .get('/audit/streams/unit-cuc-ktnv')
      .set('authorization', `Bearer ${admin}`);
    expect(events.body.events.at(-1).data.reason).toBe(reason);
    const tab = await post('/units/cuc-ktnv/rename', admin, { name: 'Cục A', reason: 'a\tb' });
    expect(tab.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
  });

  it('says so in the OpenAPI descriptions of text fields', async () => {
    const doc = (await request(t.server).get('/docs-json')).body;
    const schemas = doc.components.schemas;
    expect(schemas.RenameUnitDto.properties.name.description).toMatch(
      /one line.*control.*bidi.*zero-width/is,
    );
    expect(schemas.RenameUnitDto.properties.reason.description).toMatch(/line breaks/i);
  });
});
