import { SignJWT } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('authentication and authorization (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const res = await request(t.server).get('/admin/projections');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 TOKEN_INVALID for a token signed with another secret', async () => {
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-that-is-long-enough!!'));
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('answers 401 TOKEN_INVALID for an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const payload = Buffer.from(JSON.stringify({ sub: 'mallory', role: 'admin', exp })).toString('base64url');
    const res = await request(t.server)
      .get('/admin/projections')
      .set('authorization', `Bearer ${header}.${payload}.`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
    const expired = await t.token({ role: 'admin' }, -60);
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('answers 401 for a token without exp', async () => {
    const key = new TextEncoder().encode(t.config.authJwtSecret!);
    const noExp = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .sign(key);
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${noExp}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_CLAIMS_INVALID');
  });

  it('answers 401 for an organizer token without unitId', async () => {
    const key = new TextEncoder().encode(t.config.authJwtSecret!);
    const token = await new SignJWT({ role: 'organizer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('o')
      .setExpirationTime('1h')
      .sign(key);
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_CLAIMS_INVALID');
  });

  it('answers 403 FORBIDDEN for a role the route does not allow', async () => {
    const viewer = await t.token({ role: 'viewer' });
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${viewer}`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('lets an allowed role through', async () => {
    const inspector = await t.token({ role: 'inspector' });
    const res = await request(t.server).get('/admin/projections').set('authorization', `Bearer ${inspector}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('serves /health, /health/live, /docs and the OpenAPI JSON without a token', async () => {
    expect((await request(t.server).get('/health/live')).status).toBe(200);
    expect((await request(t.server).get('/health')).status).toBe(200);
    const docs = await request(t.server).get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    const asset = await request(t.server).get('/docs/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await request(t.server).get('/docs/package.json')).status).toBe(404);
    const json = await request(t.server).get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.info.title).toBe('Thi Đua Ledger API');
    expect(json.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/audit/digest', '/admin/projections']),
    );
  });
});
