import type { StoredEvent } from '@thidua/event-store';
import { rankYearFold, type YearFold } from '@thidua/domain';
import type { ProjectionView } from '../projection.js';
import { FoldCache } from './fold-cache.js';

/** A stream of `n` admissions whose hashes chain; `salt` makes another store's version of "the same" stream. */
function stream(streamId: string, n: number, salt: string, firstPosition = 1): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let revision = 0; revision < n; revision += 1) {
    events.push({
      eventId: `${salt}-${streamId}-${revision}`,
      type: 'UnitAdmitted',
      streamId,
      revision,
      position: firstPosition + revision * 2,
      data: { unitId: `${salt}-u${revision}` },
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

/** The units the fold has admitted: which events it folded. */
const members = (fold: YearFold): string[] => rankYearFold(fold, 'Q1').rows.map((r) => r.unitId);
const unitsOf = (events: readonly StoredEvent[]): string[] =>
  events.map((e) => e.data['unitId'] as string).sort();

describe('FoldCache', () => {
  it('folds a stream from its first event on, event by event, without reading it', async () => {
    const a = stream('emulation-c-2021', 6, 'x');
    const view = new CountingView(a);
    const cache = new FoldCache();
    let fold: YearFold | undefined;
    for (const event of a) {
      fold = await cache.foldUpTo(event, view);
      expect(fold).toMatchObject({
        revision: event.revision,
        lastEventId: event.eventId,
        count: event.revision + 1,
      });
    }
    expect(members(fold!)).toEqual(unitsOf(a));
    expect(view.reads).toBe(0);
  });

  it('reads the stream once when it starts in the middle (restart), then folds on', async () => {
    const a = stream('emulation-c-2021', 6, 'x');
    const view = new CountingView(a);
    const cache = new FoldCache();
    await cache.foldUpTo(a[3]!, view);
    const fold = await cache.foldUpTo(a[4]!, view);
    expect(await cache.foldUpTo(a[5]!, view)).toBe(fold);
    expect(members(fold)).toEqual(unitsOf(a));
    expect(view.reads).toBe(1);
  });

  it('a redelivered last event is already folded; an earlier one gets a fold of its own', async () => {
    const a = stream('emulation-c-2021', 6, 'x');
    const view = new CountingView(a);
    const cache = new FoldCache();
    for (const event of a) await cache.foldUpTo(event, view);
    const head = await cache.foldUpTo(a[5]!, view);
    expect(head.count).toBe(6);
    expect(view.reads).toBe(0);
    const rewound = await cache.foldUpTo(a[2]!, view);
    expect(rewound).not.toBe(head);
    expect(members(rewound)).toEqual(unitsOf(a.slice(0, 3)));
    expect(view.reads).toBe(1);
  });

  it('keeps two folds per stream: a rebuild from 0 and the live generation each extend their own', async () => {
    const a = stream('emulation-c-2021', 10, 'x');
    const view = new CountingView(a);
    const cache = new FoldCache();
    for (const event of a.slice(0, 8)) await cache.foldUpTo(event, view); // live, at revision 7
    let live = a[7]!;
    for (const event of a.slice(0, 8)) {
      // The rebuild generation folds from 0 while the live one goes on.
      const rebuilt = await cache.foldUpTo(event, view);
      expect(rebuilt.revision).toBe(event.revision);
      if (event.revision === 3 || event.revision === 5) {
        live = a[live.revision + 1]!;
        expect((await cache.foldUpTo(live, view)).revision).toBe(live.revision);
      }
    }
    expect(view.reads).toBe(0);
  });

  it('reads again when the fold does not chain to the event (another store, a gap)', async () => {
    const a = stream('emulation-c-2021', 4, 'x');
    const b = stream('emulation-c-2021', 4, 'y');
    const cache = new FoldCache();
    const viewA = new CountingView(a);
    for (const event of a) await cache.foldUpTo(event, viewA);
    const viewB = new CountingView(b);
    const fold = await cache.foldUpTo(b[3]!, viewB);
    expect(members(fold)).toEqual(unitsOf(b));
    expect(viewB.reads).toBe(1);

    const c = stream('emulation-d-2021', 5, 'z');
    const viewC = new CountingView(c);
    await cache.foldUpTo(c[0]!, viewC);
    expect(members(await cache.foldUpTo(c[3]!, viewC))).toEqual(unitsOf(c.slice(0, 4)));
    expect(viewC.reads).toBe(1);
  });

  it('refuses a read that does not end with the event', async () => {
    const a = stream('emulation-c-2021', 3, 'x');
    const cache = new FoldCache();
    await expect(cache.foldUpTo(a[2]!, new CountingView(a.slice(0, 2)))).rejects.toThrow(
      /does not end with event/,
    );
  });

  it('drops a fold an event failed in, so a part-applied fold is never used', async () => {
    const a = stream('emulation-c-2021', 4, 'x');
    const view = new CountingView(a);
    const cache = new FoldCache();
    await cache.foldUpTo(a[0]!, view);
    await cache.foldUpTo(a[1]!, view);
    const broken = { ...a[2]!, data: null as unknown as StoredEvent['data'] };
    await expect(cache.foldUpTo(broken, view)).rejects.toThrow();
    const fold = await cache.foldUpTo(a[2]!, view);
    expect(members(fold)).toEqual(unitsOf(a.slice(0, 3)));
    expect(view.reads).toBe(1);
  });

  it('evicts the least recently used streams beyond its limits', async () => {
    const streams = ['s1', 's2', 's3'].map((s, i) => stream(`emulation-${s}-2021`, 3, 'x', 100 * i + 1));
    const log = streams.flat();
    const view = new CountingView(log);
    const cache = new FoldCache({ maxStreams: 2, maxEvents: 1000 });
    for (const s of streams) for (const e of s) await cache.foldUpTo(e, view);
    expect(view.reads).toBe(0);
    // s1 was evicted: its next event is folded from the store; s3 is still cached.
    const s1 = stream('emulation-s1-2021', 4, 'x', 1);
    const more = [...log, s1[3]!];
    const view2 = new CountingView(more);
    await cache.foldUpTo(s1[3]!, view2);
    expect(view2.reads).toBe(1);
    const s3 = stream('emulation-s3-2021', 4, 'x', 201);
    const view3 = new CountingView([...more, s3[3]!]);
    await cache.foldUpTo(s3[3]!, view3);
    expect(view3.reads).toBe(0);

    const small = new FoldCache({ maxStreams: 10, maxEvents: 4 });
    const view4 = new CountingView(log);
    for (const e of streams[0]!) await small.foldUpTo(e, view4);
    for (const e of streams[1]!) await small.foldUpTo(e, view4);
    // 6 events > 4: the first stream went, the second (just used) stayed.
    const s1again = stream('emulation-s1-2021', 4, 'x', 1);
    const view5 = new CountingView([...log, s1again[3]!]);
    await small.foldUpTo(s1again[3]!, view5);
    expect(view5.reads).toBe(1);
    const s2 = stream('emulation-s2-2021', 3, 'x', 101);
    const view6 = new CountingView(log);
    await small.foldUpTo(s2[2]!, view6); // redelivered: its fold was evicted just now (4 + 3 > 4)
    expect(view6.reads).toBe(1);
  });

  it('evicts a stream not used for maxIdle uses of the cache, within every other limit', async () => {
    const old = stream('emulation-old-2020', 4, 'x', 1);
    const busy = stream('emulation-busy-2021', 12, 'x', 101);
    const view = new CountingView([...old, ...busy]);
    const cache = new FoldCache({ maxStreams: 10, maxEvents: 1000, maxIdle: 5 });
    for (const e of old.slice(0, 3)) await cache.foldUpTo(e, view);
    // Four uses of another stream: `old` is 4 uses idle, within maxIdle; its next event extends its fold.
    for (const e of busy.slice(0, 4)) await cache.foldUpTo(e, view);
    await cache.foldUpTo(old[3]!, view);
    expect(view.reads).toBe(0);
    // Six more uses: `old` is past maxIdle and goes; its redelivered last event reads the stream.
    for (const e of busy.slice(4, 10)) await cache.foldUpTo(e, view);
    expect(await cache.foldUpTo(old[3]!, view)).toMatchObject({ revision: 3, count: 4 });
    expect(view.reads).toBe(1);
    // `busy` was used 2 uses ago: kept.
    await cache.foldUpTo(busy[10]!, view);
    expect(view.reads).toBe(1);
  });

  it('release: a closed period gives up its weight (plus what the caller keeps); a late event on it reads the stream', async () => {
    // One stream: Q1 opened, 6 scores, closed; then, later, a correction of a Q1 score.
    const streamId = 'emulation-s9-2021';
    const kinds: Array<[string, Record<string, unknown>]> = [
      ['PeriodOpened', { period: 'Q1' }],
      ...Array.from({ length: 6 }, (_, i): [string, Record<string, unknown>] => [
        'ScoreRecorded',
        { period: 'Q1', entryId: `e${i}`, unitId: 'u', criterion: `c${i}`, assessment: 'self', points: 1 },
      ]),
      ['PeriodClosed', { period: 'Q1', rankingDigest: 'd', schemeVersion: 1 }],
      ['ScoreCorrected', { period: 'Q1', entryId: 'e0', points: 2, previousPoints: 1, reason: 'r' }],
    ];
    const events = stream(streamId, kinds.length, 'x').map((e, i) => ({
      ...e,
      type: kinds[i]![0],
      data: kinds[i]![1],
    }));
    const other = stream('emulation-s8-2021', 4, 'x', 100);
    const view = new CountingView([...events, ...other]);
    // Room for 10 held events: the first stream's 8, then (released) its 2 plus 1 kept, and the other's 4.
    const cache = new FoldCache({ maxStreams: 10, maxEvents: 10 });
    let fold: YearFold | undefined;
    for (const e of events.slice(0, 8)) fold = await cache.foldUpTo(e, view);
    expect(fold!.held).toBe(8);
    expect(cache.release(fold!, 'Q1', 1)).toBe(true);
    expect(fold!.held).toBe(2); // 6 entries given up
    expect(cache.release(fold!, 'Q1', 1)).toBe(false);
    for (const e of other) await cache.foldUpTo(e, view);
    expect(await cache.foldUpTo(events[7]!, view)).toBe(fold); // still cached (redelivered: no read)
    expect(view.reads).toBe(0);
    // Both fit (2 + 1 + 4 ≤ 10): the first stream was not evicted. Its late correction cannot be folded
    // into the released fold: the cache reads the stream and folds it whole.
    const again = await cache.foldUpTo(events[8]!, view);
    expect(view.reads).toBe(1);
    expect(again).not.toBe(fold);
    expect({ count: again.count, held: again.held }).toEqual({ count: 9, held: 9 });
    expect(rankYearFold(again, 'Q1').status).toBe('revised');
  });
});
