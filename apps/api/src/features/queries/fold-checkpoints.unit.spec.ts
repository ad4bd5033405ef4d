import {
  canonicalJson,
  evaluateRanking,
  rankYearFold,
  whatIf,
  whatIfYearFold,
  type EvaluatorEvent,
} from '@thidua/domain';
import { realisticYear } from '@thidua/domain/testing';
import { FoldCheckpoints } from './fold-checkpoints.js';

// The periods the realistic year opens, and one it never opens.
const PERIODS = ['Q1', 'Q2', 'H1', 'Y'] as const;

const asOf = (checkpoints: FoldCheckpoints, events: readonly EvaluatorEvent[], period: string, at?: number) =>
  canonicalJson(
    rankYearFold(
      checkpoints.foldAsOf(events[0]!.streamId, events, period as (typeof PERIODS)[number], at),
      period as (typeof PERIODS)[number],
    ),
  );
const evaluated = (events: readonly EvaluatorEvent[], period: string, at?: number) =>
  canonicalJson(
    evaluateRanking(events, period as (typeof PERIODS)[number], at === undefined ? {} : { upToPosition: at }),
  );

describe('FoldCheckpoints', () => {
  it('ranks every cut as the evaluator does over the array, whatever order the cuts are asked in', () => {
    const events = realisticYear().events;
    const positions = [0, ...events.map((e) => e.position)];
    // Descending, then ascending, then jumping about: each folds from a checkpoint another one left.
    const jumbled = positions.map((_, i) => positions[(i * 37) % positions.length]!);
    for (const period of PERIODS) {
      const checkpoints = new FoldCheckpoints(7); // a checkpoint every 7 events
      for (const at of [...[...positions].reverse(), ...positions, ...jumbled, undefined])
        expect({ period, at, json: asOf(checkpoints, events, period, at) }).toEqual({
          period,
          at,
          json: evaluated(events, period, at),
        });
    }
  });

  it('answers a what-if as the evaluator does, and leaves the checkpoints as they were', () => {
    const events = realisticYear().events;
    const checkpoints = new FoldCheckpoints(5);
    const q1 = evaluateRanking(events, 'Q1');
    const entry = q1.rows[0]!.criteria[0]!.entryId;
    const options = { overrides: [{ entryId: entry, points: 0 }], exclude: [] };
    const at = events[events.length - 3]!.position;
    const fold = checkpoints.foldAsOf(events[0]!.streamId, events, 'Q1', at);
    expect(canonicalJson(whatIfYearFold(fold, 'Q1', options))).toBe(
      canonicalJson(whatIf(events, 'Q1', { ...options, upToPosition: at })),
    );
    expect(asOf(checkpoints, events, 'Q1', at)).toBe(evaluated(events, 'Q1', at));
  });

  it('folds on from the checkpoints of a shorter array sharing its events, not of a stream read again', () => {
    const events = realisticYear().events;
    const half = events.slice(0, Math.floor(events.length / 2));
    const checkpoints = new FoldCheckpoints(4);
    expect(asOf(checkpoints, half, 'Q1')).toBe(evaluated(half, 'Q1'));
    expect(asOf(checkpoints, events, 'Q1')).toBe(evaluated(events, 'Q1'));
    // Read again: new objects, and an early score now counts otherwise (a stale checkpoint would not see it).
    const dataOf = (e: EvaluatorEvent) => e.data as Record<string, unknown>;
    // A score the final Q1 ranking counts as recorded (never corrected).
    const counted = new Map(
      evaluateRanking(events, 'Q1').rows.flatMap((r) => r.criteria.map((c) => [c.entryId, c.points])),
    );
    const i = events.findIndex(
      (e) =>
        e.type === 'ScoreRecorded' && counted.get(dataOf(e)['entryId'] as string) === dataOf(e)['points'],
    );
    const reread = events.map((e, n) => ({ ...e, data: { ...dataOf(e), ...(n === i && { points: 0 }) } }));
    expect(evaluated(reread, 'Q1')).not.toBe(evaluated(events, 'Q1'));
    expect(asOf(checkpoints, reread, 'Q1')).toBe(evaluated(reread, 'Q1'));
  });

  it('keeps at most 64 checkpoints, evicting the pairs asked least recently, never the one just asked', () => {
    const events = realisticYear().events;
    const streamId = events[0]!.streamId;
    const few = new FoldCheckpoints(100);
    few.foldAsOf(streamId, events, 'Q1');
    const q1 = few.held();
    few.foldAsOf(streamId, events, 'Q2');
    expect(few.held()).toBe(2 * q1); // both kept: within the bound
    const many = new FoldCheckpoints(2);
    many.foldAsOf(streamId, events, 'Q1');
    expect(many.held()).toBe(Math.floor(events.length / 2)); // over the bound, but the one just asked
    many.foldAsOf(streamId, events, 'Q2', events[100]!.position);
    expect(many.held()).toBe(50); // Q1's went
    expect(asOf(many, events, 'Q1')).toBe(evaluated(events, 'Q1'));
  });
});
