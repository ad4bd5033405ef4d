import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@thidua/event-store';
import { openSqliteReadStore, type ReadStore } from '@thidua/read-store';
import { InterruptibleStore, SINCE } from '../testing/interruptible-store.js';
import { streamCounterProjection } from '../testing/stream-counter.projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionFollower } from './projection-follower.js';
import { ProjectionRunner } from './projection-runner.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'projection-outage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Waits for a condition; gives up (fails) after 10 s rather than hanging the suite. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await check()); tries++) {
    if (tries > 2000) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a projection whose subscription is cut off from the event store', () => {
  it('reports the outage in its status and in the record followers read, and clears it once resumed', async () => {
    const events = new InterruptibleStore(await openSqliteEventStore(join(dir, 'events.sqlite')));
    const reads: ReadStore = await openSqliteReadStore(join(dir, 'reads.sqlite'));
    const runner = new ProjectionRunner(events, reads, [streamCounterProjection()]);
    const follower = new ProjectionFollower(events, reads, [streamCounterProjection()]);
    await runner.start();
    await follower.start();
    await events.append('s-1', [testEvent({ amount: 1 })], 'no-stream');
    await until(async () => (await runner.status())[0]?.status === 'running');

    events.interrupt(1, new Error('14 UNAVAILABLE: Connection dropped'));
    events.interrupt(2, new Error('14 UNAVAILABLE: No connection established'));
    const expected = { since: SINCE, attempts: 2, message: '14 UNAVAILABLE: No connection established' };
    expect((await runner.status())[0]).toMatchObject({ status: 'running', outage: expected });
    await until(async () => (await reads.getStatus('stream-counter'))?.outage?.attempts === 2);
    expect((await follower.status())[0]).toMatchObject({ outage: expected });

    events.resume();
    expect((await runner.status())[0]?.outage).toBeUndefined();
    await until(async () => (await reads.getStatus('stream-counter'))?.outage === undefined);
    expect((await follower.status())[0]?.outage).toBeUndefined();
    // Still projecting: the outage was reported, not turned into a stall.
    await events.append('s-1', [testEvent({ amount: 2 })], 0);
    await until(async () => (await runner.status())[0]?.position === (await events.headPosition()));

    await follower.stop();
    await runner.stop();
    await reads.close();
    await events.close();
  });
});
