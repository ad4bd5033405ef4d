import { join } from 'node:path';
import request from 'supertest';
import { openSqliteEventStore } from '@thidua/event-store';
import { ProjectionRunner } from '@thidua/projections';
import {
  InterruptibleStore,
  OUTAGE_SINCE,
  streamCounterProjection,
  testEvent,
} from '@thidua/projections/testing';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import { sample } from './support/prometheus.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitUntil } from './support/wait-until.js';

/**
 * An API replica (PROJECTIONS_IN_PROCESS=false) beside a runner whose event-store subscription loses its
 * connection: the replica's /health/ready and /metrics say so until the subscription is back.
 */
describe('a projection cut off from the event store, seen by an API replica (e2e)', () => {
  let t: TestApp;
  let events: InterruptibleStore;
  let reads: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    t = await startTestApp({
      projections: [streamCounterProjection()],
      env: { PROJECTIONS_IN_PROCESS: 'false' },
    });
    events = new InterruptibleStore(await openSqliteEventStore(join(t.dataDir, 'events.sqlite')));
    reads = await openSqliteReadStore(join(t.dataDir, 'read-models.sqlite'));
    runner = new ProjectionRunner(events, reads, [streamCounterProjection()]);
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await reads.close();
    await events.close();
    await t.close();
  });

  const interrupted = async (): Promise<number | undefined> => {
    const res = await request(t.server).get('/metrics');
    return sample(res.text, 'thidua_projection_subscription_interrupted', { projection: 'stream-counter' });
  };

  it('answers 503 naming the outage, and counts the failed attempts in a metric, until it is back', async () => {
    const { position } = await events.append('s-1', [testEvent({ amount: 1 })], 'no-stream');
    expect(await runner.waitFor(position, 10_000)).toBe(true);
    await waitUntil(async () => (await request(t.server).get('/health/ready')).status === 200, 'ready');
    expect(await interrupted()).toBe(0);

    events.interrupt(1, new Error('1 CANCELLED: Server shutting down'));
    events.interrupt(2, new Error('14 UNAVAILABLE: No connection established'));
    const down = await waitUntil(async () => {
      const res = await request(t.server).get('/health/ready');
      return res.status === 503 && res;
    }, 'the replica to report the outage');
    expect(down.body.code).toBe('NOT_READY');
    expect(down.body.message).toBe(
      `not ready: projection stream-counter cut off from the event store since ${OUTAGE_SINCE} ` +
        '(attempt 2, resubscribing): 14 UNAVAILABLE: No connection established',
    );
    expect(down.body.error.projections.interrupted).toEqual(['stream-counter']);
    expect(await interrupted()).toBe(2);

    events.resume();
    await waitUntil(async () => (await request(t.server).get('/health/ready')).status === 200, 'ready again');
    expect(await interrupted()).toBe(0);
  });
});
