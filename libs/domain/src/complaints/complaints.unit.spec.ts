import { awardDecisionDecider } from '../award-decision/award-decision.decider.js';
import type { AwardDecisionCommand } from '../award-decision/award-decision.commands.js';
import { emulationYearDecider } from '../emulation-year/emulation-year.decider.js';
import type { AwardDecisionEvent } from '../events/award-decision.events.js';
import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { evaluateRanking } from '../evaluator/evaluate.js';
import { spec } from '../testing/given-when-then.js';
import {
  admin,
  chair,
  context,
  DIGEST,
  ey,
  officerOf,
  organizer,
  q1Open,
  UNITS,
} from '../testing/fixtures.js';
import { startedLedger } from '../testing/ledger.js';

const year = spec(emulationYearDecider, { ...context, organizerParentUnitId: 'chinh-phu' });
const xnc = UNITS.xnc.id;
const ktnv = UNITS.ktnv.id;
/** Q1 closed (sealed) on 5/4/2021. */
const closed: EmulationYearEvent[] = [
  ...q1Open(),
  {
    type: 'PeriodClosed',
    data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1, effectiveDate: '2021-04-05' },
  },
];
const at = (date: string) => `${date}T03:00:00.000Z`;
const file = (receivedOn: string, over: object = {}, actor = officerOf(xnc)) =>
  ey(
    'FileComplaint',
    actor,
    {
      complaintId: 'kn-1',
      target: { kind: 'ranking', period: 'Q1' },
      filer: { kind: 'unit', unitId: xnc },
      content: 'Kết quả xếp loại Quý I chưa tính chuyên án',
      receivedOn,
      ...over,
    },
    at('2021-12-31'),
  );
const filed = (receivedOn = '2021-04-20'): EmulationYearEvent => ({
  type: 'ComplaintFiled',
  data: {
    complaintId: 'kn-1',
    target: { kind: 'ranking', period: 'Q1' },
    filer: { kind: 'unit', unitId: xnc },
    content: 'c',
    receivedOn,
    decisionOn: '2021-04-05',
    dueOn: '2021-05-20',
    level: 1,
    authority: { kind: 'unit', unitId: 'bo-cong-an' },
    period: 'Q1',
  },
});

describe('complaints (khiếu nại) on a cluster-year: time limit, due date, competent authority', () => {
  it('files a complaint on a sealed ranking, due 30 days after it is received, before the organizer', () => {
    year
      .given(closed)
      .when(file('2021-04-20'))
      .then([
        {
          type: 'ComplaintFiled',
          data: {
            complaintId: 'kn-1',
            target: { kind: 'ranking', period: 'Q1' },
            filer: { kind: 'unit', unitId: xnc },
            content: 'Kết quả xếp loại Quý I chưa tính chuyên án',
            receivedOn: '2021-04-20',
            decisionOn: '2021-04-05',
            dueOn: '2021-05-20',
            level: 1,
            authority: { kind: 'unit', unitId: 'bo-cong-an' },
            period: 'Q1',
          },
        },
      ]);
  });

  it('counts 90 days from the decision (Luật Khiếu nại 2011 art. 9): day 90 is in time, day 91 time-barred', () => {
    year
      .given(closed)
      .when(file('2021-07-04'))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    year
      .given(closed)
      .when(file('2021-07-05'))
      .thenThrows('COMPLAINT_TIME_BARRED', 'unprocessable', 'receivedOn');
    // …or from the day the filer learned of it, when later.
    year
      .given(closed)
      .when(file('2021-07-05', { learnedOn: '2021-04-06' }))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    year
      .given(closed)
      .when(file('2021-07-06', { learnedOn: '2021-04-06' }))
      .thenThrows('COMPLAINT_TIME_BARRED', 'unprocessable', 'receivedOn');
    year
      .given(closed)
      .when(file('2021-04-20', { learnedOn: '2021-04-04' }))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'learnedOn');
    year
      .given(closed)
      .when(file('2021-04-04'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'receivedOn');
  });

  it('is filed by the affected unit (or recorded by the organizer), about a decision that exists', () => {
    year
      .given(closed)
      .when(file('2021-04-20', {}, organizer))
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    year
      .given(closed)
      .when(file('2021-04-20', {}, officerOf(ktnv)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(closed)
      .when(file('2021-04-20', { target: { kind: 'classification', period: 'Q1', unitId: ktnv } }))
      .thenThrows('NOT_AFFECTED', 'unprocessable', 'filer.unitId');
    year
      .given(q1Open())
      .when(file('2021-04-20'))
      .thenThrows('TARGET_NOT_DECIDED', 'unprocessable', 'target.period');
    year
      .given(closed)
      .when(file('2021-04-20', { target: { kind: 'vote' } }))
      .thenThrows('INVALID_TARGET', 'unprocessable', 'target.kind');
    year
      .given(closed)
      .when(
        file('2021-04-20', {
          target: { kind: 'proposal', proposalRef: 'Tờ trình 12/TTr', unitId: ktnv },
          decisionOn: '2021-04-10',
        }),
      )
      .then([
        expect.objectContaining({ data: expect.objectContaining({ period: 'Y', decisionOn: '2021-04-10' }) }),
      ]);
    year
      .given([...closed, filed()])
      .when(file('2021-04-21'))
      .thenThrows('COMPLAINT_ID_TAKEN', 'conflict', 'complaintId');
  });

  it('is resolved by the competent authority (the organizer), not before it was received', () => {
    const resolve = (actor = organizer, effectiveDate = '2021-05-10') =>
      ey(
        'ResolveComplaint',
        actor,
        {
          complaintId: 'kn-1',
          outcome: 'rejected',
          reason: 'Không có căn cứ',
          decisionRef: '21/QĐ-BCA',
          effectiveDate,
        },
        at('2021-12-31'),
      );
    year
      .given([...closed, filed()])
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
            period: 'Q1',
          },
        },
      ]);
    year
      .given([...closed, filed()])
      .when(resolve(chair))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given([...closed, filed()])
      .when(resolve(organizer, '2021-04-19'))
      .thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER', 'unprocessable', 'effectiveDate');
  });

  it('goes to the second level (the superior of the organizer): after the first decision or its due date, within 30 days', () => {
    const escalate = (receivedOn: string, actor = officerOf(xnc)) =>
      ey(
        'EscalateComplaint',
        actor,
        { complaintId: 'kn-1', reason: 'Không đồng ý kết quả giải quyết lần đầu', receivedOn },
        at('2021-12-31'),
      );
    const pending = [...closed, filed()]; // due 20/5
    year
      .given(pending)
      .when(escalate('2021-05-20'))
      .thenThrows('FIRST_LEVEL_PENDING', 'unprocessable', 'receivedOn');
    year
      .given(pending)
      .when(escalate('2021-05-21'))
      .then([
        {
          type: 'ComplaintEscalated',
          data: {
            complaintId: 'kn-1',
            level: 2,
            authority: { kind: 'unit', unitId: 'chinh-phu' },
            receivedOn: '2021-05-21',
            dueOn: '2021-07-05',
            reason: 'Không đồng ý kết quả giải quyết lần đầu',
            period: 'Q1',
          },
        },
      ]);
    year
      .given(pending)
      .when(escalate('2021-06-19'))
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    year
      .given(pending)
      .when(escalate('2021-06-20'))
      .thenThrows('ESCALATION_TIME_BARRED', 'unprocessable', 'receivedOn');
    const resolved = (outcome: string): EmulationYearEvent => ({
      type: 'ComplaintResolved',
      data: {
        complaintId: 'kn-1',
        level: 1,
        outcome: outcome as 'rejected',
        reason: 'r',
        decisionRef: '21/QĐ',
        effectiveDate: '2021-05-10',
        period: 'Q1',
      },
    });
    year
      .given([...pending, resolved('rejected')])
      .when(escalate('2021-06-09'))
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    year
      .given([...pending, resolved('rejected')])
      .when(escalate('2021-06-10'))
      .thenThrows('ESCALATION_TIME_BARRED', 'unprocessable', 'receivedOn');
    year
      .given([...pending, resolved('upheld')])
      .when(escalate('2021-05-12'))
      .thenThrows('NOTHING_TO_ESCALATE', 'unprocessable', 'complaintId');
    spec(emulationYearDecider, context)
      .given([...pending, resolved('rejected')])
      .when(escalate('2021-05-12'))
      .thenThrows('NO_SUPERIOR_AUTHORITY', 'unprocessable', 'complaintId');
  });

  it('makes the ranking disputed while open (on it, a classification, or a Y proposal), final again once resolved', () => {
    const l = startedLedger();
    l.run(ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: DIGEST }, '2021-04-05T03:00:00.000Z'), {
      ...context,
      incompleteUnits: [],
    });
    l.run(file('2021-04-20'), { ...context });
    expect(evaluateRanking(l.events, 'Q1').disputedBy).toEqual(['kn-1']);
    l.run(
      ey(
        'ResolveComplaint',
        organizer,
        { complaintId: 'kn-1', outcome: 'rejected', reason: 'Không có căn cứ', decisionRef: '21/QĐ-BCA' },
        '2021-05-10T03:00:00.000Z',
      ),
    );
    expect(evaluateRanking(l.events, 'Q1').disputedBy).toBeUndefined();
  });
});

describe('complaints on an award decision', () => {
  const decisions = spec(awardDecisionDecider);
  const issued: AwardDecisionEvent[] = [
    {
      type: 'AwardDecisionIssued',
      data: {
        decisionId: 'qd-1',
        number: '1/QĐ-BCA',
        date: '2023-12-15',
        authority: 'bo-truong-bca',
        awards: [
          {
            awardId: 'qd-1-1',
            code: 'bang-khen-bo-truong-bca',
            recipient: { kind: 'collective', unitId: ktnv },
            year: 2023,
            citation: 'c',
          },
        ],
      },
    },
  ];
  const c = (type: string, data: object, actor = officerOf(xnc)) =>
    ({
      type,
      actor,
      at: at('2024-06-01'),
      data: { decisionId: 'qd-1', complaintId: 'kn-qd', ...data },
    }) as AwardDecisionCommand;
  const fileIt = c('FileComplaint', {
    filer: { kind: 'unit', unitId: xnc },
    content: 'Đơn vị đủ tiêu chuẩn nhưng không được đề nghị',
    receivedOn: '2024-01-10',
  });

  it('is filed about the whole decision or one award of it, which must be in it', () => {
    const targetOf = (data: object) => {
      const [event] = decisions
        .given(issued)
        .when(c('FileComplaint', { ...(fileIt.data as object), ...data }))
        .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
      return (event!.data as { target: unknown }).target;
    };
    expect(targetOf({})).toStrictEqual({ kind: 'award-decision' });
    expect(targetOf({ awardId: 'qd-1-1' })).toStrictEqual({ kind: 'award-decision', awardId: 'qd-1-1' });
    decisions
      .given(issued)
      .when(c('FileComplaint', { ...(fileIt.data as object), awardId: 'QĐ 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'awardId');
    decisions
      .given(issued)
      .when(c('FileComplaint', { ...(fileIt.data as object), awardId: 'qd-1-9' }))
      .thenThrows('AWARD_NOT_FOUND', 'not-found', 'awardId');
  });

  it('is filed by any unit within 90 days of the decision, before its authority; resolved by the emulation office', () => {
    const [event] = decisions
      .given(issued)
      .when(fileIt)
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    expect(event!.data).toMatchObject({
      authority: { kind: 'authority', code: 'bo-truong-bca' },
      decisionOn: '2023-12-15',
      target: { kind: 'award-decision' },
    });
    decisions
      .given(issued)
      .when(
        c('FileComplaint', { filer: { kind: 'unit', unitId: xnc }, content: 'c', receivedOn: '2024-03-15' }),
      )
      .thenThrows('COMPLAINT_TIME_BARRED', 'unprocessable', 'receivedOn');
    decisions
      .given(issued)
      .when(
        c('FileComplaint', {
          awardId: 'qd-1-9',
          filer: { kind: 'unit', unitId: xnc },
          content: 'c',
          receivedOn: '2024-01-10',
        }),
      )
      .thenThrows('AWARD_NOT_FOUND', 'not-found', 'awardId');
    decisions.given([]).when(fileIt).thenThrows('DECISION_NOT_FOUND', 'not-found', 'decisionId');
    const all = [...issued, event!] as AwardDecisionEvent[];
    decisions
      .given(all)
      .when(
        c('ResolveComplaint', {
          outcome: 'rejected',
          reason: 'Không có căn cứ',
          decisionRef: '5/QĐ-BCA',
          effectiveDate: '2024-02-01',
        }),
      )
      .thenThrows('FORBIDDEN', 'forbidden');
    decisions
      .given(all)
      .when(
        c(
          'ResolveComplaint',
          {
            outcome: 'rejected',
            reason: 'Không có căn cứ',
            decisionRef: '5/QĐ-BCA',
            effectiveDate: '2024-02-01',
          },
          admin,
        ),
      )
      .then([expect.objectContaining({ type: 'ComplaintResolved' })]);
  });

  it('goes up to the next authority of the catalog (the Minister → the Prime Minister)', () => {
    const [event] = decisions
      .given(issued)
      .when(fileIt)
      .then([expect.objectContaining({ type: 'ComplaintFiled' })]);
    const escalated = decisions
      .given([...issued, event!])
      .when(c('EscalateComplaint', { reason: 'Quá hạn chưa giải quyết', receivedOn: '2024-02-12' }))
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    expect(escalated[0]!.data).toMatchObject({
      authority: { kind: 'authority', code: 'thu-tuong' },
      dueOn: '2024-03-28',
    });
  });
});

describe('a flag is not given on a disputed ranking', () => {
  it('refuses a cluster flag while a complaint on the Y ranking is open, unless a reasoned override decides (issue 12)', () => {
    const decisions = spec(awardDecisionDecider);
    const flag = (override?: { reason: string }): AwardDecisionCommand => ({
      type: 'IssueAwardDecision',
      actor: organizer,
      at: at('2024-01-10'),
      data: {
        decisionId: 'qd-2',
        number: '2/QĐ-BCA',
        date: '2023-12-20',
        authority: 'bo-truong-bca',
        awards: [
          {
            awardId: 'qd-2-1',
            code: 'co-thi-dua-bo-cong-an',
            recipient: { kind: 'collective', unitId: ktnv },
            year: 2023,
            citation: 'Dẫn đầu Cụm',
            adHoc: { reason: 'Khen thưởng đột xuất (kiểm thử)' },
            ...(override && { override }),
          },
        ],
      },
    });
    const standing = (disputed: boolean) => ({
      heldBy: [{ unitId: ktnv, year: 2023, organizerUnitId: organizer.unitId! }],
      clusterStandings: [
        {
          unitId: ktnv,
          year: 2023,
          clusterId: 'bca-cum-2',
          organizerUnitId: 'bo-cong-an',
          rank: 1,
          final: true,
          disputed,
        },
      ],
    });
    decisions
      .given([])
      .when(flag(), standing(true))
      .thenThrows('CLUSTER_RANKING_DISPUTED', 'unprocessable', 'awards[0].recipient');
    decisions
      .given([])
      .when(flag({ reason: 'Đặc cách' }), standing(true))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
    decisions
      .given([])
      .when(flag(), standing(false))
      .then([expect.objectContaining({ type: 'AwardDecisionIssued' })]);
  });
});
