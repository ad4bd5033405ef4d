import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { READ_STORE, type ReadStore } from '@thidua/read-store';
import type { ProjectionRunner, ProjectionStatusReport } from '@thidua/projections';
import { streamCounterProjection, testEvent } from '@thidua/projections/testing';
import { PROJECTION_RUNNER } from '../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { sample } from './support/prometheus.js';
import { waitUntil } from './support/wait-until.js';

describe('projection administration, readiness and metrics (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let store: EventStore;
  let runner: ProjectionRunner;

  const statusOf = async (name: string): Promise<ProjectionStatusReport> => {
    const res = await request(t.server).get('/admin/projections').set('authorization', admin);
    expect(res.status).toBe(200);
    return (res.body as ProjectionStatusReport[]).find((p) => p.name === name)!;
  };

  beforeAll(async () => {
    t = await startTestApp({
      projections: [
        streamCounterProjection(),
        // Poisoned: throws on any event flagged `poison`, and must stall alone.
        streamCounterProjection({ name: 'poisoned', failOn: (e) => e.data['poison'] === true }),
      ],
    });
    admin = `Bearer ${await t.token({ role: 'admin' })}`;
    store = t.app.get<EventStore>(EVENT_STORE);
    runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    for (let i = 1; i <= 3; i++) await store.append(`s-${i}`, [testEvent({ amount: i })], 'no-stream');
    expect(await runner.waitFor(3, 10_000)).toBe(true);
  });
  afterAll(() => t.close());

  it('lists every projection with status, position, head and lag', async () => {
    const counter = await statusOf('stream-counter');
    expect(counter).toMatchObject({
      name: 'stream-counter',
      version: 1,
      status: 'running',
      position: 3,
      head: 3,
      lag: 0,
    });
    expect((await statusOf('poisoned')).status).toBe('running');
    const viewer = `Bearer ${await t.token({ role: 'viewer' })}`;
    expect((await request(t.server).get('/admin/projections').set('authorization', viewer)).status).toBe(403);
  });

  it('exposes appends and projection gauges in Prometheus format', async () => {
    const res = await request(t.server).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(sample(res.text, 'thidua_event_appends_total', { outcome: 'ok' })).toBe(3);
    expect(sample(res.text, 'thidua_event_append_duration_seconds_count', { outcome: 'ok' })).toBe(3);
    expect(sample(res.text, 'thidua_projection_lag_events', { projection: 'stream-counter' })).toBe(0);
    expect(sample(res.text, 'thidua_projection_position', { projection: 'stream-counter' })).toBe(3);
    expect(
      sample(res.text, 'thidua_http_request_duration_seconds_count', {
        route: '/admin/projections',
        status: '200',
      }),
    ).toBeGreaterThan(0);
  });

  it('counts a revision conflict as such', async () => {
    await expect(store.append('s-1', [testEvent({ amount: 1 })], 'no-stream')).rejects.toMatchObject({
      code: 'REVISION_CONFLICT',
    });
    const res = await request(t.server).get('/metrics');
    expect(sample(res.text, 'thidua_event_appends_total', { outcome: 'conflict' })).toBe(1);
  });

  it('rebuilds a projection in the background (202) to the same documents', async () => {
    const reads = t.app.get<ReadStore>(READ_STORE);
    const before = await reads.find(runner.target('stream-counter'), 'streams', {
      orderBy: { field: 'streamId', direction: 'asc' },
    });
    const generation = (await statusOf('stream-counter')).generation;

    const res = await request(t.server)
      .post('/admin/projections/stream-counter/rebuild')
      .set('authorization', admin);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ projection: 'stream-counter', status: 'rebuilding' });

    await waitUntil(async () => {
      const s = await statusOf('stream-counter');
      return s.generation > generation && s.status === 'running' && s.position === 3;
    }, 'the rebuilt generation to serve');
    const after = await reads.find(runner.target('stream-counter'), 'streams', {
      orderBy: { field: 'streamId', direction: 'asc' },
    });
    expect(after).toEqual(before);
  });

  it('answers 404 for an unknown projection and 403 to a non-admin', async () => {
    const unknown = await request(t.server)
      .post('/admin/projections/nope/rebuild')
      .set('authorization', admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROJECTION_NOT_FOUND');
    const inspector = `Bearer ${await t.token({ role: 'inspector' })}`;
    const refused = await request(t.server)
      .post('/admin/projections/stream-counter/rebuild')
      .set('authorization', inspector);
    expect(refused.status).toBe(403);
  });

  it('fails readiness naming a stalled projection while the others keep running', async () => {
    expect((await request(t.server).get('/health/ready')).status).toBe(200);
    const { position } = await store.append(
      's-poison',
      [testEvent({ amount: 1, poison: true })],
      'no-stream',
    );

    const stalled = await waitUntil(async () => {
      const s = await statusOf('poisoned');
      return s.status === 'stalled' ? s : undefined;
    }, 'the poisoned projection to stall');
    expect(stalled.error).toMatchObject({ position, type: 'Counted' });
    expect(await runner.waitFor(position, 10_000, ['stream-counter'])).toBe(true);

    for (const path of ['/health', '/health/ready']) {
      const res = await request(t.server).get(path);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('NOT_READY');
      expect(res.body.message).toContain(`projection poisoned stalled at position ${position} (Counted)`);
      expect(res.body.error.projections.stalled).toEqual(['poisoned']);
      expect(res.body.details.eventStore.status).toBe('up');
    }
    expect((await request(t.server).get('/health/live')).status).toBe(200);
    const metrics = await request(t.server).get('/metrics');
    expect(sample(metrics.text, 'thidua_projection_stalled', { projection: 'poisoned' })).toBe(1);
    expect(sample(metrics.text, 'thidua_projection_stalled', { projection: 'stream-counter' })).toBe(0);
  });
});
