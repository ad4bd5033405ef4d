import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@thidua/event-store';
import { createReadStore, type ReadStore } from '@thidua/read-store';
import { ProjectionRunner } from '@thidua/projections';
import { streamCounterProjection, testEvent } from '@thidua/projections/testing';
import { loadConfig } from '../config/app-config.js';
import { ApiError } from './api-error.js';
import { parseMinPosition, ReadYourWrites } from './read-your-writes.js';

describe('read-your-writes (real stores and runner)', () => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ryw-'));
    events = await createEventStore({ dataDir: dir });
    reads = await createReadStore({ dataDir: dir });
    runner = new ProjectionRunner(events, reads, [
      streamCounterProjection(),
      streamCounterProjection({ name: 'poisoned', failOn: (e) => e.data['poison'] === true }),
    ]);
    await runner.start();
  });
  afterEach(async () => {
    await runner.stop();
    await reads.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const service = (waitMs: number) =>
    new ReadYourWrites(runner, loadConfig({ DATA_DIR: dir, READ_WAIT_MAX_MS: String(waitMs) }), events);

  it('returns once the projections have applied the position', async () => {
    const { position } = await events.append('s-1', [testEvent({ amount: 5 })], 'no-stream');
    await service(10_000).waitFor(position);
    const doc = await reads.get(runner.target('stream-counter'), 'streams', 's-1');
    expect(doc).toMatchObject({ count: 1, sum: 5 });
  });

  it('answers 503 PROJECTION_BEHIND with Retry-After when a position is not reached in time', async () => {
    await runner.stop(); // the position exists in the log, but no projection will apply it
    const { position } = await events.append('s-3', [testEvent({ amount: 1 })], 'no-stream');
    const error = await service(20)
      .waitFor(position)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'PROJECTION_BEHIND', headers: { 'retry-after': '1' } });
  });

  it('refuses a position beyond the head of the log at once, with the head', async () => {
    const head = await events.headPosition();
    // A long wait budget: the answer must not come from the timeout.
    const error = await service(60_000)
      .waitFor(head + 1)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      code: 'POSITION_BEYOND_HEAD',
      field: 'minPosition',
      headers: { 'x-log-head': String(head) },
    });
    expect((error as Error).message).toContain(`(${head})`);
  });

  it('gives up at once on a stalled projection but serves from the healthy ones', async () => {
    const { position } = await events.append('s-2', [testEvent({ amount: 1, poison: true })], 'no-stream');
    // A long wait budget: the answer must come from the stall, not from the timeout.
    const error = await service(60_000)
      .waitFor(position, ['poisoned'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROJECTION_BEHIND' });
    await expect(service(10_000).waitFor(position, ['stream-counter'])).resolves.toBeUndefined();
  });

  it('parses minPosition strictly', () => {
    expect(parseMinPosition(undefined)).toBeUndefined();
    expect(parseMinPosition('42')).toBe(42);
    for (const bad of ['-1', '1.5', 'abc', '1e3', ['1', '2']]) {
      expect(() => parseMinPosition(bad)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'minPosition' }),
      );
    }
  });
});
