import { canonicalJson } from '../canonical-json.js';
import { ey, organizer, UNITS } from '../testing/fixtures.js';
import { startedLedger } from '../testing/ledger.js';
import {
  evaluateRanking,
  explainRanking,
  explainYearFold,
  foldYearEvent,
  initialYearFold,
  openedPeriods,
  periodPosition,
  rankingStamp,
  rankYearFold,
  whatIf,
  whatIfYearFold,
  type YearFold,
} from './evaluate.js';
import type { EvaluatorEvent, ExplainedRanking } from './evaluator.types.js';
import { realisticYear } from '../testing/realistic-year.js';
import { stateOf } from './year-fold.js';
import { foldYearLog, yearLog } from './year-log.js';
import {
  referenceEvaluateRanking,
  referenceExplainRanking,
  referenceWhatIf,
} from '../testing/reference-evaluator.js';

// The periods the stream opens, and one it never opens (the others behave like it).
const periods = ['Q1', 'Q2', 'H1', 'Y'] as const;

describe('evaluator: the incremental year fold', () => {
  // Built per test (not at describe level) so the mutation run attributes coverage to each test.
  let events: EvaluatorEvent[];
  beforeEach(() => {
    events = realisticYear().events;
  });

  it('plays a stream with what the evaluator distinguishes', () => {
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'ScoreCorrected',
      'ScoreWithdrawn',
      'PeriodClosed',
      'PeriodReopened',
      'DisputeFiled',
      'DisputeResolved',
      'UnitWithdrawn',
      'ScoringSchemeAmended',
      'BallotCast',
    ])
      expect(types).toContain(type);
    const final = evaluateRanking(events, 'Q1');
    expect(final.status).toBe('closed');
    expect(final.ignoredEntries.map((i) => i.reason)).toContain('unit-not-member');
    expect(evaluateRanking(events, 'Q2').ignoredEntries.map((i) => i.reason)).toContain(
      'criterion-not-in-scheme',
    );
    // …and what issue 13 added: knock-outs (one cleared), an appraisal, rows left unclassified.
    const q2 = evaluateRanking(events, 'Q2');
    const capped = q2.rows.filter((r) => r.cappedBy).map((r) => [r.unitId, r.cappedBy!.map((c) => c.effect)]);
    expect(capped).toEqual(
      expect.arrayContaining([
        [UNITS.ngoaiTuyen.id, ['cap-classification']],
        [UNITS.anm.id, ['bar-rank-1']],
      ]),
    );
    expect(capped).toHaveLength(2);
    expect(q2.rows.flatMap((r) => r.criteria).some((c) => c.source === 'appraisal')).toBe(true);
    expect(q2.rows.some((r) => r.unclassified)).toBe(true);
    expect(q2.acceptedIncomplete?.unitIds.length).toBeGreaterThan(0);
    expect(q2.disputedBy).toEqual(['kn-q2']);
    expect(final.disputedBy).toBeUndefined(); // kn-q1 was resolved
  });

  it('folded event by event, ranks every prefix exactly as the whole-array evaluator and the reference do', () => {
    const fold = initialYearFold(events[0]!.streamId);
    const untraced = initialYearFold(events[0]!.streamId, { trace: false });
    for (let n = 1; n <= events.length; n++) {
      const prefix = events.slice(0, n);
      foldYearEvent(fold, events[n - 1]!);
      foldYearEvent(untraced, events[n - 1]!);
      expect(fold).toMatchObject({
        count: n,
        revision: events[n - 1]!.revision,
        position: events[n - 1]!.position,
        lastEventId: events[n - 1]!.eventId,
      });
      for (const period of periods) {
        const incremental = canonicalJson(explainYearFold(fold, period));
        expect({ n, period, json: incremental }).toEqual({
          n,
          period,
          json: canonicalJson(referenceExplainRanking(prefix, period)),
        });
        expect(canonicalJson(explainRanking(prefix, period))).toBe(incremental);
        const plain = canonicalJson(rankYearFold(fold, period));
        expect(plain).toBe(canonicalJson(referenceEvaluateRanking(prefix, period)));
        expect(plain).toBe(canonicalJson(evaluateRanking(prefix, period)));
        // Without the chains (what the projection keeps), the ranking is the same.
        expect(canonicalJson(rankYearFold(untraced, period))).toBe(plain);
      }
    }
  });

  it('a fold scoped to one period (only) ranks it as the whole fold does, at every prefix, and no other', () => {
    const whole = initialYearFold(events[0]!.streamId, { trace: true });
    const scoped = periods.map((only) => ({
      only,
      fold: initialYearFold(events[0]!.streamId, { trace: true, only }),
    }));
    let skipped = 0;
    for (const e of events) {
      foldYearEvent(whole, e);
      for (const { only, fold } of scoped) {
        foldYearEvent(fold, e);
        const named = (e.data as { period?: string }).period;
        if (named !== undefined && named !== only) skipped += 1;
        expect(fold).toMatchObject({
          count: whole.count,
          position: whole.position,
          revision: whole.revision,
        });
        expect({ at: e.position, only, json: canonicalJson(explainYearFold(fold, only)) }).toEqual({
          at: e.position,
          only,
          json: canonicalJson(explainYearFold(whole, only)),
        });
      }
    }
    expect(skipped).toBeGreaterThan(events.length); // other periods' events were really left out
    const q1 = scoped[0]!.fold;
    expect(() => rankYearFold(q1, 'Q2')).toThrow(expect.objectContaining({ code: 'FOLD_SCOPED' }));
  });

  it('entries, folded from events or from a year log, are made by one constructor: no object literal V8 would pretenure', () => {
    const fold = initialYearFold(events[0]!.streamId, { trace: false });
    for (const e of events) foldYearEvent(fold, e);
    const entries = (f: YearFold) =>
      [...stateOf(f).periods.values()].flatMap((p) => [...(p.columns ?? p.entries).values()]);
    const fromLog = entries(foldYearLog(yearLog(events), 'Q1'));
    expect(fromLog.length).toBeGreaterThan(0);
    const prototypes = new Set([...entries(fold), ...fromLog].map((entry) => Object.getPrototypeOf(entry)));
    expect(prototypes.size).toBe(1);
    expect(prototypes.has(Object.prototype)).toBe(false);
  });

  it('rankingStamp: while it stays the same, the ranking stays the same but for its position', () => {
    const fold = initialYearFold(events[0]!.streamId, { trace: false });
    const previous = new Map<string, { stamp: number; json: string }>();
    let kept = 0;
    let changed = 0;
    for (const e of events) {
      foldYearEvent(fold, e);
      for (const period of periods) {
        const stamp = rankingStamp(fold, period);
        const { position: _position, ...ranking } = rankYearFold(fold, period);
        const json = canonicalJson(ranking);
        const before = previous.get(period);
        if (before && before.stamp === stamp) {
          expect({ at: e.position, period, json }).toEqual({ at: e.position, period, json: before.json });
          kept += 1;
        } else if (before) changed += 1;
        previous.set(period, { stamp, json });
      }
    }
    // Both cases happen in this stream (ballots, pledges, other periods' events keep it).
    expect(kept).toBeGreaterThan(50);
    expect(changed).toBeGreaterThan(50);
  });

  it('gives the same JSON text (key order included) as the reference', () => {
    for (const period of ['Q1', 'Q2', 'H1', 'Y'] as const) {
      expect(JSON.stringify(evaluateRanking(events, period))).toBe(
        JSON.stringify(referenceEvaluateRanking(events, period)),
      );
      expect(JSON.stringify(explainRanking(events, period))).toBe(
        JSON.stringify(referenceExplainRanking(events, period)),
      );
    }
  });

  it('a ranking taken from the fold does not change when more events are folded', () => {
    const fold = initialYearFold(events[0]!.streamId);
    const taken: Array<{ ranking: ExplainedRanking; json: string }> = [];
    for (const e of events) {
      foldYearEvent(fold, e);
      const ranking = explainYearFold(fold, 'Q1');
      taken.push({ ranking, json: JSON.stringify(ranking) });
    }
    for (const { ranking, json } of taken) expect(JSON.stringify(ranking)).toBe(json);
  });

  it('what-if on the fold equals the reference, as of several positions', () => {
    const q1 = evaluateRanking(events, 'Q1');
    const entryId = q1.rows[0]!.criteria[0]!.entryId;
    const excluded = q1.rows[1]!.criteria[1]!.entryId;
    for (const upToPosition of [undefined, ...events.filter((_, i) => i % 17 === 0).map((e) => e.position)]) {
      const options = {
        ...(upToPosition !== undefined && { upToPosition }),
        overrides: [{ entryId, points: 1 }],
        exclude: [excluded],
      };
      let expected: string;
      try {
        expected = canonicalJson(referenceWhatIf(events, 'Q1', options));
      } catch (error) {
        expected = `throws ${(error as { code?: string }).code}`;
      }
      let actual: string;
      try {
        actual = canonicalJson(whatIf(events, 'Q1', options));
      } catch (error) {
        actual = `throws ${(error as { code?: string }).code}`;
      }
      expect({ upToPosition, actual }).toEqual({ upToPosition, actual: expected });
    }
    const fold = initialYearFold(events[0]!.streamId);
    events.forEach((e) => foldYearEvent(fold, e));
    expect(canonicalJson(whatIfYearFold(fold, 'Q1', { overrides: [{ entryId, points: 1 }] }))).toBe(
      canonicalJson(referenceWhatIf(events, 'Q1', { overrides: [{ entryId, points: 1 }] })),
    );
  });

  it('periodPosition: ranking the fold there equals ranking the stream up to the last event of the period', () => {
    const fold = initialYearFold(events[0]!.streamId);
    events.forEach((e, i) => {
      foldYearEvent(fold, e);
      if (i % 5 !== 0 && i !== events.length - 1) return;
      const prefix = events.slice(0, i + 1);
      for (const period of openedPeriods(fold)) {
        const at = periodPosition(fold, period);
        const concerning = prefix.filter((x) => {
          const named = (x.data as { period?: string }).period;
          return named === undefined || named === period;
        });
        expect(at).toBe(concerning.at(-1)!.position);
        expect(canonicalJson({ ...rankYearFold(fold, period), position: at })).toBe(
          canonicalJson(
            referenceEvaluateRanking(
              prefix.filter((x) => x.position <= at),
              period,
            ),
          ),
        );
      }
    });
    expect(openedPeriods(fold)).toEqual(['Q1', 'Q2', 'H1']);
  });

  it('refuses a stream that is not a cluster-year, another stream, and events out of order', () => {
    expect(() => initialYearFold('unit-x')).toThrow(
      expect.objectContaining({ code: 'NOT_AN_EMULATION_STREAM' }),
    );
    const l = startedLedger();
    l.run(ey('OpenPeriod', organizer, { period: 'Q2' }));
    const fold = initialYearFold(l.streamId);
    const [a, b] = [l.events[0]!, l.events[1]!];
    foldYearEvent(fold, b);
    expect(() => foldYearEvent(fold, a)).toThrow(expect.objectContaining({ code: 'EVENT_OUT_OF_ORDER' }));
    const other: EvaluatorEvent = { ...a, streamId: 'emulation-bca-cum-7-2021', position: 10_000 };
    expect(() => foldYearEvent(fold, other)).toThrow(expect.objectContaining({ code: 'MIXED_STREAMS' }));
    expect(() => rankYearFold(fold, 'Q9' as 'Q1')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD' }),
    );
    const untraced = initialYearFold(l.streamId, { trace: false });
    expect(untraced.traced).toBe(false);
    expect(() => explainYearFold(untraced, 'Q1')).toThrow(
      expect.objectContaining({ code: 'FOLD_NOT_TRACED' }),
    );
    expect(UNITS.anm.id).toBeDefined();
  });
});
