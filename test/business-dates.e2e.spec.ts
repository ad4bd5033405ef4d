import request from 'supertest';
import { allProjections } from '@thidua/projections';
import { startTestApp, type TestApp } from './support/test-app.js';
import { scheme } from '@thidua/domain/testing';

/**
 * Business dates through HTTP: Cụm thi đua số 1 of 2017 (seed 002) loaded today as a historical import,
 * every act with its own 2017 date; the Ministry's recorded window for 2017; as-of by business date beside
 * as-of by position; explain and history showing both dates.
 */
const ORGANIZER = 'bo-cong-an';
const CLUSTER = 'bca-cum-1-2017';
const YEAR_PATH = `/clusters/${CLUSTER}/years/2017`;
const UNITS = [
  { unitId: 'van-phong-bca', name: 'Văn phòng Bộ Công an', kind: 'van-phong' },
  { unitId: 'cuc-doi-ngoai', name: 'Cục Đối ngoại', kind: 'cuc' },
];

describe('business dates through HTTP (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const send = (method: 'post' | 'put', path: string, token: string, body?: object) =>
    request(t.server)[method](path).set('authorization', `Bearer ${token}`).send(body);
  const ok = async (res: Promise<request.Response>, status = 201) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const get = async (path: string) =>
    (await ok(request(t.server).get(path).set('authorization', `Bearer ${tokens.inspector}`), 200)).body;
  let scoredPosition = 0;
  let head = 0;

  beforeAll(async () => {
    t = await startTestApp({ projections: allProjections });
    tokens.admin = await t.token({ role: 'admin', sub: 'admin-1' });
    tokens.organizer = await t.token({ role: 'organizer', sub: 'phong-td-kt', unitId: ORGANIZER });
    tokens.inspector = await t.token({ role: 'inspector', sub: 'inspector-1' });
    for (const u of UNITS)
      tokens[u.unitId] = await t.token({
        role: 'unit-officer',
        sub: `officer-${u.unitId}`,
        unitId: u.unitId,
      });
    await ok(
      send('post', '/units', tokens.admin!, {
        unitId: ORGANIZER,
        name: 'Bộ Công an',
        kind: 'bo',
        effectiveDate: '1945-08-19',
      }),
    );
    for (const u of UNITS)
      await ok(
        send('post', '/units', tokens.admin!, { ...u, parentUnitId: ORGANIZER, effectiveDate: '2016-01-01' }),
      );
    await ok(
      send('post', '/clusters', tokens.admin!, {
        clusterId: CLUSTER,
        organizerUnitId: ORGANIZER,
        number: 1,
        name: 'Cụm thi đua số 1',
        effectiveDate: '2017-01-05',
      }),
    );
    // The Ministry's year 2017: from 1/12/2016 to 30/11/2017 (minh họa).
    await ok(
      send('put', `/organizers/${ORGANIZER}/years/2017/window`, tokens.organizer!, {
        opensOn: '2016-12-01',
        closesOn: '2017-11-30',
        reviewsFrom: { Y: '2017-11-15' },
      }),
    );
    for (const u of UNITS)
      await ok(
        send('post', `${YEAR_PATH}/members`, tokens.organizer!, {
          unitId: u.unitId,
          effectiveDate: '2017-01-05',
        }),
      );
    await ok(
      send('put', `${YEAR_PATH}/scheme`, tokens.organizer!, { ...scheme, effectiveDate: '2017-01-10' }),
    );
    await ok(
      send('post', `${YEAR_PATH}/periods/Q1/open`, tokens.organizer!, { effectiveDate: '2017-01-10' }),
    );
    const score = (unitId: string, criterion: string, points: number, effectiveDate: string) =>
      ok(
        send('post', `${YEAR_PATH}/scores`, tokens[unitId]!, {
          unitId,
          period: 'Q1',
          criterion,
          points,
          assessment: 'self',
          effectiveDate,
        }),
      );
    await score('van-phong-bca', 'xd-dang', 28, '2017-03-20');
    scoredPosition = (await score('cuc-doi-ngoai', 'xd-dang', 26, '2017-03-21')).body.position;
    await score('van-phong-bca', 'chuyen-mon', 45, '2017-04-03');
    head = (
      await ok(
        send('post', `${YEAR_PATH}/periods/Q1/close`, tokens.organizer!, {
          effectiveDate: '2017-04-05',
          // Only part of the criteria were scored (minh họa): the rows are "chưa đủ điểm".
          acceptIncomplete: { reason: 'Các đơn vị mới nộp một phần báo cáo Quý I (minh họa)' },
        }),
      )
    ).body.position;
  });
  afterAll(() => t?.close());

  it('keeps every act on its own date, recorded today (a 2017 record loaded now)', async () => {
    const page = await get(`/audit/streams/emulation-${CLUSTER}-2017?limit=100`);
    const closed = page.events.find((e: { type: string }) => e.type === 'PeriodClosed');
    expect(closed.data.effectiveDate).toBe('2017-04-05');
    expect(closed.metadata.occurredAt.slice(0, 4)).not.toBe('2017');
    expect(closed.metadata.schemaVersion).toBe(2);
  });

  it('answers the ranking as of a business date: on 31/3/2017 only the March scores, and still open', async () => {
    const path = `${YEAR_PATH}/rankings/Q1`;
    const march = await get(`${path}?asOfEffective=2017-03-31`);
    expect(march.finality).toBe('provisional');
    expect(march.rows.map((r: { unitId: string; total: number }) => [r.unitId, r.total])).toEqual([
      ['van-phong-bca', 28],
      ['cuc-doi-ngoai', 26],
    ]);
    const april = await get(`${path}?asOfEffective=2017-04-05`);
    expect(april.finality).toBe('final');
    expect(april.rows[0]).toMatchObject({ unitId: 'van-phong-bca', total: 73 });
    // As of a position (recording order) beside it: the same March state, reached by position.
    const byPosition = await get(`${path}?asOf=${scoredPosition}`);
    expect(byPosition.rows.map((r: { total: number }) => r.total)).toEqual([28, 26]);
    // Both limits at once: the tighter one wins.
    const both = await get(`${path}?asOf=${head}&asOfEffective=2017-03-20`);
    expect(both.rows.map((r: { total: number }) => r.total)).toEqual([28, 0]);
  });

  it('explains every link with the time it was recorded and the date of the act', async () => {
    const explained = await get(`${YEAR_PATH}/rankings/Q1/explain`);
    const vp = explained.rows.find((r: { unitId: string }) => r.unitId === 'van-phong-bca');
    const link = vp.explain.find((c: { code: string }) => c.code === 'xd-dang').entries[0].chain[0];
    expect(link.effectiveDate).toBe('2017-03-20');
    expect(link.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(link.at.slice(0, 10)).not.toBe('2017-03-20');
  });

  it("shows both dates in the unit's history and the directory", async () => {
    const history = await get(`/units/van-phong-bca/history?minPosition=${head}`);
    const admitted = history.items.find((e: { type: string }) => e.type === 'UnitAdmitted');
    expect(admitted.effectiveDate).toBe('2017-01-05');
    expect(admitted.occurredAt.slice(0, 4)).not.toBe('2017');
    const year = await get(`${YEAR_PATH}?minPosition=${head}`);
    expect(year.periods.Q1).toMatchObject({ status: 'closed', on: '2017-04-05' });
    expect(year.members[0].admittedOn).toBe('2017-01-05');
  });

  it("refuses acts outside the organizer's window and reviews before the period ends, recording nothing", async () => {
    const before = (await get('/audit/verify')).headPosition;
    const outside = await send('post', `${YEAR_PATH}/periods/Q2/open`, tokens.organizer!, {
      effectiveDate: '2016-11-30',
    });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'EFFECTIVE_DATE_OUTSIDE_WINDOW', field: 'effectiveDate' });
    await ok(
      send('post', `${YEAR_PATH}/periods/Q2/open`, tokens.organizer!, { effectiveDate: '2017-04-01' }),
    );
    const early = await send('post', `${YEAR_PATH}/periods/Q2/close`, tokens.organizer!, {
      effectiveDate: '2017-06-29',
    });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'REVIEW_BEFORE_PERIOD_END', field: 'effectiveDate' });
    const future = await send('post', `${YEAR_PATH}/periods/Q2/close`, tokens.organizer!, {
      effectiveDate: '2999-06-30',
    });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'EFFECTIVE_DATE_AFTER_RECORDING', field: 'effectiveDate' });
    expect((await get('/audit/verify')).headPosition).toBe(before + 1); // only the Q2 opening
  });
});
