import type { StoredEvent } from '../event-store.port.js';
import { ArrayEventLog } from '../testing/array-event-log.js';
// The contract suite's event maker: unique ids, one fixed actor and time.
import { newEvent as ev } from '../testing/event-store.contract.js';
import { sealEvent } from './hash-chain.js';
import { verifyLog } from './verify-log.js';

type LogOptions = { contiguousPositions?: boolean; positions?: number[]; logChain?: boolean };

/** A(0..5) and B(0..3) interleaved: A0 B0 A1 A2 B1 A3 B2 A4 A5 B3 at positions 1..10. */
function sample(options: LogOptions = {}): ArrayEventLog {
  const order = ['A', 'B', 'A', 'A', 'B', 'A', 'B', 'A', 'A', 'B'];
  const n = { A: 0, B: 0 } as Record<string, number>;
  return ArrayEventLog.build(
    order.map((s) => [s, ev('Scored', { stream: s, n: n[s]!++, name: 'Đội Cảnh sát cơ động' })]),
    options,
  );
}

/** A log of the streams named in `order` ("A B A": A0 at 1, B0 at 2, A1 at 3). */
function logOf(order: string, options: LogOptions = {}): ArrayEventLog {
  return ArrayEventLog.build(
    order.split(' ').map((s) => [s, ev('Scored', { stream: s })]),
    options,
  );
}

/** Deletes the event, as a forger with write access to the store would. */
function drop(log: ArrayEventLog, streamId: string, revision: number): void {
  const gone = find(log, streamId, revision);
  log.events = log.events.filter((e) => e !== gone);
}

function find(log: ArrayEventLog, streamId: string, revision: number): StoredEvent {
  const e = log.events.find((x) => x.streamId === streamId && x.revision === revision);
  if (!e) throw new Error(`no ${streamId}/${revision}`);
  return e;
}

/** Re-seals one event in place as a forger with the hashing code would. */
function reseal(e: StoredEvent): void {
  const { hash: _h, prevHash, ...meta } = e.metadata;
  const sealed = sealEvent(e.streamId, e.revision, prevHash, {
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: meta,
  });
  e.metadata = sealed.metadata;
}

describe('verifyLog', () => {
  it('accepts an untouched log and reports what it checked, with progress', async () => {
    const log = sample();
    const progress: Array<[number, number]> = [];
    const report = await verifyLog(log, { batchSize: 3, onProgress: (p, h) => progress.push([p, h]) });
    expect(report).toEqual({ ok: true, checkedEvents: 10, checkedStreams: 2, headPosition: 10 });
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('accepts increasing but non-contiguous positions on stores that do not promise them', async () => {
    const positions = [10, 20, 35, 36, 90, 100, 130, 200, 201, 500];
    expect((await verifyLog(sample({ contiguousPositions: false, positions }))).ok).toBe(true);
    const gappy = await verifyLog(sample({ contiguousPositions: true, positions }));
    expect(gappy.firstFailure).toMatchObject({ problem: 'gap', position: 1 });
  });

  it('names an edited event as altered', async () => {
    const log = sample();
    find(log, 'A', 3).data['n'] = 99;
    const report = await verifyLog(log, { batchSize: 4 });
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 3,
      position: 6,
      eventId: find(log, 'A', 3).eventId,
    });
  });

  it('names an edited and re-hashed event through the next event that still links to the old hash', async () => {
    const log = sample();
    const target = find(log, 'A', 2);
    target.data['n'] = 42;
    reseal(target);
    const report = await verifyLog(log);
    expect(report.firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 2,
      position: 4,
    });
    expect(report.firstFailure?.detail).toContain('re-hashed');
  });

  it('names a deleted event as removed, with the position it had on a contiguous store', async () => {
    const log = sample();
    log.events = log.events.filter((e) => !(e.streamId === 'A' && e.revision === 3));
    const report = await verifyLog(log, { batchSize: 2 });
    expect(report.firstFailure).toMatchObject({
      problem: 'removed',
      streamId: 'A',
      revision: 3,
      position: 6,
    });
  });

  it('names a deleted event as removed between its neighbours on a non-contiguous store', async () => {
    const positions = [10, 20, 35, 36, 90, 100, 130, 200, 201, 500];
    const log = sample({ contiguousPositions: false, positions });
    log.events = log.events.filter((e) => !(e.streamId === 'B' && e.revision === 1));
    const report = await verifyLog(log);
    expect(report.firstFailure).toMatchObject({ problem: 'removed', streamId: 'B', revision: 1 });
    expect(report.firstFailure?.position).toBeUndefined();
    expect(report.firstFailure?.detail).toContain('between positions 20 and 130');
  });

  it('names the first event of a stream as removed when revision 0 is gone', async () => {
    const log = sample();
    log.events = log.events.filter((e) => !(e.streamId === 'B' && e.revision === 0));
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'removed',
      streamId: 'B',
      revision: 0,
      position: 2,
    });
  });

  it('reports a gap when a stream’s last event disappears from the middle of the log', async () => {
    const tail = sample();
    tail.events = tail.events.filter((e) => e.position !== 10); // B3, the log's last event: nothing notices
    expect((await verifyLog(tail)).ok).toBe(true); // a cut at the end needs a digest (tamper tests)
    // A0 B0 A1 B1 A2: B1 is B's last event, yet A2 follows it in the log.
    const log = ArrayEventLog.build([
      ['A', ev('X')],
      ['B', ev('X')],
      ['A', ev('X')],
      ['B', ev('X')],
      ['A', ev('X')],
    ]);
    log.events = log.events.filter((e) => e.position !== 4);
    expect((await verifyLog(log)).firstFailure).toMatchObject({ problem: 'gap', position: 4 });
  });

  it('names an event whose revision number was edited as altered, not as a removal before it', async () => {
    const log = sample();
    const a3 = find(log, 'A', 3);
    a3.revision = 9;
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 9,
      position: 6,
    });
  });

  it('names swapped events as reordered, at the first of the two', async () => {
    const log = sample();
    const a1 = find(log, 'A', 1);
    const a2 = find(log, 'A', 2);
    [a1.position, a2.position] = [a2.position, a1.position];
    const report = await verifyLog(log);
    expect(report.firstFailure).toMatchObject({
      problem: 'reordered',
      streamId: 'A',
      revision: 2,
      position: 3,
      eventId: a2.eventId,
    });
    expect(report.firstFailure?.detail).toContain('revision 1 (position 4)');
  });

  it('reports the earliest of several problems', async () => {
    const log = sample();
    find(log, 'B', 2).data['n'] = 7; // position 7
    find(log, 'A', 1).data['n'] = 7; // position 3
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 1,
      position: 3,
    });
  });

  describe('one stream', () => {
    it('checks only that stream', async () => {
      const log = sample();
      find(log, 'B', 1).data['n'] = 5;
      expect(await verifyLog(log, { streamId: 'A' })).toMatchObject({
        ok: true,
        checkedEvents: 6,
        checkedStreams: 1,
      });
      expect((await verifyLog(log, { streamId: 'B' })).firstFailure).toMatchObject({
        problem: 'altered',
        streamId: 'B',
        revision: 1,
      });
    });

    it('finds removed and reordered events', async () => {
      const removed = sample();
      removed.events = removed.events.filter((e) => !(e.streamId === 'A' && e.revision === 4));
      expect((await verifyLog(removed, { streamId: 'A', batchSize: 2 })).firstFailure).toMatchObject({
        problem: 'removed',
        streamId: 'A',
        revision: 4,
      });
      const swapped = sample();
      const a1 = find(swapped, 'A', 1);
      const a2 = find(swapped, 'A', 2);
      [a1.position, a2.position] = [a2.position, a1.position];
      expect((await verifyLog(swapped, { streamId: 'A' })).firstFailure).toMatchObject({
        problem: 'reordered',
        streamId: 'A',
        revision: 2,
        position: 3,
      });
    });
  });
});

describe('verifyLog: the remaining findings of one event', () => {
  it('names a first revision that does not link to the genesis hash as altered', async () => {
    const log = sample();
    const a0 = find(log, 'A', 0);
    a0.metadata = { ...a0.metadata, prevHash: 'ab'.repeat(32) };
    reseal(a0); // its own hash is right again; only the link to genesis is wrong
    const b0 = find(log, 'B', 0);
    b0.metadata = { ...b0.metadata, prevHash: 'ab'.repeat(32) };
    reseal(b0);
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 0,
      position: 1,
    });
    expect((await verifyLog(log, { streamId: 'B' })).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'B',
      revision: 0,
    });
  });

  it('names an event that cannot even be hashed as altered, without failing', async () => {
    const log = sample();
    find(log, 'B', 2).data['n'] = Number.NaN;
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'B',
      revision: 2,
      position: 7,
    });
  });

  it('names a copy of an earlier event appended again as reordered, where the copy is', async () => {
    const log = sample();
    log.events.push({ ...find(log, 'A', 1), position: 11 });
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'reordered',
      streamId: 'A',
      revision: 1,
      position: 11,
    });
  });
});

describe('verifyLog: which finding is reported first', () => {
  it('reports a removal found only at the end before an edit further on', async () => {
    const log = sample();
    drop(log, 'A', 1); // position 3
    find(log, 'B', 2).data['n'] = 7; // position 7, found first
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'removed',
      streamId: 'A',
      revision: 1,
      position: 3,
    });
  });

  it('reports an earlier edit before a later reordering, though a reordering outranks an edit at one position', async () => {
    const log = sample();
    find(log, 'A', 1).data['n'] = 7; // position 3
    const [a3, a4] = [find(log, 'A', 3), find(log, 'A', 4)]; // positions 6 and 8
    [a3.position, a4.position] = [a4.position, a3.position];
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 1,
      position: 3,
    });
  });

  it('keeps the stream’s own explanation when the log chain names the same move at the same position', async () => {
    const log = sample({ logChain: true });
    const [a1, a2] = [find(log, 'A', 1), find(log, 'A', 2)];
    [a1.position, a2.position] = [a2.position, a1.position];
    const first = (await verifyLog(log)).firstFailure;
    expect(first).toMatchObject({ problem: 'reordered', streamId: 'A', revision: 2, position: 3 });
    expect(first?.detail).toContain('comes before revision 1 (position 4)');
  });

  it('names a removed revision before an edit of the position after its stream’s previous event', async () => {
    const log = sample();
    drop(log, 'A', 3); // position 6; A2 is at 4
    find(log, 'B', 1).data['n'] = 7; // position 5
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'B',
      revision: 1,
      position: 5,
    });
  });

  it('names an edit of the event before a removed revision before the removal, on a non-contiguous store', async () => {
    const positions = [10, 20, 35, 36, 90, 100, 130, 200, 201, 500];
    for (const streamId of [undefined, 'B']) {
      const log = sample({ contiguousPositions: false, positions });
      find(log, 'B', 0).data['n'] = 7; // position 20
      drop(log, 'B', 1); // position 90
      expect((await verifyLog(log, { streamId })).firstFailure).toMatchObject({
        problem: 'altered',
        streamId: 'B',
        revision: 0,
        position: 20,
      });
    }
  });
});

describe('verifyLog: the position a removed revision had', () => {
  it('gives a gap position to one removed revision only; the other is named between its neighbours', async () => {
    // A0 B0 A1 B1 A2 B2; A1 and B1 removed and the positions closed up by one: one gap (3) for two holes.
    const log = logOf('A B A B A B');
    drop(log, 'A', 1);
    drop(log, 'B', 1);
    find(log, 'A', 2).position = 4;
    find(log, 'B', 2).position = 5;
    expect((await verifyLog(log)).firstFailure).toStrictEqual({
      problem: 'removed',
      streamId: 'B',
      revision: 1,
      detail: expect.stringContaining('between positions 2 and 5'),
    });
  });

  it('gives the gap to the hole that opened first, whatever the order of the streams', async () => {
    // A0 B0 A1 A2 A3 B1 B2; A2 (4) and B1 (6) removed, B2 moved up to 6: one gap (4) for two holes.
    const log = logOf('A B A A A B B');
    drop(log, 'A', 2);
    drop(log, 'B', 1);
    find(log, 'B', 2).position = 6;
    expect((await verifyLog(log)).firstFailure).toStrictEqual({
      problem: 'removed',
      streamId: 'A',
      revision: 2,
      detail: expect.stringContaining('between positions 3 and 5'),
    });
  });

  it('gives gaps at the start to the lowest revisions first', async () => {
    // A0 A1 B0 A2 B1; A0, A1 and B0 removed and the rest moved up by one: two gaps for three holes.
    const log = logOf('A A B A B');
    drop(log, 'A', 0);
    drop(log, 'A', 1);
    drop(log, 'B', 0);
    find(log, 'A', 2).position = 3;
    find(log, 'B', 1).position = 4;
    expect((await verifyLog(log)).firstFailure).toStrictEqual({
      problem: 'removed',
      streamId: 'A',
      revision: 1,
      detail: expect.stringContaining('before revision 2 (position 3)'),
    });
  });

  it('does not give a removed revision a gap before its stream’s previous event', async () => {
    // B0 B1 A0 A1 A2; B1 (B's last) and A1 removed, A2 moved up to 4: the gap (2) is B1's.
    const log = logOf('B B A A A');
    drop(log, 'B', 1);
    drop(log, 'A', 1);
    find(log, 'A', 2).position = 4;
    expect((await verifyLog(log)).firstFailure).toStrictEqual({
      problem: 'gap',
      position: 2,
      detail: expect.any(String),
    });
  });

  it('does not give a removed revision a gap after the event that skipped it', async () => {
    // A0 A1 A2 C0 B0; A1 removed and A2 moved up to 2, C0 (C's only event) removed: the gap (3) is C0's.
    const log = logOf('A A A C B');
    drop(log, 'A', 1);
    drop(log, 'C', 0);
    find(log, 'A', 2).position = 2;
    expect((await verifyLog(log)).firstFailure).toStrictEqual({
      problem: 'removed',
      streamId: 'A',
      revision: 1,
      detail: expect.stringContaining('between positions 1 and 2'),
    });
  });
});

describe('verifyLog: more findings of one event', () => {
  it('names the only event of a stream that does not link to the genesis hash as altered', async () => {
    const log = logOf('A');
    const a0 = find(log, 'A', 0);
    a0.metadata = { ...a0.metadata, prevHash: 'cd'.repeat(32) };
    reseal(a0);
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 0,
      position: 1,
    });
  });

  it('names a second event at a position already read as reordered, and does not count it', async () => {
    const log = sample();
    const b0 = find(log, 'B', 0);
    log.events.push({ ...b0, metadata: { ...b0.metadata } }); // B0 again at position 2
    const report = await verifyLog(log);
    expect(report.checkedEvents).toBe(10);
    expect(report.firstFailure).toMatchObject({
      problem: 'reordered',
      streamId: 'B',
      revision: 0,
      position: 2,
      eventId: b0.eventId,
    });
    expect(report.firstFailure?.detail).toContain('comes after position 2');
  });

  it('names an edited event moved along the log chain as altered: its own hash is judged first', async () => {
    const log = sample({ logChain: true });
    const [b0, a1] = [find(log, 'B', 0), find(log, 'A', 1)]; // positions 2 and 3
    [b0.position, a1.position] = [a1.position, b0.position];
    a1.data['n'] = 7;
    expect((await verifyLog(log)).firstFailure).toMatchObject({
      problem: 'altered',
      streamId: 'A',
      revision: 1,
      position: 2,
    });
  });

  it('reads one stream in batches of the size asked, reporting progress after each', async () => {
    const progress: Array<[number, number]> = [];
    const report = await verifyLog(sample(), {
      streamId: 'A',
      batchSize: 2,
      onProgress: (p, h) => progress.push([p, h]),
    });
    expect(report).toEqual({ ok: true, checkedEvents: 6, checkedStreams: 1, headPosition: 10 });
    expect(progress).toEqual([
      [3, 10],
      [6, 10],
      [9, 10],
    ]);
  });
});
