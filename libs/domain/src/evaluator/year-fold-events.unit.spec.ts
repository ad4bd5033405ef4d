/**
 * The year fold event by event, on small streams built by hand (testing/played-year.ts, not through the
 * decider): what each event
 * changes and what it leaves alone — the ranking stamp, revisions after the seal, open complaints, the
 * explain chain, releases and scheme versions, and events that name nothing the fold knows — and the
 * events an evaluation takes in (fold.ts).
 */
import type { PeriodCode } from '../periods.js';
import { emulationStream } from '../streams.js';
import { organizer, scheme, UNIT_IDS, UNITS, YEAR } from '../testing/fixtures.js';
import { close, errorOf, record, started, STREAM } from '../testing/played-year.js';
import {
  evaluateRanking,
  explainRanking,
  explainYearFold,
  foldYearEvent,
  initialYearFold,
  isReleased,
  openedPeriods,
  periodPosition,
  rankingStamp,
  rankYearFold,
  releasePeriod,
  stripExplain,
  whatIf,
  type YearFold,
} from './evaluate.js';
import { canonicalJson } from '../canonical-json.js';
import type { ChainLink, EvaluatorEvent } from './evaluator.types.js';
import { foldEvents, selectEvents } from './fold.js';

const anm = UNITS.anm.id;

function chainOf(fold: YearFold, entryId: string): ChainLink[] {
  for (const row of explainYearFold(fold, 'Q1').rows)
    for (const c of row.explain) for (const e of c.entries) if (e.entryId === entryId) return e.chain;
  throw new Error(`no entry ${entryId}`);
}

describe('year fold: a new fold', () => {
  it('starts before any event, and refuses a stream id that is not one at all', () => {
    expect(initialYearFold(STREAM)).toMatchObject({ count: 0, revision: -1, position: 0, held: 0 });
    expect(errorOf(() => initialYearFold('no stream here'))?.code).toBe('NOT_AN_EMULATION_STREAM');
  });
});

describe('year fold: what moves the ranking stamp', () => {
  it('moves on a score, a finding, its clearing, a complaint’s escalation and a reopening, not on a filed dispute', () => {
    const play = started();
    play.add('ComplaintFiled', {
      complaintId: 'kn-1',
      target: { kind: 'ranking', period: 'Q1' },
      period: 'Q1',
    });
    expect(play.moves('Q1', 'ScoreRecorded', record('e-2', 40, { criterion: 'chuyen-mon' }))).toBe(true);
    expect(
      play.moves('Q1', 'FindingRecorded', {
        findingId: 'f-1',
        unitId: anm,
        period: 'Q1',
        knockOut: 'ko',
        evidence: 'Biên bản',
      }),
    ).toBe(true);
    expect(play.moves('Q1', 'FindingCleared', { findingId: 'f-1', period: 'Q1' })).toBe(true);
    expect(play.moves('Q1', 'ComplaintEscalated', { complaintId: 'kn-1', period: 'Q1' })).toBe(true);
    expect(
      play.moves('Q1', 'DisputeFiled', { disputeId: 'd-1', entryId: 'e-1', period: 'Q1', reason: 'Sai' }),
    ).toBe(false);
    play.add('PeriodClosed', close('Q1'));
    expect(play.moves('Q1', 'PeriodReopened', { period: 'Q1', reason: 'Rà soát' })).toBe(true);
  });

  it('moves a closed period’s stamp when the scheme version it sealed is folded again, not for a new version', () => {
    const play = started();
    play.add('PeriodClosed', close('Q1'));
    expect(play.moves('Q1', 'ScoringSchemeAmended', { version: 2, ...scheme, reason: 'Bổ sung' })).toBe(
      false,
    );
    expect(play.moves('Q1', 'ScoringSchemePublished', { version: 1, ...scheme })).toBe(true);
  });

  it('leaves the stamp of every period alone for an event of a type no ranking reads, while naming its period', () => {
    const play = started();
    const stamp = rankingStamp(play.fold, 'Q1');
    const e = play.add('InspectionAssigned', {
      period: 'Q1',
      inspectedUnitId: anm,
      inspectorUnitId: UNITS.ktnv.id,
    });
    expect(rankingStamp(play.fold, 'Q1')).toBe(stamp);
    expect(play.fold.count).toBe(play.events.length);
    expect(periodPosition(play.fold, 'Q1')).toBe(e.position);
  });
});

describe('year fold: events naming nothing the fold knows', () => {
  it('counts an event naming an unknown period, which concerns no period', () => {
    const play = started();
    const last = play.events.at(-1)!.position;
    play.add('ScoreRecorded', record('e-9', 5, { period: 'Q9' }));
    expect(play.fold.count).toBe(play.events.length);
    expect(periodPosition(play.fold, 'Q9' as PeriodCode)).toBe(play.events[UNIT_IDS.length]!.position);
    expect(periodPosition(play.fold, 'Q1')).toBe(last);
  });

  it('answers for a period no event named', () => {
    const play = started();
    expect(isReleased(play.fold, 'Y')).toBe(false);
    expect(periodPosition(play.fold, 'Y')).toBe(play.events[UNIT_IDS.length]!.position); // the scheme
  });

  it('does not list a period named only by events that do not open it, nor revise it', () => {
    const play = started();
    play.add('DisputeFiled', { disputeId: 'd-1', entryId: 'x', period: 'Q3', reason: 'Sai' });
    expect(openedPeriods(play.fold)).toEqual(['Q1', 'Q2']);
    expect(rankYearFold(play.fold, 'Q3')).toMatchObject({ status: 'not-opened', revisedBy: [] });
  });

  it('ignores corrections, withdrawals, disputes and clearings of entries and findings it never saw', () => {
    for (const trace of [true, false]) {
      const play = started(trace);
      const before = JSON.stringify(rankYearFold(play.fold, 'Q1').rows);
      const q1 = { period: 'Q1', entryId: 'nope', reason: 'Sai' };
      play.add('ScoreCorrected', { ...q1, points: 1, previousPoints: 2 });
      play.add('ScoreWithdrawn', q1);
      play.add('DisputeFiled', { ...q1, disputeId: 'd-1' });
      play.add('DisputeResolved', { ...q1, disputeId: 'd-1', outcome: 'upheld' });
      play.add('FindingCleared', { findingId: 'nope', period: 'Q1' });
      expect(JSON.stringify(rankYearFold(play.fold, 'Q1').rows)).toBe(before);
    }
  });

  it('keeps no chain on an untraced fold, whatever happens to the entries', () => {
    const play = started(false);
    play.add('ScoreCorrected', {
      period: 'Q1',
      entryId: 'e-1',
      points: 20,
      previousPoints: 28,
      reason: 'Sai',
    });
    play.add('ScoreWithdrawn', { period: 'Q1', entryId: 'e-1', reason: 'Rút' });
    expect(rankYearFold(play.fold, 'Q1').rows.find((r) => r.unitId === anm)?.total).toBe(0);
    expect(errorOf(() => explainYearFold(play.fold, 'Q1'))).toMatchObject({
      code: 'FOLD_NOT_TRACED',
      status: 'unprocessable',
    });
  });
});

describe('year fold: complaints on the ranking', () => {
  it('lists a complaint on the ranking while it is open, again once escalated; never one about a score entry', () => {
    const play = started();
    const disputedBy = () => rankYearFold(play.fold, 'Q1').disputedBy;
    play.add('ComplaintFiled', {
      complaintId: 'kn-e',
      target: { kind: 'score-entry', entryId: 'e-1' },
      period: 'Q1',
    });
    play.add('ComplaintFiled', {
      complaintId: 'kn-r',
      target: { kind: 'ranking', period: 'Q1' },
      period: 'Q1',
    });
    expect(disputedBy()).toEqual(['kn-r']);
    for (const complaintId of ['kn-e', 'kn-r'])
      play.add('ComplaintResolved', { complaintId, level: 1, outcome: 'rejected', period: 'Q1' });
    expect(disputedBy()).toBeUndefined();
    for (const complaintId of ['kn-e', 'kn-r'])
      play.add('ComplaintEscalated', { complaintId, level: 2, period: 'Q1' });
    expect(disputedBy()).toEqual(['kn-r']);
  });
});

describe('year fold: what revises a closed period', () => {
  it('a correction does; a filed dispute or a complaint’s escalation does not', () => {
    const play = started();
    play.add('ComplaintFiled', {
      complaintId: 'kn-r',
      target: { kind: 'ranking', period: 'Q1' },
      period: 'Q1',
    });
    play.add('PeriodClosed', close('Q1'));
    play.add('DisputeFiled', { disputeId: 'd-1', entryId: 'e-1', period: 'Q1', reason: 'Sai' });
    play.add('ComplaintEscalated', { complaintId: 'kn-r', level: 2, period: 'Q1' });
    expect(rankYearFold(play.fold, 'Q1')).toMatchObject({ status: 'closed', revisedBy: [] });
    const corrected = play.add('ScoreCorrected', {
      period: 'Q1',
      entryId: 'e-1',
      points: 20,
      previousPoints: 28,
      reason: 'Sai',
    });
    expect(rankYearFold(play.fold, 'Q1')).toMatchObject({
      status: 'revised',
      revisedBy: [{ eventId: corrected.eventId, position: corrected.position, type: 'ScoreCorrected' }],
    });
  });

  it('a score, a finding and its clearing recorded after the seal each do', () => {
    const finding = { findingId: 'f-1', unitId: anm, period: 'Q1', knockOut: 'ko', evidence: 'Biên bản' };
    for (const [type, data] of [
      ['ScoreRecorded', record('e-2', 40, { criterion: 'chuyen-mon' })],
      ['FindingRecorded', finding],
      ['FindingCleared', { findingId: 'f-0', period: 'Q1' }],
    ] as const) {
      const play = started();
      play.add('FindingRecorded', { ...finding, findingId: 'f-0' });
      play.add('PeriodClosed', close('Q1'));
      const late = play.add(type, data);
      expect(rankYearFold(play.fold, 'Q1').revisedBy).toEqual([
        { eventId: late.eventId, position: late.position, type },
      ]);
    }
  });
});

describe('year fold: the order of events', () => {
  it('refuses an event from before the last one folded, not one at the same position', () => {
    const play = started();
    const last = play.events.at(-1)!;
    const early = { ...play.event('ScoreRecorded', record('e-2', 1)), position: last.position - 1 };
    expect(errorOf(() => foldYearEvent(play.fold, early))?.code).toBe('EVENT_OUT_OF_ORDER');
    foldYearEvent(play.fold, { ...early, position: last.position });
    expect(play.fold.position).toBe(last.position);
  });
});

describe('year fold: releases and scheme versions', () => {
  it('folds a scheme version again when nothing is released', () => {
    const play = started();
    play.add('PeriodClosed', close('Q1'));
    expect(errorOf(() => play.add('ScoringSchemePublished', { version: 1, ...scheme }))).toBeUndefined();
  });

  it('after a release, folds membership and a new version, and refuses the sealed version (409) untouched', () => {
    const play = started();
    play.add('PeriodClosed', close('Q1'));
    expect(releasePeriod(play.fold, 'Q1')).toBe(true);
    play.add('UnitAdmitted', { unitId: 'ca-moi' });
    play.add('ScoringSchemeAmended', { version: 2, ...scheme, reason: 'Bổ sung' });
    const count = play.fold.count;
    const refused = errorOf(() =>
      foldYearEvent(play.fold, play.event('ScoringSchemePublished', { version: 1, ...scheme })),
    );
    expect(refused).toMatchObject({ code: 'FOLD_RELEASED', status: 'conflict' });
    expect(play.fold.count).toBe(count);
  });

  it('refuses, after a release, a version a closed period sealed though the fold never saw it published', () => {
    const play = started();
    play.add('PeriodClosed', close('Q1', 5));
    expect(releasePeriod(play.fold, 'Q1')).toBe(true);
    expect(errorOf(() => play.add('ScoringSchemePublished', { version: 5, ...scheme }))?.code).toBe(
      'FOLD_RELEASED',
    );
  });
});

describe('year fold: the chain explain shows', () => {
  it('writes on each link only what its event carries', () => {
    const play = started();
    play.add('ScoreRecorded', record('e-2', 40, { criterion: 'chuyen-mon', evidence: 'Báo cáo 12/BC' }));
    play.add('ScoreCorrected', {
      period: 'Q1',
      entryId: 'e-1',
      points: 27,
      previousPoints: 28,
      reason: 'Sai',
    });
    play.add('DisputeFiled', { disputeId: 'd-1', entryId: 'e-1', period: 'Q1', reason: 'Thiếu' });
    play.add('DisputeResolved', {
      disputeId: 'd-1',
      entryId: 'e-1',
      period: 'Q1',
      outcome: 'rejected',
      reason: 'Đúng',
    });
    play.add('ScoreWithdrawn', { period: 'Q1', entryId: 'e-2', reason: 'Trùng' });
    const at = (e: EvaluatorEvent) => ({
      eventId: e.eventId,
      position: e.position,
      revision: e.revision,
      actor: organizer,
      at: '2021-04-01T08:00:00.000Z',
    });
    const [e2, corrected, filed, resolved, withdrawn] = play.events.slice(-5);
    expect(chainOf(play.fold, 'e-1').slice(1)).toStrictEqual([
      {
        kind: 'corrected',
        ...at(corrected!),
        effectiveDate: null,
        points: 27,
        previousPoints: 28,
        reason: 'Sai',
      },
      { kind: 'dispute-filed', ...at(filed!), effectiveDate: null, disputeId: 'd-1', reason: 'Thiếu' },
      {
        kind: 'dispute-resolved',
        ...at(resolved!),
        effectiveDate: null,
        disputeId: 'd-1',
        outcome: 'rejected',
        reason: 'Đúng',
      },
    ]);
    expect(chainOf(play.fold, 'e-2')).toStrictEqual([
      {
        kind: 'recorded',
        ...at(e2!),
        effectiveDate: '2021-04-01',
        points: 40,
        evidence: 'Báo cáo 12/BC',
      },
      { kind: 'withdrawn', ...at(withdrawn!), effectiveDate: null, reason: 'Trùng' },
    ]);
    expect(Object.keys(chainOf(play.fold, 'e-1')[0]!)).not.toContain('evidence');
  });
});

describe('evaluator: the events in scope and the view of a period (fold.ts)', () => {
  it('refuses no events (404), and an event of another stream even past the position asked', () => {
    expect(errorOf(() => evaluateRanking([], 'Q1'))).toMatchObject({
      code: 'NO_EVENTS',
      status: 'not-found',
    });
    const play = started();
    const last = play.events.at(-1)!;
    const stranger = { ...last, streamId: emulationStream('bca-cum-9', YEAR), position: last.position + 10 };
    for (const fn of [
      () => evaluateRanking([...play.events, stranger], 'Q1', { upToPosition: last.position }),
      () => selectEvents([...play.events, stranger], {}),
    ])
      expect(errorOf(fn)).toMatchObject({ code: 'MIXED_STREAMS', status: 'unprocessable' });
  });

  it('takes a position from 0 and an ISO time, refusing others with the field that is wrong', () => {
    const play = started();
    expect(evaluateRanking(play.events, 'Q1', { upToPosition: 0 })).toMatchObject({
      status: 'not-opened',
      rows: [],
    });
    for (const upToPosition of [-1, 1.5])
      expect(errorOf(() => evaluateRanking(play.events, 'Q1', { upToPosition }))).toMatchObject({
        code: 'INVALID_POSITION',
        field: 'upToPosition',
      });
    expect(errorOf(() => evaluateRanking(play.events, 'Q1', { upToTime: 'hôm qua' }))?.field).toBe(
      'upToTime',
    );
  });

  it('keeps, as of a business date, the events that carry none', () => {
    const play = started(); // members and openings carry no effectiveDate here
    expect(evaluateRanking(play.events, 'Q1', { upToEffectiveDate: '2021-04-01' }).rows).toHaveLength(5);
  });

  it('folds traced only when asked', () => {
    const { events } = started();
    expect(foldEvents(events, {}, false).traced).toBe(false);
    expect(foldEvents(events, {}, true).traced).toBe(true);
  });

  it('lists the open complaints on the ranking by id', () => {
    const play = started();
    for (const complaintId of ['kn-b', 'kn-a'])
      play.add('ComplaintFiled', { complaintId, target: { kind: 'ranking', period: 'Q1' }, period: 'Q1' });
    expect(rankYearFold(play.fold, 'Q1').disputedBy).toEqual(['kn-a', 'kn-b']);
  });

  it('refuses to rank a released period (409)', () => {
    const play = started();
    play.add('PeriodClosed', close('Q1'));
    releasePeriod(play.fold, 'Q1');
    expect(errorOf(() => rankYearFold(play.fold, 'Q1'))).toMatchObject({
      code: 'FOLD_RELEASED',
      status: 'conflict',
    });
  });
});

describe('evaluator: explain and what-if over the fold (evaluate.ts)', () => {
  it('stripExplain gives back the ranking explain started from', () => {
    const play = started();
    play.add('ScoreRecorded', record('e-2', 40, { criterion: 'chuyen-mon' }));
    expect(canonicalJson(stripExplain(explainRanking(play.events, 'Q1')))).toBe(
      canonicalJson(evaluateRanking(play.events, 'Q1')),
    );
  });

  it('what-if lists a row whose classification alone changes (an entry of 0 points left out)', () => {
    const play = started(); // e-1: xd-dang 28
    play.add('ScoreRecorded', record('e-2', 50, { criterion: 'chuyen-mon' }));
    play.add('ScoreRecorded', record('e-3', 0, { criterion: 'phong-trao' }));
    const { actual, hypothetical, diff } = whatIf(play.events, 'Q1', { exclude: ['e-3'] });
    const before = actual.rows.find((r) => r.unitId === anm)!;
    expect(hypothetical.rows.find((r) => r.unitId === anm)).toMatchObject({
      total: before.total,
      rank: before.rank,
      classification: null,
      unclassified: 'chưa đủ điểm',
    });
    expect(diff).toEqual([
      {
        unitId: anm,
        totalBefore: 78,
        totalAfter: 78,
        rankBefore: 1,
        rankAfter: 1,
        classificationBefore: 'tot',
        classificationAfter: null,
      },
    ]);
  });
});
