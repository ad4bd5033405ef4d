import type { StoredEvent } from '../../../libs/event-store/src/event-store.port.js';
import type { ProjectionView } from '../projection.js';
import { StreamCache } from './stream-cache.js';

/** A stream of `n` events whose hashes chain; `salt` makes another store's version of "the same" stream. */
function stream(streamId: string, n: number, salt: string, firstPosition = 1): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let revision = 0; revision < n; revision += 1) {
    events.push({
      eventId: `${salt}-${streamId}-${revision}`,
      type: 'ScoreRecorded',
      streamId,
      revision,
      position: firstPosition + revision * 2,
      data: { n: revision },
      metadata: {
        actor: { id: 'a', role: 'admin' },
        occurredAt: '2021-01-01T00:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        schemaVersion: 1,
        prevHash: revision === 0 ? 'genesis' : `${salt}-h${revision - 1}`,
        hash: `${salt}-h${revision}`,
      },
    });
  }
  return events;
}

class CountingView implements ProjectionView {
  reads = 0;
  constructor(private readonly log: StoredEvent[]) {}
  async get(): Promise<null> {
    return null;
  }
  async readStream(streamId: string, toPosition: number): Promise<StoredEvent[]> {
    this.reads += 1;
    return this.log.filter((e) => e.streamId === streamId && e.position <= toPosition);
  }
}

const ids = (events: readonly StoredEvent[]): string[] => events.map((e) => e.eventId);

describe('StreamCache', () => {
  it('reads a stream once and then extends it event by event', async () => {
    const a = stream('emulation-c-2021', 6, 'x');
    const view = new CountingView(a);
    const cache = new StreamCache();
    for (const event of a)
      expect(ids(await cache.upTo(event, view))).toEqual(ids(a.slice(0, event.revision + 1)));
    expect(view.reads).toBe(1);
  });

  it('takes the prefix again on a rewind (rebuild, redelivery) without reading', async () => {
    const a = stream('emulation-c-2021', 6, 'x');
    const view = new CountingView(a);
    const cache = new StreamCache();
    for (const event of a) await cache.upTo(event, view);
    expect(ids(await cache.upTo(a[2]!, view))).toEqual(ids(a.slice(0, 3)));
    expect(ids(await cache.upTo(a[0]!, view))).toEqual(ids(a.slice(0, 1)));
    expect(view.reads).toBe(1);
  });

  it('reads again when the cached prefix does not chain to the event (another store, a gap)', async () => {
    const a = stream('emulation-c-2021', 4, 'x');
    const b = stream('emulation-c-2021', 4, 'y');
    const cache = new StreamCache();
    const viewA = new CountingView(a);
    for (const event of a) await cache.upTo(event, viewA);
    const viewB = new CountingView(b);
    expect(ids(await cache.upTo(b[3]!, viewB))).toEqual(ids(b));
    expect(viewB.reads).toBe(1);

    // A gap (events not delivered): read up to the event.
    const c = stream('emulation-d-2021', 5, 'z');
    const viewC = new CountingView(c);
    await cache.upTo(c[0]!, viewC);
    expect(ids(await cache.upTo(c[3]!, viewC))).toEqual(ids(c.slice(0, 4)));
    expect(viewC.reads).toBe(2);
  });

  it('refuses a read that does not end with the event', async () => {
    const a = stream('emulation-c-2021', 3, 'x');
    const cache = new StreamCache();
    await expect(cache.upTo(a[2]!, new CountingView(a.slice(0, 2)))).rejects.toThrow(
      /does not end with event/,
    );
  });

  it('evicts the least recently used streams beyond its limits', async () => {
    const streams = ['s1', 's2', 's3'].map((s, i) => stream(`emulation-${s}-2021`, 3, 'x', 100 * i + 1));
    const log = streams.flat();
    const view = new CountingView(log);
    const cache = new StreamCache({ maxStreams: 2, maxEvents: 1000 });
    for (const s of streams) for (const e of s) await cache.upTo(e, view);
    expect(view.reads).toBe(3);
    // s1 was evicted: its next event is read from the store; s3 is still cached.
    const s1 = stream('emulation-s1-2021', 4, 'x', 1);
    const more = [...log, s1[3]!];
    const view2 = new CountingView(more);
    await cache.upTo(s1[3]!, view2);
    expect(view2.reads).toBe(1);
    const s3 = stream('emulation-s3-2021', 4, 'x', 201);
    const view3 = new CountingView([...more, s3[3]!]);
    await cache.upTo(s3[3]!, view3);
    expect(view3.reads).toBe(0);

    const small = new StreamCache({ maxStreams: 10, maxEvents: 4 });
    const view4 = new CountingView(log);
    for (const e of streams[0]!) await small.upTo(e, view4);
    for (const e of streams[1]!) await small.upTo(e, view4);
    // 6 events > 4: the first stream went.
    await small.upTo(streams[0]![2]!, view4);
    expect(view4.reads).toBe(3);
  });
});
