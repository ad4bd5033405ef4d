import { canonicalJson } from '../canonical-json.js';
import { realisticYear } from '../testing/realistic-year.js';
import {
  evaluateRanking,
  periodPosition,
  rankingStamp,
  rankYearFold,
  whatIf,
  whatIfYearFold,
} from './evaluate.js';
import type { EvaluatorEvent } from './evaluator.types.js';
import { foldedPeriod, foldEvents } from './fold.js';
import { stateOf, type YearFold } from './year-fold.js';
import { businessDateOf } from '../events/upcast.js';
import { extendYearLog, foldsByColumns, foldYearLog, yearLog, type YearLogCut } from './year-log.js';

// The periods the realistic year opens, and one it never opens.
const PERIODS = ['Q1', 'Q2', 'H1', 'Y'] as const;
type Period = (typeof PERIODS)[number];

/** What a one-period fold holds that a ranking or a caller reads: the ranking, its stamps, the counters. */
function seen(fold: YearFold, period: Period): unknown {
  const s = stateOf(fold);
  return {
    ranking: canonicalJson(rankYearFold(fold, period)),
    stamp: rankingStamp(fold, period),
    periodPosition: periodPosition(fold, period),
    counters: [s.count, s.held, s.revision, s.position, s.lastEventId, s.tick, s.generalStamp, s.lastGeneral],
    entries: [...foldedPeriod(fold, period).entries.values()].map((e) => ({ ...e })),
  };
}

/** The code of the error fn throws; undefined when it throws none. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

const cutAt = (at?: number): YearLogCut => (at === undefined ? {} : { upToPosition: at });
const arrayFold = (events: readonly EvaluatorEvent[], period: Period, at?: number | YearLogCut): YearFold =>
  foldEvents(events, typeof at === 'object' ? at : cutAt(at), false, period);

/**
 * The realistic year, then what it lacks, appended as the store would (new ids, positions and revisions):
 * a Q1 entry recorded again with other points, withdrawn and recorded once more; a correction of an entry
 * no period recorded; Q1 scores after its seal (they revise it); a score naming no period and one naming a
 * period that does not exist; and enough scores to pass the columns' first capacity.
 */
function longYear(): EvaluatorEvent[] {
  const events = realisticYear().events;
  const scoreOf = (period: string) =>
    events.find((e) => e.type === 'ScoreRecorded' && (e.data as { period: string }).period === period)!;
  let last = events[events.length - 1]!;
  const more = (type: string, data: Record<string, unknown>): void => {
    last = {
      ...last,
      type,
      data,
      eventId: `extra-${last.revision + 1}`,
      position: last.position + 3,
      revision: last.revision + 1,
    };
    events.push(last);
  };
  const q1 = scoreOf('Q1').data as Record<string, unknown>;
  more('ScoreRecorded', { ...q1, points: 1 });
  more('ScoreWithdrawn', { entryId: q1['entryId'], period: 'Q1', reason: 'nhầm' });
  more('ScoreRecorded', { ...q1, points: 2 });
  more('ScoreCorrected', {
    entryId: 'never-recorded',
    period: 'Q1',
    points: 3,
    previousPoints: 1,
    reason: 'x',
  });
  more('ScoreRecorded', { ...q1, period: undefined, entryId: 'no-period' });
  more('ScoreRecorded', { ...q1, period: 'Q9', entryId: 'q9' });
  for (let i = 0; i < 1200; i++) {
    const period = PERIODS[i % 3]!;
    const base = scoreOf(period).data as Record<string, unknown>;
    more('ScoreRecorded', { ...base, entryId: `bulk-${i % 400}`, points: (i % 7) / 2 });
    if (i % 5 === 0)
      more('ScoreCorrected', {
        entryId: `bulk-${i % 400}`,
        period,
        points: 1,
        previousPoints: 0,
        reason: 'x',
      });
  }
  return events;
}

/** The log's fold of each period at each cut by position equals the array's (the cut in the message). */
function expectFoldsAsArray(
  events: readonly EvaluatorEvent[],
  positions: readonly (number | undefined)[],
): void {
  const log = yearLog(events);
  expect(foldsByColumns(log)).toBe(true); // by the columns, not the fallback to the objects
  for (const period of PERIODS)
    for (const at of positions)
      expect({ period, at, seen: seen(foldYearLog(log, period, cutAt(at)), period) }).toEqual({
        period,
        at,
        seen: seen(arrayFold(events, period, at), period),
      });
}

describe('year log: one-period folds over columns', () => {
  it('folds every cut of the realistic year as foldEvents does over the array', () => {
    const events = realisticYear().events;
    expectFoldsAsArray(events, [undefined, 0, ...events.map((e) => e.position)]);
  });

  it('folds what the realistic year lacks as the array does: re-records, a score after the seal, odd periods', () => {
    const events = longYear();
    const sealed = evaluateRanking(events, 'Q1');
    expect(sealed.status).toBe('revised'); // the scores after the seal revised the closed Q1
    expectFoldsAsArray(events, [
      undefined,
      ...events.filter((_, i) => i % 13 === 0 || i > events.length - 40).map((e) => e.position),
    ]);
  });

  it('folds every cut by recording time and by business date, alone and with a position, as the array does', () => {
    const events = longYear();
    const log = yearLog(events);
    const times = [...new Set(events.map((e) => e.metadata.occurredAt))];
    const dates = [
      ...new Set(events.map((e) => businessDateOf(e)).filter((d): d is string => d !== null)),
    ].sort();
    expect(dates.length).toBeGreaterThan(3); // the year has business dates to cut by
    const cuts: YearLogCut[] = [
      ...times.filter((_, i) => i % 7 === 0).map((upToTime) => ({ upToTime })),
      { upToTime: '2000-01-01T00:00:00.000Z' }, // before every event
      ...['2020-12-31', ...dates].map((upToEffectiveDate) => ({ upToEffectiveDate })),
      ...dates.map((upToEffectiveDate, i) => ({
        upToEffectiveDate,
        upToTime: times[(i * 13) % times.length]!,
        upToPosition: events[(i * 29) % events.length]!.position,
      })),
    ];
    let cutSomething = 0;
    for (const period of PERIODS)
      for (const cut of cuts) {
        const expected = seen(arrayFold(events, period, cut), period);
        expect({ period, cut, seen: seen(foldYearLog(log, period, cut), period) }).toEqual({
          period,
          cut,
          seen: expected,
        });
        if ((expected as { counters: number[] }).counters[0]! < events.length) cutSomething += 1;
      }
    expect(cutSomething).toBeGreaterThan(cuts.length); // the cuts really leave events out
  });

  it('refuses a bad time or date as the array fold does', () => {
    const events = realisticYear().events;
    const log = yearLog(events);
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { field?: string }).field;
      }
      return undefined;
    };
    for (const cut of [{ upToTime: 'hôm qua' }, { upToEffectiveDate: '2021-02-30' }, { upToPosition: -2 }])
      expect(fieldOf(() => foldYearLog(log, 'Q1', cut))).toBe(fieldOf(() => arrayFold(events, 'Q1', cut)));
    expect(fieldOf(() => foldYearLog(log, 'Q1', { upToTime: 'x' }))).toBe('upToTime');
  });

  it('answers a what-if as the evaluator does', () => {
    const events = realisticYear().events;
    const entry = evaluateRanking(events, 'Q1').rows[0]!.criteria[0]!.entryId;
    const options = { overrides: [{ entryId: entry, points: 0 }], exclude: [] };
    const at = events[events.length - 3]!.position;
    expect(
      canonicalJson(whatIfYearFold(foldYearLog(yearLog(events), 'Q1', { upToPosition: at }), 'Q1', options)),
    ).toBe(canonicalJson(whatIf(events, 'Q1', { ...options, upToPosition: at })));
  });

  it('ranks from the columns as from the objects: each ignored reason, overrides, exclusions, refusals', () => {
    const events = longYear();
    let last = events[events.length - 1]!;
    for (const period of PERIODS.slice(0, 3)) {
      const base = events.find(
        (e) => e.type === 'ScoreRecorded' && (e.data as { period: string }).period === period,
      )!.data as Record<string, unknown>;
      for (const odd of [{ unitId: 'không-phải-thành-viên' }, { criterion: 'KHÔNG-CÓ' }, { points: 999 }]) {
        last = {
          ...last,
          type: 'ScoreRecorded',
          data: { ...base, ...odd, entryId: `odd-${last.revision + 1}` },
          eventId: `odd-${last.revision + 1}`,
          position: last.position + 1,
          revision: last.revision + 1,
        };
        events.push(last);
      }
    }
    const log = yearLog(events);
    expect(foldsByColumns(log)).toBe(true);
    const outcome = (fn: () => unknown) => {
      try {
        return canonicalJson(fn());
      } catch (error) {
        const { code, field } = error as { code?: string; field?: string };
        return { code, field };
      }
    };
    const reasons = new Set<string>();
    const cuts = [undefined, ...events.filter((_, i) => i % 97 === 0).map((e) => e.position)];
    for (const period of PERIODS)
      for (const at of cuts) {
        const objects = arrayFold(events, period, at);
        const columns = foldYearLog(log, period, cutAt(at));
        const entries = [...foldedPeriod(objects, period).entries.values()];
        const active = entries.filter((e) => !e.withdrawn);
        const withdrawn = entries.find((e) => e.withdrawn);
        const pick = (n: number) => active[n % Math.max(1, active.length)]?.entryId ?? 'none';
        const askings = [
          {},
          { overrides: [{ entryId: pick(3), points: 0.5 }], exclude: [pick(7), pick(11)] },
          { overrides: [{ entryId: 'bulk-399', points: 1 }] }, // in the fold at some cuts only
          { exclude: ['odd-x'] },
          { overrides: [{ entryId: 'không-có', points: 1 }] }, // an id the log never numbered
          ...(entries[0] ? [{ overrides: [{ entryId: entries[0].entryId, points: 0.25 }] }] : []), // the first
          ...(withdrawn ? [{ overrides: [{ entryId: withdrawn.entryId, points: 1 }] }] : []),
        ];
        for (const options of askings) {
          const expected = outcome(() => whatIfYearFold(objects, period, options));
          expect({
            period,
            at,
            options,
            got: outcome(() => whatIfYearFold(columns, period, options)),
          }).toEqual({
            period,
            at,
            options,
            got: expected,
          });
        }
        for (const i of rankYearFold(objects, period).ignoredEntries) reasons.add(i.reason);
      }
    expect([...reasons].sort()).toEqual(['criterion-not-in-scheme', 'points-above-max', 'unit-not-member']);
  });

  it('keeps a fold to its own entries after its log was extended with new ones', () => {
    const events = longYear();
    // An entry first recorded after the 500th event, within the first columns' capacity (1,024 rows): the
    // extension writes its number into the same tables the fold reads.
    const seen500 = new Set(events.slice(0, 500).map((e) => (e.data as { entryId?: string }).entryId));
    const later = events
      .slice(500, 1000)
      .find((e) => e.type === 'ScoreRecorded' && !seen500.has((e.data as { entryId: string }).entryId))!;
    const { entryId, period } = later.data as { entryId: string; period: Period };
    const before = yearLog(events.slice(0, 500));
    const fold = foldYearLog(before, period);
    const first = [...foldedPeriod(fold, period).entries.values()][0]!.entryId;
    expect(foldedPeriod(fold, period).entries.has(first)).toBe(true); // its lookup table made now
    extendYearLog(before, events.slice(0, 1000));
    const asked = { overrides: [{ entryId, points: 1 }] };
    expect(codeOf(() => whatIfYearFold(fold, period, asked))).toBe('ENTRY_NOT_FOUND');
    expect(codeOf(() => whatIfYearFold(arrayFold(events.slice(0, 500), period), period, asked))).toBe(
      'ENTRY_NOT_FOUND',
    );
    expect(foldedPeriod(fold, period).entries.has(entryId)).toBe(false);
    expect(
      foldedPeriod(foldYearLog(yearLog(events.slice(0, 1000)), period), period).entries.has(entryId),
    ).toBe(true);
  });

  it('grows with the stream: an extended log folds as one made whole, and the log it came from is unchanged', () => {
    const events = longYear();
    const half = events.slice(0, 500);
    const first = yearLog(half);
    const before = seen(foldYearLog(first, 'Q1'), 'Q1');
    // One event at a time: the columns fill up and are copied to larger ones on the way.
    let grown = first;
    for (let n = 501; n <= events.length; n++) grown = extendYearLog(grown, events.slice(0, n));
    // A second extension of the first log may not write over the rows the first extension wrote.
    const other = extendYearLog(first, [
      ...half,
      ...events.slice(500, 600).map((e) => ({ ...e, data: { ...(e.data as object), points: 0 } })),
    ]);
    for (const period of PERIODS) {
      expect(seen(foldYearLog(grown, period), period)).toEqual(seen(arrayFold(events, period), period));
      expect(seen(foldYearLog(other, period), period)).toEqual(seen(arrayFold(other.events, period), period));
    }
    expect(seen(foldYearLog(grown, 'Q1'), 'Q1')).toEqual(seen(foldYearLog(yearLog(events), 'Q1'), 'Q1'));
    expect(seen(foldYearLog(first, 'Q1'), 'Q1')).toEqual(before);
    expect([first, grown, other].map(foldsByColumns)).toEqual([true, true, true]);
  });

  it('takes the objects’ way for a score whose data the columns cannot hold, with the same result', () => {
    const events = realisticYear().events;
    const i = events.findIndex(
      (e) => e.type === 'ScoreRecorded' && (e.data as { period: string }).period === 'Q1',
    );
    expect(foldsByColumns(yearLog(events))).toBe(true);
    for (const field of ['points', 'entryId', 'unitId', 'criterion', 'assessment']) {
      const value = field === 'points' ? '5' : 5;
      const odd = events.map((e, n) =>
        n === i ? { ...e, data: { ...(e.data as object), [field]: value } } : e,
      );
      expect({ field, columns: foldsByColumns(yearLog(odd)) }).toEqual({ field, columns: false });
      for (const period of PERIODS)
        expect(seen(foldYearLog(yearLog(odd), period), period)).toEqual(seen(arrayFold(odd, period), period));
    }
  });

  it('two extensions of one log each keep their own rows, work space and dates', () => {
    const events = longYear();
    const base = events.slice(0, 300);
    // Another continuation of the same 300 events: other points, other times, other entries.
    const other = events.slice(300, 700).map((e, n) => ({
      ...e,
      metadata: { ...e.metadata, occurredAt: new Date(Date.UTC(2021, 0, 1) + n * 60_000).toISOString() },
      data: {
        ...(e.data as object),
        ...((e.data as { entryId?: string }).entryId && { entryId: `other-${n}`, points: 0 }),
        // Dated after every event of the year: a date cut keeps none of them.
        ...('effectiveDate' in (e.data as object) && { effectiveDate: '2021-12-31' }),
      },
    }));
    const dated = events
      .slice(0, 700)
      .map((e) => businessDateOf(e))
      .filter((d): d is string => d !== null);
    const dateCut = { upToEffectiveDate: dated.sort()[Math.floor(dated.length / 2)]! };
    const a = yearLog(base);
    const q1 = (log: ReturnType<typeof yearLog>) => seen(foldYearLog(log, 'Q1'), 'Q1');
    q1(a); // a work space sized for the first 300 events
    const b = extendYearLog(a, events.slice(0, 700)); // within the first columns' capacity: written in place
    const timeCut = { upToTime: events[650]!.metadata.occurredAt };
    q1(b);
    seen(foldYearLog(b, 'Q1', timeCut), 'Q1'); // dates b's rows
    const c = extendYearLog(a, [...base, ...other]); // a second extension of a: copies
    // c's own times, cut in the middle of its new rows (b's times there would keep all or none of them).
    const otherCut = { upToTime: other[200]!.metadata.occurredAt };
    const check = () => {
      for (const [log, all] of [
        [b, events.slice(0, 700)],
        [c, [...base, ...other]],
      ] as const)
        for (const cut of [{}, timeCut, otherCut, dateCut])
          for (const period of PERIODS)
            expect(seen(foldYearLog(log, period, cut), period)).toEqual(
              seen(arrayFold(all, period, cut), period),
            );
    };
    check();
    check(); // again, after c's cuts dated its rows: b's dates are still b's
    expect(q1(a)).toEqual(seen(arrayFold(base, 'Q1'), 'Q1'));
  });

  it('refuses what the fold refuses: no events, another stream, events out of order, a bad position, not an extension', () => {
    const events = realisticYear().events;
    expect(codeOf(() => yearLog([]))).toBe('NO_EVENTS');
    expect(codeOf(() => yearLog([{ ...events[0]!, streamId: 'unit-x' }]))).toBe('NOT_AN_EMULATION_STREAM');
    expect(codeOf(() => yearLog([events[0]!, { ...events[1]!, streamId: 'emulation-bca-cum-7-2021' }]))).toBe(
      'MIXED_STREAMS',
    );
    expect(codeOf(() => yearLog([events[1]!, events[0]!]))).toBe('EVENT_OUT_OF_ORDER');
    const log = yearLog(events.slice(0, 10));
    expect(codeOf(() => foldYearLog(log, 'Q1', { upToPosition: -1 }))).toBe('INVALID_POSITION');
    expect(codeOf(() => foldYearLog(log, 'Q1', { upToPosition: 1.5 }))).toBe('INVALID_POSITION');
    expect(codeOf(() => extendYearLog(log, events.slice(0, 5)))).toBe('NOT_AN_EXTENSION');
    expect(codeOf(() => extendYearLog(log, [...events.slice(0, 9), { ...events[9]! }]))).toBe(
      'NOT_AN_EXTENSION',
    );
    expect(codeOf(() => extendYearLog(log, events))).toBeUndefined();
    // Two events at one position are not out of order for the fold, nor for the log.
    const twin = { ...events[1]!, position: events[0]!.position };
    expect(codeOf(() => foldYearLog(yearLog([events[0]!, twin]), 'Q1'))).toBeUndefined();
    // Out of order at the join: the first new event before the log's last.
    const early = { ...events[10]!, position: events[9]!.position - 1 };
    expect(codeOf(() => extendYearLog(log, [...events.slice(0, 10), early]))).toBe('EVENT_OUT_OF_ORDER');
  });
});
