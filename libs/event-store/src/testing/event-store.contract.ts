/**
 * The one contract every EventStore adapter satisfies (DESIGN.md §2). Call it from an adapter's
 * `*.int.spec.ts`. Tests only rely on streams they create (unique ids) and on positions they observed:
 * a read of the global log starts after an event the test wrote (never at 0, never at a computed
 * position, which EventStoreDB refuses) and stops at the test's last event, so the suite is also correct
 * on a long-lived server that holds other data and other writers.
 */
import { randomUUID } from 'node:crypto';

import { PartialDuplicateError, RevisionConflictError } from '../errors.js';
import type {
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  Subscription,
} from '../event-store.port.js';
import { GENESIS_HASH, hashMatches } from '../integrity/hash-chain.js';
import { verifyLog } from '../integrity/verify-log.js';

export function newEvent(
  type: string,
  data: Record<string, unknown> = {},
  eventId: string = randomUUID(),
): NewEvent {
  return {
    eventId,
    type,
    data,
    metadata: {
      actor: { id: 'officer-1', role: 'organizer', unitId: 'unit-ca-hue' },
      occurredAt: '2025-03-01T08:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      schemaVersion: 1,
    },
  };
}

function streamName(label: string): string {
  return `contract_${label}-${randomUUID()}`;
}

/** Appends one event to a fresh stream: its position is where a test's scoped reads start after. */
async function mark(store: EventStore): Promise<number> {
  return (await store.append(streamName('mark'), [newEvent('Marked')], 'no-stream')).position;
}

/** The global log after `after` up to `last` (inclusive), in pages: never more than that. */
async function readRange(store: EventStore, after: number, last: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let from = after; from < last;) {
    const page = await store.readAll({ after: from, to: last, batchSize: 200 });
    if (page.length === 0) break;
    out.push(...page);
    from = (page[page.length - 1] as StoredEvent).position;
  }
  return out;
}

/** Collects subscription deliveries and lets a test wait for a condition instead of sleeping. */
class Collector {
  readonly events: StoredEvent[] = [];
  readonly batches: StoredEvent[][] = [];
  caughtUpAt: number | undefined;
  errors: unknown[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  constructor(private readonly keep: (e: StoredEvent) => boolean = () => true) {}

  readonly handlers = {
    onEvents: async (batch: StoredEvent[]): Promise<void> => {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      await Promise.resolve();
      this.batches.push(batch);
      this.events.push(...batch.filter(this.keep));
      this.inFlight--;
      this.poke();
    },
    onCaughtUp: (position: number): void => {
      this.caughtUpAt ??= position;
      this.poke();
    },
    onError: (error: unknown): void => {
      this.errors.push(error);
      this.poke();
    },
  };

  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }
}

async function expectConflict(p: Promise<unknown>, actual: number | 'no-stream'): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RevisionConflictError);
  expect((error as RevisionConflictError).code).toBe('REVISION_CONFLICT');
  expect((error as RevisionConflictError).actual).toBe(actual);
}

export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
      await store.close();
    });

    it('appends to a new stream and reads it back with the envelope it stored', async () => {
      const stream = streamName('new');
      const event = newEvent('UnitRegistered', { unitId: 'u-1', name: 'Công an tỉnh Thừa Thiên Huế' });
      const result = await store.append(stream, [event], 'no-stream');
      expect(result).toMatchObject({
        streamId: stream,
        revision: 0,
        eventIds: [event.eventId],
        duplicate: false,
      });
      expect(result.positions).toEqual([result.position]);
      expect(result.position).toBeGreaterThan(0);

      const [stored, ...rest] = await store.readStream(stream);
      expect(rest).toEqual([]);
      expect(stored).toMatchObject({
        eventId: event.eventId,
        type: 'UnitRegistered',
        streamId: stream,
        revision: 0,
        position: result.position,
        data: event.data,
        metadata: { ...event.metadata, prevHash: GENESIS_HASH },
      });
      expect(stored?.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      if (store.findEvent) {
        expect((await store.findEvent(stream, event.eventId))?.position).toBe(result.position);
        expect(await store.findEvent(stream, randomUUID())).toBeNull();
      }
    });

    it('reads events by position, in the order asked, leaving out positions without an event', async () => {
      if (!store.readPositions) throw new Error('the store must read by position (unit histories need it)');
      const a = streamName('at-a');
      const b = streamName('at-b');
      const first = await store.append(a, [newEvent('A', { n: 1 }), newEvent('A', { n: 2 })], 'no-stream');
      const second = await store.append(b, [newEvent('B', { n: 3 })], 'no-stream');
      const [p1, p2] = first.positions as [number, number];
      const p3 = second.position;
      const read = await store.readPositions([p3, p1, p2]);
      expect(read.map((e) => [e.position, e.streamId, e.data['n']])).toEqual([
        [p3, b, 3],
        [p1, a, 1],
        [p2, a, 2],
      ]);
      expect(read[1]).toEqual((await store.readStream(a))[0]);
      expect(await store.readPositions([])).toEqual([]);
      expect((await store.readPositions([p3 + 1_000_000_000, p1])).map((e) => e.position)).toEqual([p1]);
    });

    it('reads the positions of the events carrying a tag (the units they concern), in ranges, and counts them', async () => {
      if (!store.readTagged || !store.countTagged) return; // optional: EventStoreDB's index is the projector's
      // Tags of the domain's tagger (the default): a unit's own events, and a merger into another unit.
      const [u, v] = [`ct${randomUUID().slice(0, 8)}`, `ct${randomUUID().slice(0, 8)}`];
      const reg = await store.append(
        `unit-${u}`,
        [newEvent('UnitRegistered', { unitId: u, name: 'Cục A' })],
        'no-stream',
      );
      await store.append(
        `unit-${v}`,
        [newEvent('UnitRegistered', { unitId: v, name: 'Cục B' })],
        'no-stream',
      );
      const more = await store.append(
        `unit-${u}`,
        [
          newEvent('UnitRenamed', { unitId: u, previousName: 'Cục A', name: 'Cục A mới' }),
          newEvent('UnitMerged', { unitId: u, intoUnitId: v, reason: 'sáp nhập' }),
        ],
        0,
      );
      const [p1, p2, p3] = [reg.position, ...(more.positions as [number, number])];
      expect(await store.readTagged(`unit:${u}`)).toEqual([p1, p2, p3]);
      expect((await store.readTagged(`unit:${v}`)).at(-1)).toBe(p3);
      expect(await store.readTagged(`unit:${u}`, { after: p1, limit: 1 })).toEqual([p2]);
      expect(await store.readTagged(`unit:${u}`, { after: p1, to: p2 })).toEqual([p2]);
      expect(await store.countTagged(`unit:${u}`)).toBe(3);
      expect(await store.countTagged(`unit:${u}`, p2)).toBe(2);
      expect(await store.readTagged('unit:never-tagged')).toEqual([]);
      expect(await store.countTagged('unit:never-tagged')).toBe(0);
    });

    it('tells a stream revision without reading its events, when it can', async () => {
      if (!store.streamRevision) return; // optional: callers read the stream instead
      const stream = streamName('revision');
      expect(await store.streamRevision(stream)).toBe(-1);
      await store.append(stream, [newEvent('A'), newEvent('B')], 'no-stream');
      expect(await store.streamRevision(stream)).toBe(1);
      await store.append(stream, [newEvent('C')], 1);
      expect(await store.streamRevision(stream)).toBe(2);
    });

    it('accepts and refuses each kind of expected revision, writing nothing on a conflict', async () => {
      const stream = streamName('expected');
      await expectConflict(store.append(stream, [newEvent('A')], 'exists'), 'no-stream');
      await expectConflict(store.append(stream, [newEvent('A')], 0), 'no-stream');
      expect((await store.append(stream, [newEvent('A')], 'no-stream')).revision).toBe(0);
      await expectConflict(store.append(stream, [newEvent('B')], 'no-stream'), 0);
      expect((await store.append(stream, [newEvent('B')], 'exists')).revision).toBe(1);
      await expectConflict(store.append(stream, [newEvent('C')], 0), 1);
      await expectConflict(store.append(stream, [newEvent('C')], 2), 1);
      expect((await store.append(stream, [newEvent('C'), newEvent('D')], 1)).revision).toBe(3);
      expect((await store.append(stream, [newEvent('E')], 'any')).revision).toBe(4);
      expect((await store.append(streamName('any'), [newEvent('E')], 'any')).revision).toBe(0);
      const types = (await store.readStream(stream)).map((e) => e.type);
      expect(types).toEqual(['A', 'B', 'C', 'D', 'E']);
    });

    it('treats a re-append of the same event ids as a no-op returning the first result', async () => {
      const stream = streamName('idem');
      const events = [newEvent('ScoreRecorded', { points: 10 }), newEvent('ScoreRecorded', { points: 20 })];
      const first = await store.append(stream, events, 'no-stream');
      const head = await store.headPosition();
      // Expected revision no longer holds, yet the retry is recognised before it is checked.
      const again = await store.append(stream, events, 'no-stream');
      expect(again).toEqual({ ...first, duplicate: true });
      const againAny = await store.append(stream, events, 'any');
      expect(againAny).toEqual({ ...first, duplicate: true });
      expect(await store.headPosition()).toBe(head);
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    });

    it('refuses an append where only some event ids were already stored', async () => {
      const stream = streamName('partial');
      const a = newEvent('A');
      const b = newEvent('B');
      await store.append(stream, [a], 'no-stream');
      const error = await store.append(stream, [a, b], 'any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartialDuplicateError);
      expect((error as PartialDuplicateError).code).toBe('PARTIAL_DUPLICATE_APPEND');
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([a.eventId]);
    });

    it('refuses reserved names, ids that are not lower-case UUIDs and appends over 1 MiB, writing nothing', async () => {
      const stream = streamName('refused');
      const refusal = (streamId: string, events: NewEvent[]) =>
        store.append(streamId, events, 'any').then(
          () => 'written',
          (e: unknown) => (e as { code?: string }).code,
        );
      expect(await refusal(`$${stream}`, [newEvent('A')])).toBe('RESERVED_NAME');
      expect(await refusal(stream, [newEvent('$A')])).toBe('RESERVED_NAME');
      expect(await refusal(stream, [newEvent('A', {}, 'e-1')])).toBe('INVALID_EVENT_ID');
      expect(await refusal(stream, [newEvent('A', {}, randomUUID().toUpperCase())])).toBe('INVALID_EVENT_ID');
      expect(await refusal(stream, [newEvent('A', {}, '00000000-0000-0000-0000-000000000000')])).toBe(
        'INVALID_EVENT_ID',
      );
      const half = 'ư'.repeat(300_000); // 600,000 bytes of UTF-8 in 300,000 characters
      expect(await refusal(stream, [newEvent('A', { half }), newEvent('A', { half })])).toBe(
        'APPEND_TOO_LARGE',
      );
      expect(await store.readStream(stream)).toEqual([]);
      expect(await refusal(stream, [newEvent('A', { half })])).toBe('written');
    });

    it('reads a stream from a revision, bounded by a count, and an unknown stream as empty', async () => {
      const stream = streamName('read');
      await store.append(
        stream,
        [0, 1, 2, 3, 4].map((i) => newEvent('N', { i })),
        'no-stream',
      );
      const all = await store.readStream(stream);
      expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(all.map((e) => e.data['i'])).toEqual([0, 1, 2, 3, 4]);
      expect((await store.readStream(stream, { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3, 4]);
      expect(
        (await store.readStream(stream, { fromRevision: 1, maxCount: 2 })).map((e) => e.revision),
      ).toEqual([1, 2]);
      expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      expect(await store.readStream(streamName('none'))).toEqual([]);
    });

    it('reads the global log with an exclusive start, an inclusive end and a batch size', async () => {
      const stream = streamName('all');
      const result = await store.append(
        stream,
        [0, 1, 2, 3, 4].map((i) => newEvent('N', { i })),
        'no-stream',
      );
      const p = result.positions;
      expect(p).toHaveLength(5);
      const [p0, p1, p3] = [p[0] as number, p[1] as number, p[3] as number];

      const fromP1 = await store.readAll({ after: p1, to: p3 });
      expect(fromP1.every((e) => e.position > p1 && e.position <= p3)).toBe(true);
      expect(fromP1.filter((e) => e.streamId === stream).map((e) => e.position)).toEqual([p[2], p[3]]);

      const firstTwo = await store.readAll({ after: p0, batchSize: 2 });
      expect(firstTwo).toHaveLength(2);
      expect(firstTwo[0]?.position).toBe(p[1]);

      const atEnd = await store.readAll({ after: await store.headPosition() });
      expect(atEnd).toEqual([]);
      if (store.capabilities.contiguousPositions) {
        expect(p).toEqual([p0, p0 + 1, p0 + 2, p0 + 3, p0 + 4]);
        const between = await readRange(store, p0, p[4] as number);
        expect(between.map((e) => e.position)).toEqual([p0 + 1, p0 + 2, p0 + 3, p0 + 4]);
      }
    });

    it('gives strictly increasing positions across streams and appends', async () => {
      const a = streamName('pos-a');
      const b = streamName('pos-b');
      const before = await mark(store);
      const r1 = await store.append(a, [newEvent('A'), newEvent('A')], 'no-stream');
      const r2 = await store.append(b, [newEvent('B')], 'no-stream');
      const r3 = await store.append(a, [newEvent('A')], 1);
      const positions = [...r1.positions, ...r2.positions, ...r3.positions];
      for (let i = 1; i < positions.length; i++)
        expect(positions[i]).toBeGreaterThan(positions[i - 1] as number);
      const read = (await readRange(store, before, r3.position)).filter(
        (e) => e.streamId === a || e.streamId === b,
      );
      expect(read.map((e) => e.position)).toEqual(positions);
      if (store.capabilities.contiguousPositions) {
        expect(positions).toEqual(positions.map((_, i) => (positions[0] as number) + i));
      }
    });

    it('lands many appends issued in the same tick, each checked against its own expected revision', async () => {
      const streams = Array.from({ length: 12 }, (_, i) => streamName(`burst-${i}`));
      const perStream = 4;
      const before = await mark(store);
      const issued: Array<Promise<unknown>> = [];
      const conflicts: Array<Promise<unknown>> = [];
      for (const s of streams) {
        for (let k = 0; k < perStream; k++) {
          const expected: ExpectedRevision = k === 0 ? 'no-stream' : k - 1;
          issued.push(store.append(s, [newEvent('Burst', { s, k })], expected));
        }
        // Stale writers: one with a taken revision, one creating an existing stream.
        conflicts.push(store.append(s, [newEvent('Stale')], 0));
        conflicts.push(store.append(s, [newEvent('Stale')], 'no-stream'));
      }
      const results = await Promise.allSettled(issued);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const last = Math.max(
        ...results.map((r) => (r as PromiseFulfilledResult<{ position: number }>).value.position),
      );
      const refused = await Promise.allSettled(conflicts);
      for (const r of refused) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RevisionConflictError);
      }
      for (const s of streams) {
        const events = await store.readStream(s);
        expect(events.map((e) => e.data['k'])).toEqual([0, 1, 2, 3]);
        expect(events.every((e) => e.type === 'Burst')).toBe(true);
      }
      const all = (await readRange(store, before, last)).filter((e) => streams.includes(e.streamId));
      expect(all).toHaveLength(streams.length * perStream);
      expect(new Set(all.map((e) => e.position)).size).toBe(all.length);
      for (const s of streams) expect((await verifyLog(store, { streamId: s })).ok).toBe(true);
    });

    it('subscribes from an exclusive position, signals caught-up, then delivers live appends in order', async () => {
      const stream = streamName('sub');
      const first = await store.append(
        stream,
        [newEvent('S', { n: 0 }), newEvent('S', { n: 1 }), newEvent('S', { n: 2 })],
        'no-stream',
      );
      const start = first.positions[0] as number;
      const c = new Collector((e) => e.streamId === stream);
      subscriptions.push(store.subscribe(start, c.handlers));
      await c.until(() => c.caughtUpAt !== undefined);
      expect(c.events.map((e) => e.data['n'])).toEqual([1, 2]);
      expect(c.caughtUpAt).toBeGreaterThanOrEqual(first.position);

      const live = await store.append(stream, [newEvent('S', { n: 3 })], 2);
      const more = await store.append(stream, [newEvent('S', { n: 4 }), newEvent('S', { n: 5 })], 3);
      await c.until(() => c.events.some((e) => e.position === more.position));
      expect(c.events.map((e) => e.data['n'])).toEqual([1, 2, 3, 4, 5]);
      expect(c.events.map((e) => e.position)).toEqual([
        ...first.positions.slice(1),
        live.position,
        ...more.positions,
      ]);
      const delivered = c.batches.flat().map((e) => e.position);
      for (let i = 1; i < delivered.length; i++)
        expect(delivered[i]).toBeGreaterThan(delivered[i - 1] as number);
      expect(c.maxInFlight).toBe(1);
      expect(c.errors).toEqual([]);
    });

    it('stops a subscription whose handler throws and reports the error', async () => {
      const stream = streamName('sub-fail');
      const before = await mark(store);
      const r = await store.append(stream, [newEvent('F', { n: 0 })], 'no-stream');
      const failure = new Error('projection cannot handle F');
      let calls = 0;
      let reported: unknown;
      const failed = new Promise<void>((resolve) => {
        subscriptions.push(
          store.subscribe(before, {
            onEvents: async () => {
              calls++;
              throw failure;
            },
            onError: (e) => {
              reported = e;
              resolve();
            },
          }),
        );
      });
      await failed;
      expect(reported).toBe(failure);
      // A second subscription sees the next append; the failed one must not.
      const witness = new Collector((e) => e.streamId === stream);
      subscriptions.push(store.subscribe(r.position, witness.handlers));
      const next = await store.append(stream, [newEvent('F', { n: 1 })], 0);
      await witness.until(() => witness.events.some((e) => e.position === next.position));
      expect(calls).toBe(1);
    });

    it('round-trips Vietnamese text exactly, NFC and NFD alike', async () => {
      const stream = streamName('vi');
      const data = {
        name: 'Công an tỉnh Thừa Thiên Huế',
        movement: 'Vì an ninh Tổ quốc',
        decomposed: 'Phường Đống Đa, Hà Nội'.normalize('NFD'),
        list: ['Cụm thi đua số 1', 'Đội Cảnh sát giao thông'],
      };
      const event = newEvent('UnitRenamed', data);
      event.metadata.reason = 'Đổi tên theo Quyết định số 12/QĐ-BCA';
      await store.append(stream, [event], 'no-stream');
      const [stored] = await store.readStream(stream);
      expect(stored?.data).toEqual(data);
      expect(stored?.data['decomposed']).toBe('Phường Đống Đa, Hà Nội'.normalize('NFD'));
      expect(stored?.data['name']).not.toBe((data.name as string).normalize('NFD'));
      expect(stored?.metadata.reason).toBe('Đổi tên theo Quyết định số 12/QĐ-BCA');
      expect(stored && hashMatches(stored)).toBe(true);
    });

    it('chains every event of a stream to the previous one, so the log verifies', async () => {
      const stream = streamName('chain');
      await store.append(stream, [newEvent('A', { x: 1 }), newEvent('B', { x: 2 })], 'no-stream');
      await store.append(streamName('other'), [newEvent('O')], 'no-stream');
      await store.append(stream, [newEvent('C', { x: 3 })], 1);
      const events = await store.readStream(stream);
      expect(events.map((e) => e.metadata.prevHash)).toEqual([
        GENESIS_HASH,
        events[0]?.metadata.hash,
        events[1]?.metadata.hash,
      ]);
      expect(events.every(hashMatches)).toBe(true);
      expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(3);
      const report = await verifyLog(store, { streamId: stream });
      expect(report).toMatchObject({ ok: true, checkedEvents: 3, checkedStreams: 1 });
      if (store.kind === 'sqlite') expect((await verifyLog(store)).ok).toBe(true);
    });
  });
}
