/**
 * Issue 15 §5: errors that should be clear. A full disk (SQLITE_FULL for real: the log's file may not
 * grow, PRAGMA max_page_count) answers 503 with a storage code and Retry-After and turns readiness to 503
 * until space is back; positions beyond the head are refused at once.
 */
import request from 'supertest';
import { EVENT_STORE, type SqliteEventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: string;
let inspector: string;

beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT: '0' } });
  admin = await t.token({ role: 'admin' });
  inspector = await t.token({ role: 'inspector' });
});
afterAll(() => t.close());

/** The SQLite store under the metered and verifying layers. */
function sqliteLog(): SqliteEventStore {
  const metered = t.app.get<{ inner: { unverified: SqliteEventStore } }>(EVENT_STORE);
  return metered.inner.unverified;
}

let units = 0;
const registerUnit = () => {
  units += 1;
  return request(t.server)
    .post('/units')
    .set('authorization', `Bearer ${admin}`)
    .send({
      unitId: `don-vi-${units}`,
      name: `Phòng Cảnh sát kinh tế, Công an tỉnh số ${units}`,
      kind: 'cuc',
    });
};

describe('a full disk', () => {
  it('answers 503 STORAGE_FULL with Retry-After, readiness says so, and both recover once space is back', async () => {
    const first = await registerUnit();
    expect(first.status).toBe(201);
    sqliteLog().setMaxPageCount(1); // the file may not grow from now on
    let full: request.Response | undefined;
    for (let i = 0; i < 2000 && !full; i++) {
      const res = await registerUnit();
      if (res.status !== 201) full = res;
    }
    expect(full?.status).toBe(503);
    expect(full?.body).toMatchObject({ code: 'STORAGE_FULL' });
    expect(full?.headers['retry-after']).toMatch(/^\d+$/);

    const ready = await request(t.server).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.message).toContain('STORAGE_FULL');

    sqliteLog().setMaxPageCount(undefined);
    expect((await request(t.server).get('/health/ready')).status).toBe(200);
    expect((await registerUnit()).status).toBe(201);
  });
});

describe('positions beyond the head', () => {
  it('GET /audit/digest?position= beyond the head answers 422 with the head, not 500', async () => {
    const head = (await request(t.server).get('/audit/verify').set('authorization', `Bearer ${inspector}`))
      .body.headPosition as number;
    const res = await request(t.server)
      .get(`/audit/digest?position=${head + 100}`)
      .set('authorization', `Bearer ${inspector}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'POSITION_BEYOND_HEAD', field: 'position', head });
    expect(res.body.message).toContain(`head ${head}`);
  });

  it('?minPosition= beyond the head is refused at once with the head, not after READ_WAIT_MAX_MS', async () => {
    const res = await request(t.server)
      .get('/clusters?minPosition=999999')
      .set('authorization', `Bearer ${inspector}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'POSITION_BEYOND_HEAD', field: 'minPosition' });
    const head = (await request(t.server).get('/audit/verify').set('authorization', `Bearer ${inspector}`))
      .body.headPosition as number;
    expect(res.headers['x-log-head']).toBe(String(head));
    expect(res.body.message).toContain(`(${head})`);
  });
});
