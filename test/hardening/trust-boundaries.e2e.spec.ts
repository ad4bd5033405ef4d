/**
 * Issue 15 §6: the trust boundaries. TRUST_PROXY names how many proxies (or which) are trusted, so a
 * client rotating X-Forwarded-For does not get past the rate limit; tokens have a maximum lifetime and
 * can be revoked by token id or by subject, recorded as events, refused by every API process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, ConfigError } from '../../apps/api/src/config/app-config.js';
import { signAccessToken, type TokenClaims } from '../../apps/api/src/auth/jwt.js';
import { runCli } from '../../apps/cli/src/cli.js';
import { clusterDirectoryProjection } from '@thidua/projections';
import { startTestApp as startApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { waitUntil } from '../support/wait-until.js';

const key = new TextEncoder().encode(TEST_SECRET);
/** With the directory projection: GET /clusters is the read every role may make. */
const startTestApp = (options: Parameters<typeof startApp>[0] = {}) =>
  startApp({ projections: [clusterDirectoryProjection()], ...options });
const sign = (claims: TokenClaims, options: Parameters<typeof signAccessToken>[2] = {}) =>
  signAccessToken(key, claims, options);

type Inject = (o: object) => Promise<{ statusCode: number }>;
const injector = (t: TestApp): Inject => {
  const fastify = t.app.getHttpAdapter().getInstance() as unknown as { inject: Inject };
  return (o) => fastify.inject(o);
};

describe('TRUST_PROXY', () => {
  it.each([
    ['a hop count', '1'],
    ['a list of proxy addresses', '127.0.0.1, ::1'],
  ])('with %s, a rotating X-Forwarded-For does not get past the rate limit', async (_what, trustProxy) => {
    const t = await startTestApp({ env: { RATE_LIMIT: '5', TRUST_PROXY: trustProxy } });
    try {
      const inject = injector(t);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        // The client forges the left part; the proxy (127.0.0.1, trusted) appends the real client address.
        const res = await inject({
          method: 'GET',
          url: '/docs-json',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    } finally {
      await t.close();
    }
  });

  it('refuses TRUST_PROXY=true (it trusts every hop) and malformed lists, saying what to give', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/hop count or a list/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1, not-an-address' })).toThrow(/not-an-address/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,192.168.1.10' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
    ]);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});

describe('token lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const read = (token: string) => request(t.server).get('/clusters').set('authorization', `Bearer ${token}`);

  it('refuses a token that lives longer than the maximum (default 24 h), accepts one within it', async () => {
    const century = await sign({ sub: 'viewer-x', role: 'viewer' }, { ttl: '36500d' });
    const refused = await read(century);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('TOKEN_LIFETIME_TOO_LONG');
    expect((await read(await sign({ sub: 'viewer-x', role: 'viewer' }, { ttl: '23h' }))).status).toBe(200);
  });

  it('follows AUTH_TOKEN_MAX_LIFETIME', async () => {
    const short = await startTestApp({ env: { AUTH_TOKEN_MAX_LIFETIME: '1h' } });
    try {
      const twoHours = await sign({ sub: 'viewer-x', role: 'viewer' }, { ttl: '2h' });
      const res = await request(short.server).get('/clusters').set('authorization', `Bearer ${twoHours}`);
      expect(res.status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('the CLI signs within the maximum and refuses a longer --ttl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-cli-ttl-'));
    try {
      const io = (out: string[], err: string[]) => ({
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
        env: { DATA_DIR: dir, AUTH_JWT_SECRET: TEST_SECRET },
        cwd: dir,
      });
      const err: string[] = [];
      expect(await runCli(['token', '--role', 'viewer', '--sub', 'x', '--ttl', '48h'], io([], err))).toBe(2);
      expect(err.join('')).toMatch(/24h|86400/);
      const out: string[] = [];
      const ok: string[] = [];
      expect(await runCli(['token', '--role', 'viewer', '--sub', 'x'], io(out, ok))).toBe(0);
      expect(ok.join('')).toMatch(/token id \(jti\): [0-9a-f-]{36}/);
      expect((await read(out.join('').trim())).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('token revocation', () => {
  let dataDir: string;
  let a: TestApp;
  let b: TestApp;
  let admin: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'thidua-revocation-'));
    a = await startTestApp({ dataDir });
    b = await startTestApp({ dataDir }); // another API process on the same log
    admin = await sign({ sub: 'admin-1', role: 'admin' }, { jti: 'admin-token-1' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (t: TestApp, token: string) =>
    request(t.server).get('/clusters').set('authorization', `Bearer ${token}`);
  const revoke = (t: TestApp, token: string, body: object) =>
    request(t.server).post('/admin/tokens/revocations').set('authorization', `Bearer ${token}`).send(body);

  it('revokes one token by its id, on every API process, and records who did it', async () => {
    const stolen = await sign({ sub: 'viewer-7', role: 'viewer' }, { jti: 'tok-7a' });
    const other = await sign({ sub: 'viewer-7', role: 'viewer' }, { jti: 'tok-7b' });
    expect((await get(b, stolen)).status).toBe(200);
    const res = await revoke(a, admin, { tokenId: 'tok-7a', reason: 'Máy tính bị mất cắp' });
    expect(res.status).toBe(201);
    expect((await get(a, stolen)).body).toMatchObject({ code: 'TOKEN_REVOKED' });
    await waitUntil(async () => (await get(b, stolen)).status === 401, 'the other process to refuse it');
    expect((await get(b, other)).status).toBe(200);

    const inspector = await sign({ sub: 'thanh-tra-1', role: 'inspector' });
    const stream = await request(a.server)
      .get('/audit/streams/token-revocations')
      .set('authorization', `Bearer ${inspector}`);
    expect(stream.body.events[0]).toMatchObject({
      type: 'TokenRevoked',
      data: { tokenId: 'tok-7a', reason: 'Máy tính bị mất cắp' },
      metadata: { actor: { id: 'admin-1', role: 'admin' } },
    });
  });

  it('revokes every token of a subject issued until then; a later one works', async () => {
    const before = await sign({ sub: 'officer-9', role: 'unit-officer', unitId: 'cuc-ktnv' });
    expect((await revoke(a, admin, { subject: 'officer-9', reason: 'Chuyển công tác' })).status).toBe(201);
    expect((await get(a, before)).status).toBe(401);
    const later = await sign(
      { sub: 'officer-9', role: 'unit-officer', unitId: 'cuc-ktnv' },
      { now: new Date(Date.now() + 2000) },
    );
    expect((await get(a, later)).status).toBe(200);
  });

  it('is for administrators only, and names one of tokenId or subject', async () => {
    const organizer = await sign({ sub: 'org-1', role: 'organizer', unitId: 'bo-cong-an' });
    expect((await revoke(a, organizer, { tokenId: 'x', reason: 'r' })).status).toBe(403);
    const inspector = await sign({ sub: 'thanh-tra-2', role: 'inspector' });
    expect((await revoke(a, inspector, { tokenId: 'x', reason: 'r' })).status).toBe(403);
    const both = await revoke(a, admin, { tokenId: 'x', subject: 'y', reason: 'r' });
    expect(both.status).toBe(400);
    const neither = await revoke(a, admin, { reason: 'r' });
    expect(neither.status).toBe(400);
    const list = await request(a.server)
      .get('/admin/tokens/revocations')
      .set('authorization', `Bearer ${admin}`);
    expect(list.status).toBe(200);
    expect(list.body.tokens).toContainEqual(expect.objectContaining({ tokenId: 'tok-7a' }));
    expect(list.body.subjects).toContainEqual(expect.objectContaining({ subject: 'officer-9' }));
  });
});
