import { Controller, Get, Inject, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import { ANY_ROLE, Roles } from '../apps/api/src/auth/auth.decorators.js';
import { WaitForProjections } from '../apps/api/src/common/read-your-writes.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { PROJECTION_RUNNER } from '../apps/api/src/infrastructure/tokens.js';
import { createProjector } from '../apps/projector/src/projector.js';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { READ_STORE, type ReadStore } from '@thidua/read-store';
import {
  ProjectionFollower,
  ProjectionRunner,
  type ProjectionReadView,
  type ProjectionStatusReport,
} from '@thidua/projections';
import { streamCounterProjection, testEvent } from '@thidua/projections/testing';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitUntil } from './support/wait-until.js';

/** A projected read, as a query feature would write it: wait for minPosition, read the served generation. */
@Controller('probe')
class ProbeController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionReadView,
  ) {}

  @Get('count/:stream')
  @Roles(...ANY_ROLE)
  @WaitForProjections('stream-counter')
  count(@Param('stream') stream: string) {
    return this.reads.get(this.projections.target('stream-counter'), 'streams', stream);
  }

  @Get('poisoned/:stream')
  @Roles(...ANY_ROLE)
  @WaitForProjections('poisoned')
  poisoned(@Param('stream') stream: string) {
    return this.reads.get(this.projections.target('poisoned'), 'streams', stream);
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const definitions = () => [
  streamCounterProjection(),
  // Throws on any event flagged `poison`: stalls on the projector, alone.
  streamCounterProjection({ name: 'poisoned', failOn: (e) => e.data['poison'] === true }),
];

describe('API with PROJECTIONS_IN_PROCESS=false beside apps/projector on the same DATA_DIR (e2e)', () => {
  let t: TestApp;
  let projector: NestFastifyApplication;
  let admin: string;
  let viewer: string;
  let events: EventStore;

  const statuses = async (): Promise<ProjectionStatusReport[]> => {
    const res = await request(t.server).get('/admin/projections').set('authorization', admin);
    expect(res.status).toBe(200);
    return res.body as ProjectionStatusReport[];
  };
  const statusOf = async (name: string) => (await statuses()).find((s) => s.name === name);

  beforeAll(async () => {
    // The API replica starts first, before any projection has run.
    t = await startTestApp({
      projections: definitions(),
      imports: [ProbeModule],
      env: { PROJECTIONS_IN_PROCESS: 'false', READ_WAIT_MAX_MS: '10000' },
    });
    admin = `Bearer ${await t.token({ role: 'admin' })}`;
    viewer = `Bearer ${await t.token({ role: 'viewer' })}`;
    events = t.app.get<EventStore>(EVENT_STORE);
    const config = loadConfig({
      DATA_DIR: t.config.dataDir,
      LOG_LEVEL: 'silent',
      PROJECTIONS_IN_PROCESS: 'false',
    });
    projector = await createProjector(config, { projections: definitions() });
    await projector.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await projector.close();
    await t.close();
  });

  it('follows the projector rather than running the projections itself', () => {
    expect(t.app.get(PROJECTION_RUNNER)).toBeInstanceOf(ProjectionFollower);
    expect(projector.get(PROJECTION_RUNNER)).toBeInstanceOf(ProjectionRunner);
  });

  it('reads its own write with ?minPosition=, once the projector has applied it', async () => {
    await events.append('s-1', [testEvent({ amount: 4 })], 'no-stream');
    const second = await events.append('s-1', [testEvent({ amount: 3 })], 0);
    const read = await request(t.server)
      .get(`/probe/count/s-1?minPosition=${second.position}`)
      .set('authorization', viewer);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ streamId: 's-1', count: 2, sum: 7 });
  });

  it("shows the projector's progress on GET /admin/projections and keeps rebuild on the projector", async () => {
    const { position } = await events.append('s-2', [testEvent({ amount: 1 })], 'no-stream');
    const runner = projector.get<ProjectionRunner>(PROJECTION_RUNNER);
    expect(await runner.waitFor(position, 10_000)).toBe(true);
    const shown = await waitUntil(async () => {
      const [listed, ran] = [await statuses(), await runner.status()];
      return isDeepStrictEqual(listed, ran) && listed;
    }, 'the API to list what the projector reports');
    expect(shown.map((s) => [s.name, s.status, s.position, s.head, s.lag])).toEqual([
      ['stream-counter', 'running', position, position, 0],
      ['poisoned', 'running', position, position, 0],
    ]);
    expect((await request(t.server).get('/health/ready')).status).toBe(200);

    const refused = await request(t.server)
      .post('/admin/projections/stream-counter/rebuild')
      .set('authorization', admin);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PROJECTIONS_NOT_IN_PROCESS');
  });

  it('serves the generation the projector switched to after a rebuild', async () => {
    const runner = projector.get<ProjectionRunner>(PROJECTION_RUNNER);
    const before = await request(t.server).get('/probe/count/s-1').set('authorization', viewer);
    const generation = (await statusOf('stream-counter'))!.generation;
    await runner.rebuild('stream-counter');
    await waitUntil(
      () =>
        Promise.resolve(
          t.app.get<ProjectionReadView>(PROJECTION_RUNNER).target('stream-counter').generation > generation,
        ),
      'the API to serve the rebuilt generation',
    );
    expect((await statusOf('stream-counter'))!.generation).toBeGreaterThan(generation);
    const after = await request(t.server).get('/probe/count/s-1').set('authorization', viewer);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body).toMatchObject({ count: 2, sum: 7 });
  });

  it("fails the API's readiness on a stall in the projector and answers 503 at once for that projection", async () => {
    const { position } = await events.append(
      's-poison',
      [testEvent({ amount: 1, poison: true })],
      'no-stream',
    );
    const stalled = await waitUntil(async () => {
      const s = await statusOf('poisoned');
      return s?.status === 'stalled' ? s : undefined;
    }, 'the API to see the stall');
    expect(stalled).toMatchObject({ position: position - 1, error: { position, type: 'Counted' } });

    const ready = await waitUntil(async () => {
      const res = await request(t.server).get('/health/ready');
      return res.status === 503 ? res : undefined;
    }, 'readiness to fail');
    expect(ready.body.code).toBe('NOT_READY');
    expect(ready.body.message).toContain(`projection poisoned stalled at position ${position} (Counted)`);

    // The other projection still serves read-your-writes; the stalled one is refused (without waiting
    // READ_WAIT_MAX_MS once the follower has read the stall).
    const ok = await request(t.server)
      .get(`/probe/count/s-poison?minPosition=${position}`)
      .set('authorization', viewer);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ count: 1 });
    await t.app.get<ProjectionFollower>(PROJECTION_RUNNER).refresh();
    const refused = await request(t.server)
      .get(`/probe/poisoned/s-poison?minPosition=${position}`)
      .set('authorization', viewer);
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('PROJECTION_BEHIND');
  });
});
