/**
 * How the runner stops: at an event that fails the integrity check (status integrity-failure, naming
 * stream, revision and position, never skipping it), at a full disk (it retries by itself once space is
 * back), and at a poison event (it stays stopped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, openSqliteEventStore, VerifyingEventStore } from '@thidua/event-store';
import { openSqliteReadStore, type SqliteReadStore } from '@thidua/read-store';
import { streamCounterProjection } from '../testing/stream-counter.projection.js';
import { testEvent } from '../testing/test-events.js';
import { ProjectionRunner } from './projection-runner.js';

let dir: string;
let n = 0;
const file = (name: string): string => join(dir, `${name}-${(n += 1)}.sqlite`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-integrity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function appendCounted(events: EventStore, count: number, streams = 3): Promise<number[]> {
  const appends = Array.from({ length: count }, (_, i) =>
    events.append(`emulation-k${i % streams}-2024`, [testEvent({ amount: (i % 5) + 1 })], 'any'),
  );
  return (await Promise.all(appends)).map((r) => r.position);
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ProjectionRunner: integrity failures, storage errors, poison events', () => {
  it('stops with status integrity-failure at a tampered event, naming stream, revision and position', async () => {
    const eventsFile = file('events');
    const writer = await openSqliteEventStore(eventsFile);
    const positions = await appendCounted(writer, 30);
    await writer.close();
    const tampered = positions[17]!;
    const db = new Database(eventsFile);
    const { stream_id: streamId, revision } = db
      .prepare('SELECT stream_id, revision FROM events WHERE position = ?')
      .get(tampered) as { stream_id: string; revision: number };
    db.prepare("UPDATE events SET data = json_set(data, '$.amount', 500) WHERE position = ?").run(tampered);
    db.close();

    const events = new VerifyingEventStore(await openSqliteEventStore(eventsFile, { pollIntervalMs: 5 }));
    const reads = await openSqliteReadStore(file('reads'));
    const runner = new ProjectionRunner(events, reads, [streamCounterProjection()], { batchSize: 8 });
    await runner.start();
    await until(async () => (await runner.status())[0]?.status === 'integrity-failure', 'integrity-failure');
    const [status] = await runner.status();
    expect(status?.error).toMatchObject({ position: tampered, streamId, revision });
    expect(status?.error?.message).toContain('does not match its hash');
    expect(status?.position).toBeLessThan(tampered); // never past it
    expect(await runner.waitFor(tampered, 5_000)).toBe(false); // blocked: answered at once
    expect(await reads.getStatus('stream-counter')).toMatchObject({
      status: 'integrity-failure',
      blocked: true,
      error: { position: tampered, streamId, revision },
    });
    await runner.stop();
    await reads.close();
    await events.close();
  });

  it('retries by itself with back-off after the read store was full, once space is back', async () => {
    const events = await openSqliteEventStore(file('events'), { pollIntervalMs: 5 });
    const reads = (await openSqliteReadStore(file('reads'))) as SqliteReadStore;
    const runner = new ProjectionRunner(events, reads, [streamCounterProjection()], {
      batchSize: 4,
      retryBaseMs: 5,
      retryMaxMs: 50,
    });
    await runner.start();
    await appendCounted(events, 3);
    expect(await runner.waitFor(3, 10_000)).toBe(true);
    reads.setMaxPageCount(1); // the file may not grow: the next batch's write fails with SQLITE_FULL
    const more = await appendCounted(events, 3000, 3000); // a document per stream: the file must grow
    await until(async () => (await runner.status())[0]?.status === 'stalled', 'the storage stall');
    const [stalled] = await runner.status();
    expect(stalled?.error?.message).toMatch(/STORAGE_FULL|full/);
    expect(await reads.getStatus('stream-counter')).toMatchObject({ status: 'stalled', blocked: false });
    reads.setMaxPageCount(undefined);
    expect(await runner.waitFor(more.at(-1)!, 15_000)).toBe(true);
    expect((await runner.status())[0]).toMatchObject({ status: 'running', position: more.at(-1) });
    expect(await reads.get(runner.target('stream-counter'), 'totals', 'all')).toMatchObject({ count: 3003 });
    await runner.stop();
    await reads.close();
    await events.close();
  });

  it('stays stopped at a poison event: evolve is not called on it again', async () => {
    const events = await openSqliteEventStore(file('events'), { pollIntervalMs: 5 });
    const reads = await openSqliteReadStore(file('reads'));
    let calls = 0;
    const fragile = streamCounterProjection({
      failOn: (e) => e.data['poison'] === true && ++calls > 0,
    });
    const runner = new ProjectionRunner(events, reads, [fragile], { retryBaseMs: 1, retryMaxMs: 2 });
    await runner.start();
    await events.append('emulation-k1-2024', [testEvent({ amount: 1, poison: true })], 'any');
    await until(async () => (await runner.status())[0]?.status === 'stalled', 'the stall');
    await new Promise((r) => setTimeout(r, 100)); // many retry periods
    expect(calls).toBe(1);
    expect(await reads.getStatus('stream-counter')).toMatchObject({ status: 'stalled', blocked: true });
    await runner.stop();
    await reads.close();
    await events.close();
  });
});
