/**
 * The append thread's answers, packed for the thread boundary: a fresh write as three primitives, the rest
 * whole; unpacked on the request thread into the same AppendResults and errors of the same classes.
 */
import { PartialDuplicateError, RevisionConflictError } from '../errors.js';
import type { AppendResult } from '../event-store.port.js';
import { newEvent } from '../testing/event-store.contract.js';
import { packOutcomes, unpackOutcomes, type SettledAppends } from './append-thread-messages.js';
import type { AppendInput, CommitOutcome } from './commit-outcome.js';

const hash = (c: string): string => c.repeat(64);

describe('packOutcomes and unpackOutcomes', () => {
  const sent = new Map<number, AppendInput>([
    [7, { streamId: 's-1', events: [newEvent('A'), newEvent('B'), newEvent('C')], expected: 'any' }],
    [8, { streamId: 's-1', events: [newEvent('D')], expected: 0 }],
    [9, { streamId: 's-2', events: [newEvent('E')], expected: 'no-stream' }],
    [10, { streamId: 's-3', events: [newEvent('F')], expected: 'any' }],
    [11, { streamId: 's-4', events: [newEvent('G')], expected: 'any' }],
  ]);
  const of = (id: number): AppendInput => sent.get(id) as AppendInput;
  const fresh: AppendResult = {
    streamId: 's-1',
    revision: 4,
    position: 12,
    eventIds: of(7).events.map((e) => e.eventId),
    positions: [10, 11, 12],
    duplicate: false,
    hash: hash('a'),
  };
  const replay: AppendResult = {
    streamId: 's-2',
    revision: 0,
    position: 3,
    eventIds: [of(9).events[0]?.eventId as string],
    positions: [3],
    duplicate: true,
    hash: hash('b'),
  };
  const outcomes: CommitOutcome[] = [
    { ok: true, result: fresh },
    { ok: false, error: new RevisionConflictError('s-1', '0', 4) },
    { ok: true, result: replay },
    { ok: false, error: new PartialDuplicateError('s-3') },
    {
      ok: true,
      result: {
        ...fresh,
        streamId: 's-4',
        revision: 0,
        position: 13,
        positions: [13],
        eventIds: [of(11).events[0]?.eventId as string],
        hash: hash('c'),
      },
    },
  ];
  // Through structured clone, as postMessage carries it.
  const packed = structuredClone(
    packOutcomes(
      [7, 8, 9, 10, 11].map((id) => ({ id })),
      outcomes,
    ),
  );
  const unpack = (
    message: SettledAppends,
    from: ReadonlyMap<number, AppendInput>,
  ): Map<number, CommitOutcome> => {
    const got = new Map<number, CommitOutcome>();
    unpackOutcomes(message, from, (append, id, outcome) => {
      expect(append).toBe(from.get(id));
      got.set(id, outcome);
    });
    return got;
  };

  it('sends a fresh write as its revision, position and hash alone, everything else whole', () => {
    expect(packed.ids).toEqual([7, 8, 9, 10, 11]);
    expect(packed.revisions).toEqual([4, -1, -1, -1, 0]);
    expect(packed.positions).toEqual([12, -1, -1, -1, 13]);
    expect(packed.hashes).toEqual([hash('a'), '', '', '', hash('c')]);
    expect(packed.others.map((o) => o.ok)).toEqual([false, true, false]);
  });

  it('rebuilds the same results, and each error with its class, code, fields, message and stack', () => {
    const got = unpack(packed, sent);
    expect([...got.keys()]).toEqual([7, 8, 9, 10, 11]);
    expect(got.get(7)).toStrictEqual({ ok: true, result: fresh });
    expect(got.get(9)).toStrictEqual({ ok: true, result: replay });
    expect(got.get(11)).toStrictEqual(outcomes[4]);
    const conflict = (got.get(8) as { error: unknown }).error as RevisionConflictError;
    const original = (outcomes[1] as { error: RevisionConflictError }).error;
    expect(conflict).toBeInstanceOf(RevisionConflictError);
    expect(conflict).toMatchObject({ code: 'REVISION_CONFLICT', streamId: 's-1', expected: '0', actual: 4 });
    expect(conflict.message).toBe(original.message);
    expect(conflict.stack).toBe(original.stack);
    expect((got.get(10) as { error: unknown }).error).toBeInstanceOf(PartialDuplicateError);
  });

  it('skips appends no longer waited for, and keeps the others in step', () => {
    const waiting = new Map([...sent].filter(([id]) => id !== 8 && id !== 7));
    const got = unpack(packed, waiting);
    expect([...got.keys()]).toEqual([9, 10, 11]);
    expect(got.get(9)).toStrictEqual({ ok: true, result: replay });
    expect((got.get(10) as { error: unknown }).error).toBeInstanceOf(PartialDuplicateError);
    expect(got.get(11)).toStrictEqual(outcomes[4]);
  });
});
