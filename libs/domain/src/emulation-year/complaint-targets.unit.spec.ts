import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import { context, DIGEST, ey, officerOf, organizer, q1Open, UNITS } from '../testing/fixtures.js';
import { emulationYearDecider } from './emulation-year.decider.js';

// What a complaint on a cluster-year may be about (decide-complaints.ts): each target kind, the date it
// is counted from, who it affects, and each refusal with its exact code and field.
const year = spec(emulationYearDecider, context);
const xnc = UNITS.xnc.id;
const ktnv = UNITS.ktnv.id;
const AUTHORITY = { kind: 'unit', unitId: 'bo-cong-an' } as const;
const at = (date: string) => `${date}T03:00:00.000Z`;
const file = (target: unknown, over: object = {}, actor = officerOf(xnc)) =>
  ey(
    'FileComplaint',
    actor,
    {
      complaintId: 'kn-1',
      target: target as never,
      filer: { kind: 'unit', unitId: xnc },
      content: 'Khiếu nại',
      receivedOn: '2021-04-20',
      ...over,
    },
    at('2021-12-31'),
  );
/** The event filed by `file(target)` received on 20/4 (due 20/5), before the organizer. */
const filedOn = (target: object, decisionOn: string, extra: object = {}): EmulationYearEvent[] => [
  {
    type: 'ComplaintFiled',
    data: {
      complaintId: 'kn-1',
      target,
      filer: { kind: 'unit', unitId: xnc },
      content: 'Khiếu nại',
      receivedOn: '2021-04-20',
      decisionOn,
      dueOn: '2021-05-20',
      level: 1,
      authority: AUTHORITY,
      ...extra,
    },
  } as EmulationYearEvent,
];

describe('a complaint on a score entry', () => {
  let scored: EmulationYearEvent[];
  beforeEach(() => {
    const entry = (entryId: string, unitId: string, effectiveDate?: string): EmulationYearEvent => ({
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
    // e-undated: recorded before events carried business dates.
    scored = [
      ...q1Open(),
      entry('e-1', xnc, '2021-03-30'),
      entry('e-2', ktnv, '2021-03-30'),
      entry('e-undated', xnc),
    ];
  });

  it('is counted from the day the entry was scored, affects its unit, and concerns its period', () => {
    year
      .given(scored)
      .when(file({ kind: 'score-entry', entryId: 'e-1' }))
      .then(filedOn({ kind: 'score-entry', entryId: 'e-1' }, '2021-03-30', { period: 'Q1' }));
    year
      .given(scored)
      .when(file({ kind: 'score-entry', entryId: 'e-2' }))
      .thenThrows('NOT_AFFECTED', 'unprocessable', 'filer.unitId');
  });

  it('is refused on an entry that does not exist, is not an id, or has no date', () => {
    year
      .given(scored)
      .when(file({ kind: 'score-entry', entryId: 'e-9' }))
      .thenThrows('ENTRY_NOT_FOUND', 'not-found', 'target.entryId');
    year
      .given(scored)
      .when(file({ kind: 'score-entry', entryId: 'E 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'target.entryId');
    year
      .given(scored)
      .when(file({ kind: 'score-entry', entryId: 'e-undated' }))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.entryId');
  });
});

describe('a complaint on a ranking or a classification', () => {
  let closed: EmulationYearEvent[];
  beforeEach(() => {
    closed = [
      ...q1Open(),
      {
        type: 'PeriodClosed',
        data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-04-05' },
      },
    ];
  });

  it('on a classification: counted from the close, affecting only the unit classified', () => {
    year
      .given(closed)
      .when(file({ kind: 'classification', period: 'Q1', unitId: xnc }))
      .then(filedOn({ kind: 'classification', period: 'Q1', unitId: xnc }, '2021-04-05', { period: 'Q1' }));
  });

  it('is refused on a period not sealed: open, or never opened', () => {
    year
      .given(q1Open())
      .when(file({ kind: 'ranking', period: 'Q1' }))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.period');
    year
      .given(closed)
      .when(file({ kind: 'ranking', period: 'Q3' }))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.period');
    year
      .given(closed)
      .when(file({ kind: 'classification', period: 'Q3', unitId: xnc }))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.period');
  });

  it('is refused on a period that is not one, a unit that is not an id or not a member', () => {
    year
      .given(closed)
      .when(file({ kind: 'ranking', period: 'Q5' }))
      .thenThrows('INVALID_PERIOD', 'unprocessable', 'target.period');
    year
      .given(closed)
      .when(file({ kind: 'classification', period: 'Q1', unitId: 'Cục 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'target.unitId');
    year
      .given(closed)
      .when(file({ kind: 'classification', period: 'Q1', unitId: 'ca-ha-tinh' }, {}, organizer))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'target.unitId');
  });

  it('a unit admitted (dated) and withdrawn during the year may still complain about its classification', () => {
    const ht = 'ca-ha-tinh';
    const withdrawn: EmulationYearEvent[] = [
      ...closed,
      { type: 'UnitAdmitted', data: { unitId: ht, effectiveDate: '2021-01-05' } },
      { type: 'UnitWithdrawn', data: { unitId: ht, reason: 'Sáp nhập', effectiveDate: '2021-06-01' } },
    ];
    const target = { kind: 'classification', period: 'Q1', unitId: ht };
    const [event] = year
      .given(withdrawn)
      .when(file(target, { filer: { kind: 'unit', unitId: ht } }, officerOf(ht)))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    expect(event!.data).toMatchObject({ target, filer: { kind: 'unit', unitId: ht } });
  });
});

describe('a complaint on an election', () => {
  let opened: EmulationYearEvent[];
  beforeEach(() => {
    opened = [
      ...q1Open(),
      {
        type: 'ElectionOpened',
        data: {
          electionId: 'bau-1',
          role: 'chair',
          forYear: 2022,
          round: 1,
          candidates: [xnc, ktnv],
          effectiveDate: '2021-11-10',
        },
      },
    ];
  });

  it('is counted from the close of the election and concerns every member, no period', () => {
    const closed: EmulationYearEvent[] = [
      ...opened,
      {
        type: 'ElectionClosed',
        data: {
          electionId: 'bau-1',
          role: 'chair',
          forYear: 2022,
          outcome: 'no-quorum',
          tally: [],
          ballots: 0,
          members: 5,
          effectiveDate: '2021-11-19',
        },
      },
    ];
    year
      .given(closed)
      .when(file({ kind: 'election', electionId: 'bau-1' }, { receivedOn: '2021-11-25' }))
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            complaintId: 'kn-1',
            target: { kind: 'election', electionId: 'bau-1' },
            filer: { kind: 'unit', unitId: xnc },
            content: 'Khiếu nại',
            receivedOn: '2021-11-25',
            decisionOn: '2021-11-19',
            dueOn: '2021-12-25',
            level: 1,
            authority: AUTHORITY,
          },
        },
      ]);
  });

  it('is refused on an election still open, unknown, or not named by an id', () => {
    year
      .given(opened)
      .when(file({ kind: 'election', electionId: 'bau-1' }, { receivedOn: '2021-11-25' }))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.electionId');
    year
      .given(opened)
      .when(file({ kind: 'election', electionId: 'bau-2' }, { receivedOn: '2021-11-25' }))
      .thenThrows('ELECTION_NOT_FOUND', 'not-found', 'target.electionId');
    year
      .given(opened)
      .when(file({ kind: 'election', electionId: 'Bầu 1' }, { receivedOn: '2021-11-25' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'target.electionId');
  });
});

describe('a complaint on a proposal', () => {
  const proposal = { kind: 'proposal', proposalRef: 'Tờ trình 12/TTr', unitId: ktnv };

  it('is counted from the date given, concerns the year (Y) and every member', () => {
    year
      .given(q1Open())
      .when(file(proposal, { decisionOn: '2021-04-10' }))
      .then(filedOn(proposal, '2021-04-10', { period: 'Y' }));
  });

  it('needs that date, a reference, a member unit', () => {
    year.given(q1Open()).when(file(proposal)).thenThrows('INVALID_DATE', 'unprocessable', 'decisionOn');
    year
      .given(q1Open())
      .when(file({ ...proposal, proposalRef: '' }, { decisionOn: '2021-04-10' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'target.proposalRef');
    year
      .given(q1Open())
      .when(file({ ...proposal, unitId: 'Cục 1' }, { decisionOn: '2021-04-10' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'target.unitId');
    year
      .given(q1Open())
      .when(file({ ...proposal, unitId: 'ca-ha-tinh' }, { decisionOn: '2021-04-10' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'target.unitId');
  });
});

describe('what a complaint is about', () => {
  it('must be one of the kinds: none given, or an unknown one, is refused', () => {
    year.given(q1Open()).when(file(undefined)).thenThrows('INVALID_TARGET', 'unprocessable', 'target.kind');
    year
      .given(q1Open())
      .when(file({ kind: 'vote' }))
      .thenThrows('INVALID_TARGET', 'unprocessable', 'target.kind');
  });

  it('takes a decision date only for a proposal (the others are dated by the year)', () => {
    year
      .given(q1Open())
      .when(file({ kind: 'ranking', period: 'Q1' }, { decisionOn: '2021-04-10' }))
      .thenThrows('DECISION_DATE_NOT_APPLICABLE', 'unprocessable', 'decisionOn');
    year
      .given(q1Open())
      .when(file(undefined, { decisionOn: '2021-04-10' }))
      .thenThrows('DECISION_DATE_NOT_APPLICABLE', 'unprocessable', 'decisionOn');
  });

  it('is refused for a cluster that does not exist', () => {
    year
      .given(q1Open())
      .when(file({ kind: 'ranking', period: 'Q1' }), {})
      .thenThrows('CLUSTER_NOT_FOUND', 'not-found', 'clusterId');
  });
});
