import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { PROJECTION_RUNNER } from '../apps/api/src/infrastructure/tokens.js';
import { createProjector } from '../apps/projector/src/projector.js';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import type { ProjectionRunner } from '@thidua/projections';
import { streamCounterProjection, testEvent } from '@thidua/projections/testing';
import { sample } from './support/prometheus.js';

describe('apps/projector (e2e)', () => {
  let dir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-projector-'));
    // PROJECTIONS_IN_PROCESS=false is what the API replicas say; the projector runs them regardless.
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PROJECTIONS_IN_PROCESS: 'false' });
    app = await createProjector(config, { projections: [streamCounterProjection()] });
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the projections and reports them on /health and /metrics without a token', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const { position } = await store.append('s-1', [testEvent({ amount: 2 })], 'no-stream');
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(position, 10_000)).toBe(true);

    const health = await request(app.getHttpServer()).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details.projections.projections['stream-counter']).toMatchObject({
      status: 'running',
      position,
    });

    const metrics = await request(app.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(
      sample(metrics.text, 'thidua_projection_position', {
        projection: 'stream-counter',
        service: 'projector',
      }),
    ).toBe(position);
    // No command or audit routes here.
    expect((await request(app.getHttpServer()).get('/audit/verify')).status).toBe(404);
  });
});
