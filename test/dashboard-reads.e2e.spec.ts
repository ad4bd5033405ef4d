import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApiClient } from '@thidua/api-client';
import { clusterDirectoryProjection, rankingsProjection } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectOk, supertestHttp, type Http } from './hardening/support/http.js';
import {
  allUnitIds,
  buildClusterYear,
  CLUSTER,
  ORGANIZER,
  OTHER_CLUSTER,
  OTHER_ORGANIZER,
  signTokens,
  SPARE_UNIT,
  UNITS,
  YEAR_PATH,
  type Tokens,
} from './hardening/support/world.js';

/**
 * What a dashboard reads beside the rankings: organizers, units and clusters; commands it sends without a
 * body; the browser origins allowed by CORS_ORIGINS; and the typed client generated from the contract.
 */
const ORIGIN = 'http://localhost:5173';

describe('reads a dashboard needs (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let tokens: Tokens;
  let position = 0;

  const get = (path: string) =>
    expectOk(http, 'GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, {
      token: tokens.viewer,
    });

  beforeAll(async () => {
    t = await startTestApp({
      projections: [clusterDirectoryProjection(), rankingsProjection()],
      env: { RATE_LIMIT: '0', CORS_ORIGINS: `${ORIGIN}, https://bangdieukhien.example.vn` },
    });
    http = supertestHttp(t.server);
    tokens = await signTokens((c) => t.token(c), allUnitIds());
    await buildClusterYear(http, tokens);
    position = (await expectOk(http, 'GET', '/audit/digest?heads=false', { token: tokens.inspector })).body
      .position;
  });
  afterAll(() => t.close());

  it('lists and gets the units: name, kind, parent, status, by Vietnamese name', async () => {
    const { units } = (await get('/units')).body as { units: Array<{ unitId: string; name: string }> };
    const names = units.map((u) => u.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(units.map((u) => u.unitId)).toEqual(
      expect.arrayContaining([ORGANIZER, UNITS.own.id, SPARE_UNIT.id]),
    );
    const own = (await get(`/units/${UNITS.own.id}`)).body;
    expect(own).toMatchObject({
      unitId: UNITS.own.id,
      name: UNITS.own.name,
      kind: 'cuc',
      parentUnitId: ORGANIZER,
      status: 'active',
      clusterYears: [`${CLUSTER}:2021`],
    });
    const children = (await get(`/units?parent=${ORGANIZER}`)).body.units as Array<{ parentUnitId: string }>;
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((u) => u.parentUnitId === ORGANIZER)).toBe(true);
    const missing = await http('GET', '/units/khong-co', { token: tokens.viewer });
    expect({ status: missing.status, code: missing.body.code }).toEqual({
      status: 404,
      code: 'UNIT_NOT_FOUND',
    });
  });

  it('lists and gets the organizers with their clusters; a unit that organizes nothing is not one', async () => {
    const { organizers } = (await get('/organizers')).body as {
      organizers: Array<{ unitId: string; name: string; clusters: Array<{ clusterId: string }> }>;
    };
    expect(organizers.map((o) => [o.unitId, o.clusters.map((c) => c.clusterId)])).toEqual([
      [ORGANIZER, [CLUSTER]],
      [OTHER_ORGANIZER, [OTHER_CLUSTER]],
    ]);
    expect((await get(`/organizers/${ORGANIZER}`)).body).toMatchObject({ name: 'Bộ Công an', kind: 'bo' });
    const notOne = await http('GET', `/organizers/${UNITS.own.id}`, { token: tokens.viewer });
    expect({ status: notOne.status, code: notOne.body.code }).toEqual({
      status: 404,
      code: 'ORGANIZER_NOT_FOUND',
    });
  });

  it('gets one cluster with its years, 404 for an unknown one', async () => {
    expect((await get(`/clusters/${CLUSTER}`)).body).toMatchObject({
      clusterId: CLUSTER,
      number: 2,
      organizerUnitId: ORGANIZER,
      status: 'active',
      years: [2021],
    });
    const missing = await http('GET', '/clusters/bca-cum-9', { token: tokens.viewer });
    expect({ status: missing.status, field: missing.body.field }).toEqual({
      status: 404,
      field: 'clusterId',
    });
  });

  it('accepts an empty body sent as application/json on a command that takes none', async () => {
    const res = await request(t.server)
      .post(`${YEAR_PATH}/periods/Q2/open`)
      .set('authorization', `Bearer ${tokens.organizer}`)
      .set('content-type', 'application/json')
      .send('');
    expect(res.status).toBe(201);
    // A body that is there must still be JSON, and a command that takes none refuses one.
    const malformed = await request(t.server)
      .post(`${YEAR_PATH}/periods/Q3/open`)
      .set('authorization', `Bearer ${tokens.organizer}`)
      .set('content-type', 'application/json')
      .send('{');
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });
    const unexpected = await request(t.server)
      .post(`${YEAR_PATH}/periods/Q3/open`)
      .set('authorization', `Bearer ${tokens.organizer}`)
      .send({ period: 'Q3' });
    expect(unexpected.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'period' });
  });

  it('answers CORS for the configured origins only', async () => {
    const preflight = await request(t.server)
      .options('/clusters')
      .set('origin', ORIGIN)
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'authorization, last-event-id');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
    const read = await request(t.server)
      .get('/clusters')
      .set('origin', ORIGIN)
      .set('authorization', `Bearer ${tokens.viewer}`);
    expect(read.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(read.headers['access-control-expose-headers']).toMatch(/x-correlation-id/);
    const stranger = await request(t.server)
      .get('/clusters')
      .set('origin', 'https://evil.example')
      .set('authorization', `Bearer ${tokens.viewer}`);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the typed client generated from the contract (openapi-fetch)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: () => tokens.viewer });
    const { data, error, response } = await api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}', {
      params: { path: { clusterId: CLUSTER, year: 2021, period: 'Q1' }, query: { minPosition: position } },
    });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data!.rows.map((r) => [r.unitId, r.unitName])).toEqual(
      expect.arrayContaining([[UNITS.own.id, UNITS.own.name]]),
    );
    const missing = await api.GET('/units/{unitId}', { params: { path: { unitId: 'khong-co' } } });
    expect(missing.error).toMatchObject({ code: 'UNIT_NOT_FOUND' });
  });

  it('answers no CORS header when CORS_ORIGINS is not set', async () => {
    const plain = await startTestApp();
    const res = await request(plain.server).get('/health/live').set('origin', ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    await plain.close();
  });
});
