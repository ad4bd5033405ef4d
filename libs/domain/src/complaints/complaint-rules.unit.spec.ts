import { emulationYearDecider } from '../emulation-year/emulation-year.decider.js';
import type { ComplaintEvent, ComplaintTarget } from '../events/complaint.events.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  context,
  DIGEST,
  ey,
  inspector,
  officerOf,
  organizer,
  otherOrganizer,
  q1Open,
  UNITS,
} from '../testing/fixtures.js';
import {
  decideEscalateComplaint,
  decideFileComplaint,
  decideResolveComplaint,
  disputesRanking,
  evolveComplaints,
  type Complaints,
} from './complaints.js';

// Every refusal of the complaint deciders (complaints.ts) with its exact code and field, each time
// limit probed on both sides, and what the fold keeps of a complaint. The cluster-year's superior
// authority here is the organizer's parent unit, 'chinh-phu'.
const year = spec(emulationYearDecider, { ...context, organizerParentUnitId: 'chinh-phu' });
const xnc = UNITS.xnc.id;
const ktnv = UNITS.ktnv.id;
const BCA = { kind: 'unit', unitId: 'bo-cong-an' } as const;
const SUPERIOR = { kind: 'unit', unitId: 'chinh-phu' } as const;
const superiorOrganizer = { id: 'u-cp', role: 'organizer', unitId: 'chinh-phu' } as const;
const at = (date: string) => `${date}T03:00:00.000Z`;
const RANKING = { kind: 'ranking', period: 'Q1' } as const;

const file = (over: object = {}, actor = officerOf(xnc)) =>
  ey(
    'FileComplaint',
    actor,
    {
      complaintId: 'kn-1',
      target: RANKING,
      filer: { kind: 'unit', unitId: xnc },
      content: 'Kết quả xếp loại Quý I chưa tính chuyên án',
      receivedOn: '2021-04-20',
      ...over,
    },
    at('2021-12-31'),
  );
const resolve = (over: object = {}, actor = organizer) =>
  ey(
    'ResolveComplaint',
    actor,
    {
      complaintId: 'kn-1',
      outcome: 'rejected',
      reason: 'Không có căn cứ',
      decisionRef: '21/QĐ-BCA',
      effectiveDate: '2021-05-10',
      ...over,
    },
    at('2021-12-31'),
  );
const escalate = (over: object = {}, actor = officerOf(xnc)) =>
  ey(
    'EscalateComplaint',
    actor,
    {
      complaintId: 'kn-1',
      reason: 'Không đồng ý kết quả giải quyết lần đầu',
      receivedOn: '2021-05-21',
      ...over,
    },
    at('2021-12-31'),
  );
/** The complaint filed on 20/4 about the Q1 ranking sealed on 5/4, due 20/5 (or on another target, without period). */
const filed = (target: ComplaintTarget = RANKING, period: 'Q1' | null = 'Q1'): EmulationYearEvent => ({
  type: 'ComplaintFiled',
  data: {
    complaintId: 'kn-1',
    target,
    filer: { kind: 'unit', unitId: xnc },
    content: 'c',
    receivedOn: '2021-04-20',
    decisionOn: '2021-04-05',
    dueOn: '2021-05-20',
    level: 1,
    authority: BCA,
    ...(period !== null && { period }),
  },
});
const resolved = (
  outcome: 'upheld' | 'partly-upheld' | 'rejected',
  effectiveDate?: string,
): EmulationYearEvent => ({
  type: 'ComplaintResolved',
  data: {
    complaintId: 'kn-1',
    level: 1,
    outcome,
    reason: 'r',
    decisionRef: '21/QĐ',
    ...(effectiveDate !== undefined && { effectiveDate }),
    period: 'Q1',
  },
});
const escalated = (): EmulationYearEvent => ({
  type: 'ComplaintEscalated',
  data: {
    complaintId: 'kn-1',
    level: 2,
    authority: SUPERIOR,
    receivedOn: '2021-05-21',
    dueOn: '2021-07-05',
    reason: 'r',
    period: 'Q1',
  },
});

/** Q1 sealed on 5/4/2021. */
const closed = (): EmulationYearEvent[] => [
  ...q1Open(),
  {
    type: 'PeriodClosed',
    data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-04-05' },
  },
];

describe('filing: who files, and for whom', () => {
  it('a unit files for one of its people: the person is named, the unit must be affected', () => {
    const [event] = year
      .given(closed())
      .when(file({ filer: { kind: 'person', personId: 'p-nguyen-van-a', unitId: xnc } }))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    expect(event!.data).toMatchObject({ filer: { kind: 'person', personId: 'p-nguyen-van-a', unitId: xnc } });
    expect((event!.data as { filer: object }).filer).toStrictEqual({
      kind: 'person',
      personId: 'p-nguyen-van-a',
      unitId: xnc,
    });
  });

  it('refuses a filer that is not a unit or a person, or not named by ids', () => {
    year
      .given(closed())
      .when(file({ filer: undefined }))
      .thenThrows('INVALID_FILER', 'unprocessable', 'filer.kind');
    year
      .given(closed())
      .when(file({ filer: { kind: 'group', unitId: xnc } }))
      .thenThrows('INVALID_FILER', 'unprocessable', 'filer.kind');
    year
      .given(closed())
      .when(file({ filer: { kind: 'unit', unitId: 'Cục X' } }))
      .thenThrows('INVALID_ID', 'unprocessable', 'filer.unitId');
    year
      .given(closed())
      .when(file({ filer: { kind: 'person', personId: 'Ông A', unitId: xnc } }))
      .thenThrows('INVALID_ID', 'unprocessable', 'filer.personId');
    year
      .given(closed())
      .when(file({ filer: { kind: 'person', personId: 'p-a', unitId: 'Cục X' } }))
      .thenThrows('INVALID_ID', 'unprocessable', 'filer.unitId');
  });

  it('is recorded by the organizer of the cluster, not by another organizer, an inspector or an administrator', () => {
    year
      .given(closed())
      .when(file({}, organizer))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    year.given(closed()).when(file({}, otherOrganizer)).thenThrows('FORBIDDEN', 'forbidden');
    year.given(closed()).when(file({}, inspector)).thenThrows('FORBIDDEN', 'forbidden');
    year.given(closed()).when(file({}, admin)).thenThrows('FORBIDDEN', 'forbidden');
  });

  it('refuses a complaint id that is not an id, and content that is empty', () => {
    year
      .given(closed())
      .when(file({ complaintId: 'KN 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'complaintId');
    year
      .given(closed())
      .when(file({ content: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'content');
  });
});

describe('filing: the dates', () => {
  it('refuses a receipt date that is not a date or is after the day it is recorded', () => {
    year
      .given(closed())
      .when(file({ receivedOn: '20/4/2021' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'receivedOn');
    year
      .given(closed())
      .when(file({ receivedOn: '2022-01-01' }))
      .thenThrows('EFFECTIVE_DATE_AFTER_RECORDING', 'unprocessable', 'receivedOn');
  });

  it('takes the day the filer learned of the decision: not a date, after the receipt, refused; on it, kept', () => {
    year
      .given(closed())
      .when(file({ learnedOn: 'hôm qua' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'learnedOn');
    year
      .given(closed())
      .when(file({ learnedOn: '2021-04-21' }))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'learnedOn');
    year
      .given(closed())
      .when(file({ learnedOn: '2021-04-20' }))
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            complaintId: 'kn-1',
            target: RANKING,
            filer: { kind: 'unit', unitId: xnc },
            content: 'Kết quả xếp loại Quý I chưa tính chuyên án',
            receivedOn: '2021-04-20',
            decisionOn: '2021-04-05',
            learnedOn: '2021-04-20',
            dueOn: '2021-05-20',
            level: 1,
            authority: BCA,
            period: 'Q1',
          },
        },
      ]);
  });

  it('counts the days of a recorded policy instead of the law’s defaults', () => {
    const policy = { filingDays: 10, firstLevelDays: 5, secondLevelDays: 7, escalationDays: 3 };
    const strict = spec(emulationYearDecider, { ...context, complaintPolicy: policy });
    strict
      .given(closed())
      .when(file({ receivedOn: '2021-04-15' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ dueOn: '2021-04-20' }) })]);
    strict
      .given(closed())
      .when(file({ receivedOn: '2021-04-16' }))
      .thenThrows('COMPLAINT_TIME_BARRED', 'unprocessable', 'receivedOn');
  });
});

describe('resolving', () => {
  it('resolves a complaint in part or in full; refuses any other outcome', () => {
    for (const outcome of ['upheld', 'partly-upheld'] as const)
      year
        .given([...closed(), filed()])
        .when(resolve({ outcome }))
        .then([expect.objectContaining({ data: expect.objectContaining({ outcome }) })]);
    year
      .given([...closed(), filed()])
      .when(resolve({ outcome: 'dismissed' }))
      .thenThrows('INVALID_OUTCOME', 'unprocessable', 'outcome');
  });

  it('refuses a complaint id that is not an id or names no complaint, and one already resolved', () => {
    year
      .given([...closed(), filed()])
      .when(resolve({ complaintId: 'KN 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'complaintId');
    year
      .given([...closed(), filed()])
      .when(resolve({ complaintId: 'kn-2' }))
      .thenThrows('COMPLAINT_NOT_FOUND', 'not-found', 'complaintId');
    year
      .given([...closed(), filed(), resolved('rejected', '2021-05-10')])
      .when(resolve())
      .thenThrows('COMPLAINT_NOT_OPEN', 'conflict', 'complaintId');
  });

  it('needs the number of the decision; another organizer may not resolve', () => {
    year
      .given([...closed(), filed()])
      .when(resolve({ decisionRef: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'decisionRef');
    year
      .given([...closed(), filed()])
      .when(resolve({}, otherOrganizer))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('a complaint with no period (an election) is resolved with no period', () => {
    year
      .given([...closed(), filed({ kind: 'election', electionId: 'bau-1' }, null)])
      .when(resolve())
      .then([
        {
          type: 'ComplaintResolved',
          data: {
            complaintId: 'kn-1',
            level: 1,
            outcome: 'rejected',
            reason: 'Không có căn cứ',
            decisionRef: '21/QĐ-BCA',
            effectiveDate: '2021-05-10',
          },
        },
      ]);
  });
});

describe('escalating to the second level', () => {
  it('after a first-level decision, even before the first level’s due date; not before that decision', () => {
    year
      .given([...closed(), filed(), resolved('partly-upheld', '2021-05-10')])
      .when(escalate({ receivedOn: '2021-05-12' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ receivedOn: '2021-05-12' }) })]);
    year
      .given([...closed(), filed(), resolved('rejected', '2021-05-10')])
      .when(escalate({ receivedOn: '2021-05-10' }))
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    year
      .given([...closed(), filed(), resolved('rejected', '2021-05-10')])
      .when(escalate({ receivedOn: '2021-05-09' }))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'receivedOn');
  });

  it('is filed by the complainant or recorded by the superior authority, by no one else', () => {
    year
      .given([...closed(), filed()])
      .when(escalate({}, superiorOrganizer))
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    year
      .given([...closed(), filed()])
      .when(escalate({}, officerOf(ktnv)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([...closed(), filed()])
      .when(escalate({}, otherOrganizer))
      .thenThrows('FORBIDDEN', 'forbidden');
    // Without a superior, nobody but the complainant may escalate (and it is refused for want of one).
    spec(emulationYearDecider, context)
      .given([...closed(), filed()])
      .when(escalate({}, superiorOrganizer))
      .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('only once; the receipt date must be a date', () => {
    year
      .given([...closed(), filed(), escalated()])
      .when(escalate({ receivedOn: '2021-05-25' }))
      .thenThrows('ALREADY_SECOND_LEVEL', 'conflict', 'complaintId');
    year
      .given([...closed(), filed()])
      .when(escalate({ receivedOn: 'mai' }))
      .thenThrows('INVALID_DATE', 'unprocessable', 'receivedOn');
    year
      .given([...closed(), filed()])
      .when(escalate({ complaintId: 'kn-2' }))
      .thenThrows('COMPLAINT_NOT_FOUND', 'not-found', 'complaintId');
  });

  it('a complaint with no period is escalated with no period', () => {
    year
      .given([...closed(), filed({ kind: 'election', electionId: 'bau-1' }, null)])
      .when(escalate())
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            complaintId: 'kn-1',
            level: 2,
            authority: SUPERIOR,
            receivedOn: '2021-05-21',
            dueOn: '2021-07-05',
            reason: 'Không đồng ý kết quả giải quyết lần đầu',
          },
        },
      ]);
  });

  it('the second level is resolved by the superior authority, no longer by the organizer', () => {
    const twice = [...closed(), filed(), escalated()];
    year
      .given(twice)
      .when(resolve({ effectiveDate: '2021-06-01' }, superiorOrganizer))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ level: 2, effectiveDate: '2021-06-01' }) }),
      ]);
    year
      .given(twice)
      .when(resolve({ effectiveDate: '2021-06-01' }))
      .thenThrows('FORBIDDEN', 'forbidden');
    // Its receipt is the second one: a decision dated between the two receipts is out of order.
    year
      .given(twice)
      .when(resolve({ effectiveDate: '2021-05-20' }, superiorOrganizer))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
  });
});

describe('what the fold keeps of a complaint', () => {
  it('filed: its target, filer unit, level, authority, dates and period (none when it has none)', () => {
    expect(year.given([...closed(), filed()]).state.complaints).toStrictEqual({
      'kn-1': {
        target: RANKING,
        filerUnitId: xnc,
        level: 1,
        status: 'open',
        authority: BCA,
        receivedOn: '2021-04-20',
        dueOn: '2021-05-20',
        period: 'Q1',
      },
    });
    expect(
      year.given([...closed(), filed({ kind: 'election', electionId: 'bau-1' }, null)]).state.complaints,
    ).toStrictEqual({
      'kn-1': {
        target: { kind: 'election', electionId: 'bau-1' },
        filerUnitId: xnc,
        level: 1,
        status: 'open',
        authority: BCA,
        receivedOn: '2021-04-20',
        dueOn: '2021-05-20',
      },
    });
  });

  it('resolved: the outcome, and its date when the resolution has one', () => {
    const summary = (events: EmulationYearEvent[]) =>
      year.given([...closed(), ...events]).state.complaints['kn-1'];
    expect(summary([filed(), resolved('rejected', '2021-05-10')])).toMatchObject({
      status: 'resolved',
      outcome: 'rejected',
      resolvedOn: '2021-05-10',
    });
    expect(Object.keys(summary([filed(), resolved('rejected')])!)).not.toContain('resolvedOn');
  });

  it('escalated: open again at level 2 before the superior, the first outcome forgotten', () => {
    expect(
      year.given([...closed(), filed(), resolved('rejected', '2021-05-10'), escalated()]).state.complaints,
    ).toStrictEqual({
      'kn-1': {
        target: RANKING,
        filerUnitId: xnc,
        level: 2,
        status: 'open',
        authority: SUPERIOR,
        receivedOn: '2021-05-21',
        dueOn: '2021-07-05',
        period: 'Q1',
      },
    });
  });

  it('a resolution or escalation of a complaint it does not know changes nothing', () => {
    const none: Complaints = {};
    for (const event of [resolved('rejected', '2021-05-10'), escalated()])
      expect(evolveComplaints(none, event as ComplaintEvent)).toBe(none);
  });
});

describe('complaints before an authority level (an award decision’s signer)', () => {
  const authority = { kind: 'authority', code: 'bo-truong-bca' } as const;
  let complaints: Complaints;
  beforeEach(() => {
    const [event] = decideFileComplaint(
      officerOf(xnc),
      at('2024-01-10'),
      { complaintId: 'kn-qd', filer: { kind: 'unit', unitId: xnc }, content: 'c', receivedOn: '2024-01-10' },
      {},
      { kind: 'award-decision' },
      { decisionOn: '2023-12-15', authority },
    );
    complaints = evolveComplaints({}, event!);
  });

  it('any organizer or an administrator acts for it; an officer or an inspector does not', () => {
    const input = {
      complaintId: 'kn-qd',
      outcome: 'rejected',
      reason: 'Không có căn cứ',
      decisionRef: '5/QĐ',
    };
    for (const actor of [admin, otherOrganizer])
      expect(decideResolveComplaint(actor, at('2024-02-01'), input, complaints)).toHaveLength(1);
    for (const actor of [officerOf(ktnv), inspector])
      expect(() => decideResolveComplaint(actor, at('2024-02-01'), input, complaints)).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN' }),
      );
  });

  it('without a superior authority there is no second level', () => {
    const input = { complaintId: 'kn-qd', reason: 'Quá hạn', receivedOn: '2024-02-12' };
    expect(() =>
      decideEscalateComplaint(officerOf(xnc), at('2024-02-12'), input, complaints, undefined),
    ).toThrow(expect.objectContaining({ code: 'NO_SUPERIOR_AUTHORITY', field: 'complaintId' }));
  });
});

describe('which open complaints make a ranking disputed', () => {
  it('one on the ranking, a classification or a proposal; not one on a score entry, an election or an award decision', () => {
    expect(disputesRanking({ kind: 'ranking', period: 'Q1' })).toBe(true);
    expect(disputesRanking({ kind: 'classification', period: 'Q1', unitId: xnc })).toBe(true);
    expect(disputesRanking({ kind: 'proposal', proposalRef: 'TTr 1', unitId: xnc })).toBe(true);
    expect(disputesRanking({ kind: 'score-entry', entryId: 'e-1' })).toBe(false);
    expect(disputesRanking({ kind: 'election', electionId: 'bau-1' })).toBe(false);
    expect(disputesRanking({ kind: 'award-decision' })).toBe(false);
  });
});
