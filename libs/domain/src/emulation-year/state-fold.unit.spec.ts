import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, DIGEST, ey, organizer, q1Open, scheme, UNITS, yearStarted } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';
import { getEntry } from './emulation-year.state.js';

// What the cluster-year fold keeps for its deciders (emulation-year.state.ts): business dates only when
// an event has one, the latest date a ranking reads, the scheme a closed period is judged by, seats lost
// with a withdrawal, and events about something it does not know changing nothing.
const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const ktnv = UNITS.ktnv.id;
const stateOf = (events: EmulationYearEvent[]) => year.given(events).state;
const score = (entryId: string, effectiveDate?: string, unitId = xnc): EmulationYearEvent => ({
  type: 'ScoreRecorded',
  data: {
    entryId,
    unitId,
    period: 'Q1',
    criterion: 'chuyen-mon',
    assessment: 'self',
    points: 40,
    schemeVersion: 1,
    ...(effectiveDate !== undefined && { effectiveDate }),
  },
});

describe('a new cluster-year', () => {
  it('has no conferences and no plans', () => {
    const s = stateOf([]);
    expect(s.conferences).toStrictEqual([]);
    expect(s.plans).toStrictEqual([]);
  });
});

describe('business dates in the fold', () => {
  it('are kept only when the event carries one', () => {
    const s = stateOf([
      { type: 'UnitAdmitted', data: { unitId: xnc } },
      { type: 'PeriodOpened', data: { period: 'Q1' } },
      {
        type: 'ElectionOpened',
        data: { electionId: 'b-1', role: 'chair', forYear: 2022, round: 1, candidates: [xnc] },
      },
      {
        type: 'ElectionClosed',
        data: {
          electionId: 'b-1',
          role: 'chair',
          forYear: 2022,
          outcome: 'no-quorum',
          tally: [],
          ballots: 0,
          members: 1,
        },
      },
    ]);
    expect(s.admittedOn).toStrictEqual({});
    expect(s.periods).toStrictEqual({ Q1: { status: 'open' } });
    expect(s.elections['b-1']).toStrictEqual({
      role: 'chair',
      forYear: 2022,
      round: 1,
      candidates: [xnc],
      status: 'closed',
      ballots: {},
      outcome: 'no-quorum',
    });
    expect(Object.keys(s)).not.toContain('generalOn');
  });

  it('are kept under their names when present', () => {
    const s = stateOf([
      { type: 'UnitAdmitted', data: { unitId: xnc, effectiveDate: '2021-01-05' } },
      { type: 'PeriodOpened', data: { period: 'Q1', effectiveDate: '2021-01-10' } },
      {
        type: 'ElectionOpened',
        data: {
          electionId: 'b-1',
          role: 'chair',
          forYear: 2022,
          round: 1,
          candidates: [xnc],
          effectiveDate: '2021-11-10',
        },
      },
      {
        type: 'ElectionClosed',
        data: {
          electionId: 'b-1',
          role: 'chair',
          forYear: 2022,
          outcome: 'no-quorum',
          tally: [],
          ballots: 0,
          members: 1,
          effectiveDate: '2021-11-19',
        },
      },
    ]);
    expect(s.admittedOn).toStrictEqual({ [xnc]: '2021-01-05' });
    expect(s.periods.Q1).toStrictEqual({ status: 'open', openedOn: '2021-01-10' });
    expect(s.elections['b-1']).toMatchObject({ openedOn: '2021-11-10', closedOn: '2021-11-19' });
  });
});

describe('the latest act a ranking reads (what a close must not precede)', () => {
  it('is the latest dated admission, withdrawal or scheme, whatever order they came in', () => {
    const dated = (type: 'UnitAdmitted' | 'UnitWithdrawn', unitId: string, effectiveDate: string) =>
      (type === 'UnitAdmitted'
        ? { type, data: { unitId, effectiveDate } }
        : { type, data: { unitId, reason: 'r', effectiveDate } }) as EmulationYearEvent;
    expect(
      stateOf([
        dated('UnitAdmitted', xnc, '2021-01-05'),
        dated('UnitAdmitted', ktnv, '2021-02-01'),
        dated('UnitAdmitted', 'cuc-a', '2021-01-10'),
      ]).generalOn,
    ).toBe('2021-02-01');
    expect(
      stateOf([dated('UnitAdmitted', xnc, '2021-01-05'), dated('UnitWithdrawn', xnc, '2021-03-01')])
        .generalOn,
    ).toBe('2021-03-01');
    const published = (
      type: 'ScoringSchemePublished' | 'ScoringSchemeAmended',
      version: number,
      on: string,
    ) => ({ type, data: { version, ...scheme, reason: 'r', effectiveDate: on } }) as EmulationYearEvent;
    expect(stateOf([published('ScoringSchemePublished', 1, '2021-01-15')]).generalOn).toBe('2021-01-15');
    expect(
      stateOf([
        published('ScoringSchemePublished', 1, '2021-01-15'),
        published('ScoringSchemeAmended', 2, '2021-02-15'),
      ]).generalOn,
    ).toBe('2021-02-15');
  });

  it('is, for a period, the latest dated score, correction or withdrawal in it', () => {
    const lastEntryOn = (events: EmulationYearEvent[]) =>
      stateOf([...q1Open(), ...events]).periods.Q1!.lastEntryOn;
    expect(lastEntryOn([score('e-1', '2021-03-20'), score('e-2', '2021-03-10')])).toBe('2021-03-20');
    expect(lastEntryOn([score('e-1', '2021-03-10'), score('e-2', '2021-03-20')])).toBe('2021-03-20');
    const target = {
      entryId: 'e-1',
      unitId: xnc,
      period: 'Q1',
      criterion: 'chuyen-mon',
      assessment: 'self',
    } as const;
    expect(
      lastEntryOn([
        score('e-1', '2021-03-10'),
        {
          type: 'ScoreCorrected',
          data: { ...target, previousPoints: 40, points: 42, reason: 'r', effectiveDate: '2021-03-25' },
        },
      ]),
    ).toBe('2021-03-25');
    expect(
      lastEntryOn([
        score('e-1', '2021-03-10'),
        { type: 'ScoreWithdrawn', data: { ...target, reason: 'r', effectiveDate: '2021-03-28' } },
      ]),
    ).toBe('2021-03-28');
    // Undated (hand-written) events leave it as it was.
    expect(lastEntryOn([score('e-1', '2021-03-10'), score('e-2')])).toBe('2021-03-10');
    expect(Object.keys(stateOf([...q1Open(), score('e-2')]).periods.Q1!)).not.toContain('lastEntryOn');
  });

  it('a close dated before it is refused; on it, accepted', () => {
    const close = (effectiveDate: string) =>
      ey(
        'ClosePeriod',
        organizer,
        { period: 'Q1', rankingDigest: DIGEST, effectiveDate },
        '2021-12-31T03:00:00.000Z',
      );
    const ctx = { ...context, incompleteUnits: [] };
    const events = [...q1Open(), score('e-1', '2021-04-02'), score('e-2', '2021-04-01')];
    year
      .given(events)
      .when(close('2021-04-01'), ctx)
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
    year
      .given(events)
      .when(close('2021-04-02'), ctx)
      .then([expect.objectContaining({ type: 'PeriodClosed' })]);
  });

  it('with no score in the period, is the latest admission: a close dated before it is refused', () => {
    const window = { opensOn: '2021-01-01', closesOn: '2021-12-31', reviewsFrom: {} };
    const ctx = { ...context, incompleteUnits: [], window };
    const events: EmulationYearEvent[] = [
      ...q1Open(),
      { type: 'UnitAdmitted', data: { unitId: 'cuc-moi', effectiveDate: '2021-04-05' } },
    ];
    year
      .given(events)
      .when(
        ey(
          'ClosePeriod',
          organizer,
          { period: 'Q1', rankingDigest: DIGEST, effectiveDate: '2021-04-01' },
          '2021-12-31T03:00:00.000Z',
        ),
        ctx,
      )
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
  });

  it('a score for a period not opened (a hand-written event) opens nothing', () => {
    expect(stateOf([...yearStarted(), score('e-1', '2021-03-10')]).periods).toStrictEqual({});
  });
});

describe('the scheme a closed period is judged by', () => {
  const criteria = (max: number) =>
    scheme.criteria.map((c) => (c.code === 'chuyen-mon' ? { ...c, maxPoints: max } : c));
  const amended = (version: number, max: number): EmulationYearEvent => ({
    type: 'ScoringSchemeAmended',
    data: { version, ...scheme, criteria: criteria(max), reason: 'Điều chỉnh' },
  });
  /** Entry e-1 disputed; Q1 closed under scheme v2 (chuyên môn up to 60); then v3 allows 40 only. */
  const sealedUnderV2 = (): EmulationYearEvent[] => [
    ...q1Open(),
    amended(2, 60),
    score('e-1', '2021-03-10'),
    {
      type: 'DisputeFiled',
      data: {
        disputeId: 'kn-1',
        entryId: 'e-1',
        unitId: xnc,
        period: 'Q1',
        criterion: 'chuyen-mon',
        reason: 'r',
      },
    },
    { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 2 } },
    amended(3, 40),
  ];
  const uphold = (correctedPoints: number) =>
    ey('ResolveDispute', organizer, {
      disputeId: 'kn-1',
      outcome: 'upheld',
      reason: 'Đúng',
      correctedPoints,
    });

  it('is the version it was sealed with, not the first nor the one in force', () => {
    year
      .given(sealedUnderV2())
      .when(uphold(55))
      .then([
        expect.objectContaining({ type: 'DisputeResolved' }),
        expect.objectContaining({ type: 'ScoreCorrected', data: expect.objectContaining({ points: 55 }) }),
      ]);
    year
      .given(sealedUnderV2())
      .when(uphold(61))
      .thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'correctedPoints');
  });

  it('once reopened, the period is judged by the scheme in force', () => {
    const reopened: EmulationYearEvent[] = [
      ...sealedUnderV2(),
      { type: 'PeriodReopened', data: { period: 'Q1', reason: 'r', previousDigest: DIGEST } },
    ];
    year
      .given(reopened)
      .when(uphold(45))
      .thenThrows('POINTS_OUT_OF_RANGE', 'unprocessable', 'correctedPoints');
  });
});

describe('what the fold keeps of seats, scores, disputes, elections and findings', () => {
  it('a withdrawn vice-chair unit loses its seat; the chair keeps its own', () => {
    const s = stateOf([
      ...yearStarted(),
      { type: 'ChairAssigned', data: { unitId: ktnv, role: 'vice-chair', source: 'organizer' } },
      { type: 'UnitWithdrawn', data: { unitId: ktnv, reason: 'Sáp nhập' } },
    ]);
    expect(s.viceChair).toBeUndefined();
    expect(s.chair).toBe(UNITS.anm.id);
    expect(
      stateOf([
        ...yearStarted(),
        { type: 'ChairAssigned', data: { unitId: ktnv, role: 'vice-chair', source: 'organizer' } },
        { type: 'UnitWithdrawn', data: { unitId: xnc, reason: 'Sáp nhập' } },
      ]).viceChair,
    ).toBe(ktnv);
  });

  it('an amended pledge is the unit’s pledge of the new version, dated by the amendment', () => {
    const content = { unitId: ktnv, titles: [], targets: [], keyTasks: [] };
    const s = stateOf([
      ...yearStarted(),
      { type: 'PledgeSigned', data: { ...content, version: 1, effectiveDate: '2021-01-20' } },
      { type: 'PledgeAmended', data: { ...content, version: 2, reason: 'r', effectiveDate: '2021-06-01' } },
    ]);
    expect(s.pledges).toStrictEqual({ [ktnv]: 2 });
    expect(s.pledgedOn).toStrictEqual({ [ktnv]: '2021-06-01' });
  });

  it('a correction changes the points of its entry', () => {
    const s = stateOf([
      ...q1Open(),
      score('e-1'),
      {
        type: 'ScoreCorrected',
        data: {
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          criterion: 'chuyen-mon',
          assessment: 'self',
          previousPoints: 40,
          points: 42,
          reason: 'r',
        },
      },
    ]);
    expect(getEntry(s, 'e-1')).toStrictEqual({
      unitId: xnc,
      period: 'Q1',
      criterion: 'chuyen-mon',
      assessment: 'self',
      points: 42,
      withdrawn: false,
    });
  });

  it('a resolution gives its dispute the outcome', () => {
    const s = stateOf([
      ...q1Open(),
      score('e-1'),
      {
        type: 'DisputeFiled',
        data: {
          disputeId: 'kn-1',
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          criterion: 'chuyen-mon',
          reason: 'r',
        },
      },
      {
        type: 'DisputeResolved',
        data: {
          disputeId: 'kn-1',
          entryId: 'e-1',
          unitId: xnc,
          period: 'Q1',
          outcome: 'rejected',
          reason: 'r',
          resolvedAs: 'organizer',
        },
      },
    ]);
    expect(s.disputes).toStrictEqual({ 'kn-1': { entryId: 'e-1', unitId: xnc, status: 'rejected' } });
  });

  it('a correction, withdrawal, resolution, ballot, election close or clearing about something unknown changes nothing', () => {
    const target = {
      entryId: 'e-9',
      unitId: xnc,
      period: 'Q1',
      criterion: 'chuyen-mon',
      assessment: 'self',
    } as const;
    const unknown: EmulationYearEvent[] = [
      { type: 'ScoreCorrected', data: { ...target, previousPoints: 1, points: 2, reason: 'r' } },
      { type: 'ScoreWithdrawn', data: { ...target, reason: 'r' } },
      {
        type: 'DisputeResolved',
        data: {
          disputeId: 'kn-9',
          entryId: 'e-9',
          unitId: xnc,
          period: 'Q1',
          outcome: 'rejected',
          reason: 'r',
          resolvedAs: 'organizer',
        },
      },
      { type: 'BallotCast', data: { electionId: 'b-9', voterUnitId: xnc, candidateUnitId: ktnv } },
      {
        type: 'ElectionClosed',
        data: {
          electionId: 'b-9',
          role: 'chair',
          forYear: 2022,
          outcome: 'no-quorum',
          tally: [],
          ballots: 0,
          members: 5,
        },
      },
      { type: 'FindingCleared', data: { findingId: 'kl-9', unitId: xnc, period: 'Q1', reason: 'r' } },
    ];
    const before = stateOf(q1Open());
    for (const event of unknown) expect(stateOf([...q1Open(), event])).toStrictEqual(before);
  });
});
