import { canonicalJson } from '../canonical-json.js';
import { DomainError } from '../errors.js';
import type { PeriodCode } from '../periods.js';
import {
  foldYearEvent,
  initialYearFold,
  isReleased,
  openedPeriods,
  rankingStamp,
  rankYearFold,
  releasePeriod,
  type YearFold,
} from './evaluate.js';
import type { EvaluatorEvent, Ranking } from './evaluator.types.js';
import { realisticYear } from '../testing/realistic-year.js';

const withoutPosition = ({ position: _position, ...rest }: Ranking): string => canonicalJson(rest);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return undefined;
}

describe('evaluator: releasing the entries of a closed period', () => {
  // Built per test (not at describe level) so the mutation run attributes coverage to each test.
  let events: EvaluatorEvent[];
  let streamId: string;
  beforeEach(() => {
    events = realisticYear().events;
    streamId = events[0]!.streamId;
  });

  it('a released period keeps its ranking until an event would change it, which the fold refuses untouched', () => {
    // `full` never releases; `lean` releases every closed period as soon as it is ranked (as the projection
    // may), keeping the ranking; when lean refuses an event it is folded again from the start.
    const full = initialYearFold(streamId, { trace: false });
    let lean: YearFold = initialYearFold(streamId, { trace: false });
    const kept = new Map<PeriodCode, { stamp: number; ranking: Ranking }>();
    let refolds = 0;
    let released = 0;
    for (let n = 0; n < events.length; n++) {
      const e = events[n]!;
      foldYearEvent(full, e);
      const before = { count: lean.count, revision: lean.revision, held: lean.held };
      const code = codeOf(() => foldYearEvent(lean, e));
      if (code !== undefined) {
        expect(code).toBe('FOLD_RELEASED');
        expect({ count: lean.count, revision: lean.revision, held: lean.held }).toEqual(before);
        refolds += 1;
        lean = initialYearFold(streamId, { trace: false });
        for (const earlier of events.slice(0, n + 1)) foldYearEvent(lean, earlier);
        kept.clear();
      }
      for (const period of openedPeriods(full)) {
        const stamp = rankingStamp(lean, period);
        const k = kept.get(period);
        if (isReleased(lean, period)) {
          // Nothing that could change the ranking came in since the release: the kept one still holds.
          expect(k?.stamp).toBe(stamp);
          expect(withoutPosition(rankYearFold(full, period))).toBe(withoutPosition(k!.ranking));
          continue;
        }
        const ranking = rankYearFold(lean, period);
        expect(canonicalJson(ranking)).toBe(canonicalJson(rankYearFold(full, period)));
        kept.set(period, { stamp, ranking });
        if (ranking.status !== 'open') {
          const held = lean.held;
          expect(releasePeriod(lean, period)).toBe(true);
          expect(lean.held).toBeLessThan(held);
          released += 1;
        }
      }
    }
    // The stream has late events for closed periods (disputes, a reopening): both paths were taken.
    expect(released).toBeGreaterThan(0);
    expect(refolds).toBeGreaterThan(0);
    expect(lean.held).toBeLessThan(full.held);
    expect(full.held).toBe(full.count); // nothing released: every folded event is held
  });

  it('refuses to rank a released period, and releases only a closed period, once', () => {
    const fold = initialYearFold(streamId, { trace: false });
    for (const e of events) foldYearEvent(fold, e);
    const closed = openedPeriods(fold).filter((p) => rankYearFold(fold, p).status !== 'open');
    const open = openedPeriods(fold).filter((p) => rankYearFold(fold, p).status === 'open');
    expect(closed.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);
    for (const p of open) expect(releasePeriod(fold, p)).toBe(false);
    expect(releasePeriod(fold, 'Y')).toBe(false); // never opened here
    const period = closed[0]!;
    expect(releasePeriod(fold, period)).toBe(true);
    expect(releasePeriod(fold, period)).toBe(false);
    expect(codeOf(() => rankYearFold(fold, period))).toBe('FOLD_RELEASED');
    for (const p of open) expect(rankYearFold(fold, p).period).toBe(p);
  });

  it('refuses a scheme version folded again once a period is released (a closed period reads its version)', () => {
    const fold = initialYearFold(streamId, { trace: false });
    for (const e of events) foldYearEvent(fold, e);
    const published = events.find((e) => e.type === 'ScoringSchemePublished')!;
    const last = events[events.length - 1]!;
    const again: EvaluatorEvent = {
      ...published,
      eventId: 'republished',
      revision: last.revision + 1,
      position: last.position + 1,
    };
    const period = openedPeriods(fold).find((p) => rankYearFold(fold, p).status !== 'open')!;
    expect(releasePeriod(fold, period)).toBe(true);
    const count = fold.count;
    expect(codeOf(() => foldYearEvent(fold, again))).toBe('FOLD_RELEASED');
    expect(fold.count).toBe(count);
  });
});
