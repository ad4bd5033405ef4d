/**
 * A burst of commands beyond RATE_LIMIT (requests per minute per client) is answered 429 RATE_LIMITED with
 * Retry-After, before the body is read or the token checked, and the refused commands record nothing.
 */
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fetchHttp, type Http } from './support/http.js';

const LIMIT = 5;
const BURST = 3 * LIMIT;

describe('rate limiting: a burst beyond RATE_LIMIT (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let store: EventStore;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: String(LIMIT) } });
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address() as { port: number };
    http = fetchHttp(`http://127.0.0.1:${address.port}`);
    store = t.app.get<EventStore>(EVENT_STORE);
    admin = await t.token({ role: 'admin', sub: 'admin-1' });
  });
  afterAll(() => t?.close());

  it(`answers ${LIMIT} of ${BURST} concurrent commands and 429 to the rest, recording only the answered ones`, async () => {
    const before = await store.headPosition();
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        http('POST', '/units', {
          token: admin,
          body: { unitId: `doi-${i + 1}`, name: `Đội công tác số ${i + 1}`, kind: 'phong' },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(BURST - LIMIT);
    for (const limited of answers.filter((a) => a.status === 429)) {
      expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: expect.any(String) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    }
    expect(await store.headPosition()).toBe(before + LIMIT);
  });

  it('keeps refusing within the window, before any token check, but never throttles /health', async () => {
    const before = await store.headPosition();
    const unauthenticated = await http('POST', '/units', {
      body: { unitId: 'doi-x', name: 'Đội', kind: 'phong' },
    });
    expect(unauthenticated.status).toBe(429);
    const read = await http('GET', '/clusters', { token: admin });
    expect(read.status).toBe(429);
    expect((await http('GET', '/health/live')).status).toBe(200);
    expect(await store.headPosition()).toBe(before);
  });
});
