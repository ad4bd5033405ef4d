import {
  canonicalJson,
  evaluateRanking,
  rankYearFold,
  whatIf,
  whatIfYearFold,
  type EvaluatorEvent,
} from '@thidua/domain';
import { realisticYear } from '@thidua/domain/testing';
import { YearLogs } from './year-logs.js';

// The periods the realistic year opens, and one it never opens.
const PERIODS = ['Q1', 'Q2', 'H1', 'Y'] as const;
type Period = (typeof PERIODS)[number];

const asOf = (logs: YearLogs, events: readonly EvaluatorEvent[], period: Period, at?: number) =>
  canonicalJson(
    rankYearFold(
      logs.foldAsOf(events[0]!.streamId, events, period, at === undefined ? {} : { upToPosition: at }),
      period,
    ),
  );
const evaluated = (events: readonly EvaluatorEvent[], period: Period, at?: number) =>
  canonicalJson(evaluateRanking(events, period, at === undefined ? {} : { upToPosition: at }));

describe('YearLogs', () => {
  it('ranks every cut as the evaluator does over the array, whatever order the cuts are asked in', () => {
    const events = realisticYear().events;
    const positions = [0, ...events.map((e) => e.position)];
    const jumbled = positions.map((_, i) => positions[(i * 37) % positions.length]!);
    const logs = new YearLogs();
    for (const period of PERIODS)
      for (const at of [...[...positions].reverse(), ...jumbled, undefined])
        expect({ period, at, json: asOf(logs, events, period, at) }).toEqual({
          period,
          at,
          json: evaluated(events, period, at),
        });
  });

  it('answers a what-if as the evaluator does', () => {
    const events = realisticYear().events;
    const logs = new YearLogs();
    const entry = evaluateRanking(events, 'Q1').rows[0]!.criteria[0]!.entryId;
    const options = { overrides: [{ entryId: entry, points: 0 }], exclude: [] };
    const at = events[events.length - 3]!.position;
    const fold = logs.foldAsOf(events[0]!.streamId, events, 'Q1', { upToPosition: at });
    expect(canonicalJson(whatIfYearFold(fold, 'Q1', options))).toBe(
      canonicalJson(whatIf(events, 'Q1', { ...options, upToPosition: at })),
    );
  });

  it('extends the log of a shorter array sharing its events, and makes it again for a stream read again', () => {
    const events = realisticYear().events;
    const half = events.slice(0, Math.floor(events.length / 2));
    const logs = new YearLogs();
    expect(asOf(logs, half, 'Q1')).toBe(evaluated(half, 'Q1'));
    expect(asOf(logs, events, 'Q1')).toBe(evaluated(events, 'Q1'));
    // Read again: new objects, and an early score now counts otherwise (a stale log would not see it).
    const dataOf = (e: EvaluatorEvent) => e.data as Record<string, unknown>;
    const counted = new Map(
      evaluateRanking(events, 'Q1').rows.flatMap((r) => r.criteria.map((c) => [c.entryId, c.points])),
    );
    const i = events.findIndex(
      (e) =>
        e.type === 'ScoreRecorded' && counted.get(dataOf(e)['entryId'] as string) === dataOf(e)['points'],
    );
    const reread = events.map((e, n) => ({ ...e, data: { ...dataOf(e), ...(n === i && { points: 0 }) } }));
    expect(evaluated(reread, 'Q1')).not.toBe(evaluated(events, 'Q1'));
    expect(asOf(logs, reread, 'Q1')).toBe(evaluated(reread, 'Q1'));
    // …and the shorter array again (a prefix of the kept log, not an extension of it).
    expect(asOf(logs, half, 'Q1')).toBe(evaluated(half, 'Q1'));
  });

  it('keeps logs within the bound on their events, the streams asked least recently evicted, never the one just asked', () => {
    const a = realisticYear().events;
    const renamed = (events: readonly EvaluatorEvent[], to: string): EvaluatorEvent[] =>
      events.map((e) => ({ ...e, streamId: to }));
    const b = renamed(a, a[0]!.streamId.replace(/^emulation-/, 'emulation-b-'));
    const c = renamed(a, a[0]!.streamId.replace(/^emulation-/, 'emulation-c-'));
    const logs = new YearLogs(2 * a.length);
    for (const events of [a, b, a, c]) logs.foldAsOf(events[0]!.streamId, events, 'Q1');
    expect(logs.kept()).toEqual([a[0]!.streamId, c[0]!.streamId]); // b went: asked least recently
    const tiny = new YearLogs(1);
    tiny.foldAsOf(b[0]!.streamId, b, 'Q1');
    expect(tiny.kept()).toEqual([b[0]!.streamId]); // over the bound, but the one just asked
    expect(asOf(tiny, c, 'Q2')).toBe(evaluated(c, 'Q2'));
    expect(tiny.kept()).toEqual([c[0]!.streamId]);
  });
});
