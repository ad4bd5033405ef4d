import request from 'supertest';
import { scheme } from '@thidua/domain/testing';
import {
  clusterDirectoryProjection,
  rankingDocId,
  RANKINGS_COLLECTION,
  RANKINGS_PROJECTION,
  rankingsProjection,
} from '@thidua/projections';
import { startTestApp, type TestApp } from '../../../../../test/support/test-app.js';
import { ReadModels } from '../../common/read-models.js';

/**
 * GET …/rankings/{p} answers the stored JSON text as is: the bytes must be those the API sent when it
 * parsed the document and let Fastify serialize it (JSON.stringify), with the same content-type.
 */
const ORGANIZER = 'bo-cong-an';
const UNITS = [
  { unitId: 'cuc-anm', name: 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao', kind: 'cuc' },
  { unitId: 'cuc-ktnv', name: 'Cục Kỹ thuật nghiệp vụ', kind: 'cuc' },
];
const CLUSTER = 'bca-cum-2';
const YEAR_PATH = `/clusters/${CLUSTER}/years/2021`;
// Two criteria of the domain's seed fixtures (Cụm 2's demo scheme): one definition of them.
const SCHEME = {
  criteria: scheme.criteria.filter((c) => c.code === 'xd-dang' || c.code === 'chuyen-mon'),
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 70 },
    { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
  ],
  tieBreaks: ['group:Nghiệp vụ'],
};

describe('GET …/rankings/{p} answers the stored JSON text (e2e)', () => {
  let t: TestApp;
  let viewer: string;
  let position = 0;

  const send = async (method: 'post' | 'put', path: string, token: string, body?: object) => {
    const res = await request(t.server)[method](path).set('authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    position = Math.max(position, (res.body as { position: number }).position);
  };
  const get = (path: string) => request(t.server).get(path).set('authorization', `Bearer ${viewer}`);

  beforeAll(async () => {
    t = await startTestApp({ projections: [clusterDirectoryProjection(), rankingsProjection()] });
    const admin = await t.token({ role: 'admin' });
    const organizer = await t.token({ role: 'organizer', sub: 'to-thi-dua', unitId: ORGANIZER });
    viewer = await t.token({ role: 'viewer' });
    const officer = (unitId: string) => t.token({ role: 'unit-officer', sub: `officer-${unitId}`, unitId });
    await send('post', '/units', admin, { unitId: ORGANIZER, name: 'Bộ Công an', kind: 'bo' });
    for (const u of UNITS) await send('post', '/units', admin, { ...u, parentUnitId: ORGANIZER });
    await send('post', '/clusters', admin, {
      clusterId: CLUSTER,
      organizerUnitId: ORGANIZER,
      number: 2,
      name: 'Cụm thi đua số 2',
    });
    for (const u of UNITS) await send('post', `${YEAR_PATH}/members`, organizer, { unitId: u.unitId });
    await send('post', `${YEAR_PATH}/chair`, organizer, {
      unitId: UNITS[0]!.unitId,
      role: 'chair',
      source: 'organizer',
    });
    await send('put', `${YEAR_PATH}/scheme`, organizer, SCHEME);
    await send('post', `${YEAR_PATH}/periods/Q1/open`, organizer);
    for (const [i, u] of UNITS.entries()) {
      await send('post', `${YEAR_PATH}/scores`, await officer(u.unitId), {
        unitId: u.unitId,
        period: 'Q1',
        criterion: 'chuyen-mon',
        points: 40.25 + i,
        assessment: 'self',
        evidence: 'Chuyên án “Đắk Lắk” — minh chứng kèm theo',
      });
    }
  });
  afterAll(() => t.close());

  it('sends the bytes JSON.stringify gives for the stored document, as application/json', async () => {
    const res = await get(`${YEAR_PATH}/rankings/Q1?minPosition=${position}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const reads = t.app.get(ReadModels, { strict: false });
    const stored = await reads.get(
      RANKINGS_PROJECTION,
      RANKINGS_COLLECTION,
      rankingDocId(CLUSTER, 2021, 'Q1'),
    );
    expect(stored).not.toBeNull();
    expect(res.text).toBe(JSON.stringify(stored));
    expect(Buffer.byteLength(res.text)).toBe(Number(res.headers['content-length']));
    expect(res.text).toContain('"Xây dựng lực lượng":0');
    expect((res.body as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('still answers ?asOf= and the errors as JSON', async () => {
    const asOf = await get(`${YEAR_PATH}/rankings/Q1?asOf=${position}`);
    expect(asOf.status).toBe(200);
    expect(asOf.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((asOf.body as { rows: unknown[] }).rows).toHaveLength(2);
    const notOpened = await get(`${YEAR_PATH}/rankings/Q2?minPosition=${position}`);
    expect(notOpened.status).toBe(404);
    expect(notOpened.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(notOpened.body).toEqual({
      code: 'PERIOD_NOT_OPENED',
      message: expect.any(String),
      field: 'period',
    });
    const badQuery = await get(`${YEAR_PATH}/rankings/Q1?sort=name`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'sort' });
  });

  it('sends as-of, explain and what-if answers as the UTF-8 bytes of their JSON, as application/json', async () => {
    const whatIf = await request(t.server)
      .post(`${YEAR_PATH}/rankings/Q1/what-if`)
      .set('authorization', `Bearer ${viewer}`)
      .send({ exclude: [] });
    for (const res of [
      await get(`${YEAR_PATH}/rankings/Q1?asOf=${position}`),
      await get(`${YEAR_PATH}/rankings/Q1/explain`),
      whatIf,
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      // What Fastify would send for the object: JSON.stringify's text, its byte length as content-length.
      expect(res.text).toBe(JSON.stringify(res.body));
      expect(Buffer.byteLength(res.text)).toBe(Number(res.headers['content-length']));
      expect(res.text).toContain('Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao');
    }
  });
});
