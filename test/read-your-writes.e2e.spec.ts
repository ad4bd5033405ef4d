import { Controller, Get, Inject, Module, Param, Post } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@thidua/event-store';
import { READ_STORE, type ReadStore } from '@thidua/read-store';
import type { ProjectionRunner } from '@thidua/projections';
import { streamCounterProjection } from '@thidua/projections/testing';
import { ANY_ROLE, Roles } from '../apps/api/src/auth/auth.decorators.js';
import {
  CommandCtx,
  commandResponse,
  eventMetadata,
  type CommandContext,
} from '../apps/api/src/common/command-context.js';
import { WaitForProjections } from '../apps/api/src/common/read-your-writes.js';
import { PROJECTION_RUNNER } from '../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A probe feature: one command, one projected read, and one route someone forgot to decorate. */
@Controller('probe')
class ProbeController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Post('count')
  @Roles('unit-officer')
  async count(@CommandCtx() ctx: CommandContext) {
    const result = await this.events.append(
      `probe-${ctx.actor.unitId}`,
      [
        {
          eventId: ctx.newId(),
          type: 'Counted',
          data: { amount: 1 },
          metadata: eventMetadata(ctx, { schemaVersion: 1 }),
        },
      ],
      'any',
    );
    return commandResponse(result);
  }

  @Get('count/:unit')
  @Roles(...ANY_ROLE)
  @WaitForProjections('stream-counter')
  read(@Param('unit') unit: string) {
    return this.reads.get(this.runner.target('stream-counter'), 'streams', `probe-${unit}`);
  }

  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('commands, read-your-writes and deny-by-default through HTTP (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      projections: [streamCounterProjection()],
      imports: [ProbeModule],
      env: { READ_WAIT_MAX_MS: '200' },
    });
  });
  afterAll(() => t.close());

  it('records the actor from the token and the server clock, and answers 201 with the position', async () => {
    const officer = `Bearer ${await t.token({ role: 'unit-officer', sub: 'officer-7', unitId: 'ca-ha-tinh' })}`;
    const res = await request(t.server)
      .post('/probe/count')
      .set('authorization', officer)
      .set('x-correlation-id', 'c-77');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      streamId: 'probe-ca-ha-tinh',
      revision: 0,
      position: 1,
      eventIds: [expect.any(String)],
    });
    const [event] = await t.app.get<EventStore>(EVENT_STORE).readStream('probe-ca-ha-tinh');
    expect(event!.metadata).toMatchObject({
      actor: { id: 'officer-7', role: 'unit-officer', unitId: 'ca-ha-tinh' },
      correlationId: 'c-77',
      schemaVersion: 1,
    });
    expect(Math.abs(Date.parse(event!.metadata.occurredAt) - Date.now())).toBeLessThan(60_000);
  });

  it('denies a route with neither @Public nor @Roles, even to an admin', async () => {
    const admin = `Bearer ${await t.token({ role: 'admin' })}`;
    const res = await request(t.server).get('/probe/forgotten').set('authorization', admin);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
  });

  it('reads its own write with ?minPosition=, refuses one past the head at once, and a malformed one', async () => {
    const officer = `Bearer ${await t.token({ role: 'unit-officer', unitId: 'ca-nghe-an' })}`;
    const viewer = `Bearer ${await t.token({ role: 'viewer' })}`;
    const written = await request(t.server).post('/probe/count').set('authorization', officer);
    const read = await request(t.server)
      .get(`/probe/count/ca-nghe-an?minPosition=${written.body.position}`)
      .set('authorization', viewer);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ streamId: 'probe-ca-nghe-an', count: 1 });

    const ahead = await request(t.server)
      .get(`/probe/count/ca-nghe-an?minPosition=${written.body.position + 100}`)
      .set('authorization', viewer);
    expect(ahead.status).toBe(422);
    expect(ahead.body).toMatchObject({
      code: 'POSITION_BEYOND_HEAD',
      field: 'minPosition',
      head: written.body.position,
    });
    expect(ahead.headers['x-log-head']).toBe(String(written.body.position));

    const bad = await request(t.server)
      .get('/probe/count/ca-nghe-an?minPosition=-3')
      .set('authorization', viewer);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'minPosition' });
  });
});
