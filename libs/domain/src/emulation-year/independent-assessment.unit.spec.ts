import type { EmulationYearEvent } from '../events/emulation-year.events.js';
import { evaluateRanking, explainRanking } from '../evaluator/evaluate.js';
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
  scheme,
  UNITS,
} from '../testing/fixtures.js';
import { score, startedLedger } from '../testing/ledger.js';
import { emulationYearDecider } from './emulation-year.decider.js';

const year = spec(emulationYearDecider, context);
const anm = UNITS.anm.id; // chair (Cụm trưởng) of 2021
const ktnv = UNITS.ktnv.id;
const xnc = UNITS.xnc.id;
const viceChair = officerOf(ktnv);
const withVice: EmulationYearEvent[] = [
  ...q1Open(),
  { type: 'ChairAssigned', data: { unitId: ktnv, role: 'vice-chair', source: 'organizer' } },
];
const clusterScore = (unitId: string, over: object = {}) => ({
  entryId: `e-${unitId}`,
  unitId,
  period: 'Q1' as const,
  criterion: 'chuyen-mon',
  points: 40,
  assessment: 'cluster' as const,
  ...over,
});
const recorded = (unitId: string, assessment: 'cluster' | 'self' = 'cluster'): EmulationYearEvent => ({
  type: 'ScoreRecorded',
  data: { ...clusterScore(unitId), assessment, schemeVersion: 1 },
});

describe('independent assessment: nobody scores itself in the cluster assessment', () => {
  it('refuses the chair unit its own cluster score and its correction (403 OWN_UNIT_ASSESSMENT)', () => {
    year
      .given(withVice)
      .when(ey('RecordScore', chair, clusterScore(anm)))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
    year
      .given([...withVice, recorded(anm)])
      .when(ey('CorrectScore', chair, { entryId: `e-${anm}`, points: 45, reason: 'Tự điều chỉnh' }))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
    year
      .given([...withVice, recorded(anm)])
      .when(ey('WithdrawScore', chair, { entryId: `e-${anm}`, reason: 'Tự rút' }))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
  });

  it("lets the vice-chair unit or the organizer score the chair's unit; the vice-chair nobody else", () => {
    for (const actor of [viceChair, organizer])
      year
        .given(withVice)
        .when(ey('RecordScore', actor, clusterScore(anm)))
        .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    year
      .given(withVice)
      .when(ey('RecordScore', viceChair, clusterScore(xnc)))
      .thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(withVice)
      .when(ey('RecordScore', viceChair, clusterScore(ktnv)))
      .thenThrows('OWN_UNIT_ASSESSMENT', 'forbidden');
    year
      .given(withVice)
      .when(ey('RecordScore', chair, clusterScore(xnc)))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    year
      .given(withVice)
      .when(ey('RecordScore', admin, clusterScore(xnc)))
      .thenThrows('FORBIDDEN', 'forbidden');
  });
});

describe('cross-inspection (kiểm tra chéo): an assigned inspecting unit alone scores the unit it inspects', () => {
  const assign = (over: object = {}, actor = organizer) =>
    ey('AssignInspection', actor, { period: 'Q1', inspectedUnitId: xnc, inspectorUnitId: ktnv, ...over });
  const assigned: EmulationYearEvent[] = [
    ...withVice,
    { type: 'InspectionAssigned', data: { period: 'Q1', inspectedUnitId: xnc, inspectorUnitId: ktnv } },
  ];

  it('the organizer assigns an inspecting member per period; nobody else', () => {
    year
      .given(withVice)
      .when(assign())
      .then([
        {
          type: 'InspectionAssigned',
          data: { period: 'Q1', inspectedUnitId: xnc, inspectorUnitId: ktnv, effectiveDate: '2021-11-19' },
        },
      ]);
    for (const actor of [chair, officerOf(xnc), admin])
      year.given(withVice).when(assign({}, actor)).thenThrows('FORBIDDEN', 'forbidden');
  });

  it('refuses an inspector that is not a member, the unit itself, a closed period; a replacement needs a reason', () => {
    year
      .given(withVice)
      .when(assign({ inspectorUnitId: 'cuc-khac' }))
      .thenThrows('NOT_A_MEMBER', 'unprocessable', 'inspectorUnitId');
    year
      .given(withVice)
      .when(assign({ inspectorUnitId: xnc }))
      .thenThrows('SELF_INSPECTION', 'unprocessable', 'inspectorUnitId');
    const closed = [
      ...withVice,
      { type: 'PeriodClosed', data: { period: 'Q1', rankingDigest: DIGEST, schemeVersion: 1 } },
    ] as EmulationYearEvent[];
    year.given(closed).when(assign()).thenThrows('PERIOD_CLOSED', 'unprocessable', 'period');
    year
      .given(assigned)
      .when(assign({ inspectorUnitId: UNITS.ngoaiTuyen.id }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    year
      .given(assigned)
      .when(assign({ inspectorUnitId: UNITS.ngoaiTuyen.id, reason: 'Đơn vị kiểm tra bận chuyên án' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ previousInspectorUnitId: ktnv }) })]);
  });

  it('once assigned, the chair and the organizer give way to the inspector (403 NOT_THE_ASSIGNED_INSPECTOR)', () => {
    for (const actor of [chair, organizer])
      year
        .given(assigned)
        .when(ey('RecordScore', actor, clusterScore(xnc)))
        .thenThrows('NOT_THE_ASSIGNED_INSPECTOR', 'forbidden');
    year
      .given(assigned)
      .when(ey('RecordScore', viceChair, clusterScore(xnc)))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    // An entry the chair made before the assignment is corrected by the inspector, not the chair.
    year
      .given([...withVice, recorded(xnc), ...assigned.slice(withVice.length)])
      .when(ey('CorrectScore', chair, { entryId: `e-${xnc}`, points: 41, reason: 'Điều chỉnh' }))
      .thenThrows('NOT_THE_ASSIGNED_INSPECTOR', 'forbidden');
    // Another period, or a self score, is not affected.
    year
      .given([...assigned, { type: 'PeriodOpened', data: { period: 'Q2' } }])
      .when(ey('RecordScore', chair, clusterScore(xnc, { period: 'Q2' })))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    year
      .given(assigned)
      .when(ey('RecordScore', officerOf(xnc), clusterScore(xnc, { assessment: 'self' })))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
  });
});

describe("the appraisal tier (thẩm định) of the organizer's emulation office", () => {
  it('is recorded by the organizer only', () => {
    year
      .given(withVice)
      .when(ey('RecordScore', organizer, clusterScore(xnc, { assessment: 'appraisal' })))
      .then([expect.objectContaining({ type: 'ScoreRecorded' })]);
    for (const actor of [chair, officerOf(xnc), admin])
      year
        .given(withVice)
        .when(ey('RecordScore', actor, clusterScore(xnc, { assessment: 'appraisal' })))
        .thenThrows('FORBIDDEN', 'forbidden');
  });

  it('outranks the cluster score, which outranks the self score, and explain names it as the source', () => {
    const l = startedLedger();
    score(l, xnc, 'chuyen-mon', 45, 'self');
    score(l, xnc, 'chuyen-mon', 42, 'cluster');
    const row = () => evaluateRanking(l.events, 'Q1').rows.find((r) => r.unitId === xnc)!;
    expect(row().criteria[0]).toMatchObject({ code: 'chuyen-mon', points: 42, source: 'cluster' });
    score(l, xnc, 'chuyen-mon', 39, 'appraisal');
    expect(row().criteria[0]).toMatchObject({ code: 'chuyen-mon', points: 39, source: 'appraisal' });
    const explained = explainRanking(l.events, 'Q1').rows.find((r) => r.unitId === xnc)!.explain[1]!;
    expect(explained).toMatchObject({ code: 'chuyen-mon', source: 'appraisal', points: 39 });
    expect(explained.entries.map((e) => [e.assessment, e.used])).toEqual([
      ['self', false],
      ['cluster', false],
      ['appraisal', true],
    ]);
  });
});

describe('knock-out conditions raised by findings with evidence', () => {
  const knockOuts = [
    {
      code: 'su-co',
      label: 'Để xảy ra sự cố nghiêm trọng',
      effect: 'cap-classification' as const,
      capTo: 'kha',
    },
    { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật', effect: 'bar-rank-1' as const },
  ];
  const withKnockOuts = [
    ...q1Open().slice(0, -2),
    { type: 'ScoringSchemePublished', data: { version: 1, ...scheme, knockOuts } },
    q1Open().at(-1)!,
  ] as EmulationYearEvent[];
  const find = (over: object = {}, actor = organizer) =>
    ey('RecordFinding', actor, {
      findingId: 'kl-1',
      unitId: xnc,
      period: 'Q1',
      knockOut: 'su-co',
      evidence: 'Biên bản số 12/BB ngày 10/3/2021',
      ...over,
    });

  it('are part of the scheme: a cap names a threshold of it', () => {
    const publish = (k: object) =>
      ey('PublishScoringScheme', organizer, { ...scheme, knockOuts: [k] } as never);
    const given = q1Open().slice(0, -2);
    year
      .given(given)
      .when(publish({ code: 'x', label: 'X', effect: 'cap-classification', capTo: 'khong-co' }))
      .thenThrows('INVALID_KNOCK_OUT', 'unprocessable', 'knockOuts[0].capTo');
    year
      .given(given)
      .when(publish({ code: 'x', label: 'X', effect: 'loai' }))
      .thenThrows('INVALID_KNOCK_OUT', 'unprocessable', 'knockOuts[0].effect');
    year
      .given(given)
      .when(publish(knockOuts[1]!))
      .then([expect.objectContaining({ data: expect.objectContaining({ knockOuts: [knockOuts[1]] }) })]);
  });

  it("are raised by the organizer's finding with evidence, of a knock-out in the scheme, while the period is open", () => {
    year
      .given(withKnockOuts)
      .when(find())
      .then([
        {
          type: 'FindingRecorded',
          data: {
            findingId: 'kl-1',
            unitId: xnc,
            period: 'Q1',
            knockOut: 'su-co',
            evidence: 'Biên bản số 12/BB ngày 10/3/2021',
            effectiveDate: '2021-11-19',
          },
        },
      ]);
    year.given(withKnockOuts).when(find({}, chair)).thenThrows('FORBIDDEN', 'forbidden');
    year
      .given(withKnockOuts)
      .when(find({ knockOut: 'khong-co' }))
      .thenThrows('UNKNOWN_KNOCK_OUT', 'unprocessable', 'knockOut');
    year
      .given(withKnockOuts)
      .when(find({ evidence: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'evidence');
    year
      .given(withKnockOuts)
      .when(find({ period: 'Q2' }))
      .thenThrows('PERIOD_NOT_OPEN', 'unprocessable', 'period');
    const raised = [
      ...withKnockOuts,
      {
        type: 'FindingRecorded',
        data: { findingId: 'kl-1', unitId: xnc, period: 'Q1', knockOut: 'su-co', evidence: 'e' },
      },
    ] as EmulationYearEvent[];
    year.given(raised).when(find()).thenThrows('FINDING_ID_TAKEN', 'conflict', 'findingId');
    year
      .given(raised)
      .when(ey('ClearFinding', organizer, { findingId: 'kl-1', reason: '' }))
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
    year
      .given(raised)
      .when(ey('ClearFinding', organizer, { findingId: 'kl-1', reason: 'Kết luận lại' }))
      .then([
        {
          type: 'FindingCleared',
          data: {
            findingId: 'kl-1',
            unitId: xnc,
            period: 'Q1',
            reason: 'Kết luận lại',
            effectiveDate: '2021-11-19',
          },
        },
      ]);
  });

  it('cap the classification and bar rank 1, and the ranking says which finding did it', () => {
    const l = startedLedger({ ...scheme, knockOuts });
    const full = (unitId: string, xd: number, cm: number) => {
      score(l, unitId, 'xd-dang', xd);
      score(l, unitId, 'chuyen-mon', cm);
      score(l, unitId, 'phong-trao', 18);
    };
    full(anm, 30, 48); // 96: Xuất sắc, rank 1
    full(ktnv, 29, 47); // 94
    full(xnc, 28, 46); // 92
    full(UNITS.ngoaiTuyen.id, 20, 30); // 68
    full(UNITS.canhVe.id, 20, 30); // 68
    const ranks = () =>
      evaluateRanking(l.events, 'Q1').rows.map((r) => [r.unitId, r.rank, r.classification?.code]);
    expect(ranks()[0]).toEqual([anm, 1, 'xuat-sac']);
    l.run(find({ findingId: 'kl-1', unitId: xnc }));
    l.run(find({ findingId: 'kl-2', unitId: anm, knockOut: 'ky-luat' }));
    const ranking = evaluateRanking(l.events, 'Q1');
    expect(ranks()).toEqual([
      [ktnv, 1, 'xuat-sac'],
      [anm, 2, 'xuat-sac'], // barred from rank 1, keeps its classification
      [xnc, 3, 'kha'], // 92 would be Xuất sắc: capped at Khá
      [UNITS.canhVe.id, 4, 'kha'],
      [UNITS.ngoaiTuyen.id, 4, 'kha'],
    ]);
    expect(ranking.rows.find((r) => r.unitId === xnc)!.cappedBy).toEqual([
      {
        findingId: 'kl-1',
        knockOut: 'su-co',
        label: 'Để xảy ra sự cố nghiêm trọng',
        effect: 'cap-classification',
        capTo: 'kha',
        evidence: 'Biên bản số 12/BB ngày 10/3/2021',
      },
    ]);
    expect(ranking.rows.find((r) => r.unitId === ktnv)!.cappedBy).toBeUndefined();
    // Explain says the bar, not the points, put Cục An ninh mạng… below Cục Kỹ thuật nghiệp vụ.
    expect(
      explainRanking(l.events, 'Q1')
        .rows.slice(0, 3)
        .map((r) => [r.unitId, r.placedBy?.by ?? null]),
    ).toEqual([
      [ktnv, null],
      [anm, 'barred-from-rank-1'],
      [xnc, 'total'],
    ]);
    l.run(ey('ClearFinding', organizer, { findingId: 'kl-2', reason: 'Kỷ luật đã được hủy' }));
    expect(ranks().slice(0, 2)).toEqual([
      [anm, 1, 'xuat-sac'],
      [ktnv, 2, 'xuat-sac'],
    ]);
  });
});

describe('rows with missing criteria: no classification, and a reasoned acceptance to seal them', () => {
  const close = (over: object = {}) =>
    ey('ClosePeriod', organizer, { period: 'Q1', rankingDigest: DIGEST, ...over });
  const incomplete = { ...context, incompleteUnits: [xnc, anm] };

  it('refuses to close a period with incomplete rows without an acceptance (422 INCOMPLETE_ROWS)', () => {
    year
      .given(q1Open())
      .when(close(), incomplete)
      .thenThrows('INCOMPLETE_ROWS', 'unprocessable', 'acceptIncomplete');
    year
      .given(q1Open())
      .when(close({ acceptIncomplete: { reason: '' } }), incomplete)
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'acceptIncomplete.reason');
  });

  it('seals the acceptance with its reason and the units concerned', () => {
    year
      .given(q1Open())
      .when(
        close({ acceptIncomplete: { reason: 'Hai đơn vị chưa nộp báo cáo, Cụm thống nhất chốt' } }),
        incomplete,
      )
      .then([
        {
          type: 'PeriodClosed',
          data: {
            period: 'Q1',
            rankingDigest: DIGEST,
            schemeVersion: 1,
            acceptedIncomplete: {
              reason: 'Hai đơn vị chưa nộp báo cáo, Cụm thống nhất chốt',
              unitIds: [anm, xnc],
            },
            effectiveDate: '2021-11-19',
          },
        },
      ]);
  });

  it('refuses an acceptance when nothing is incomplete', () => {
    year
      .given(q1Open())
      .when(close({ acceptIncomplete: { reason: 'Thừa' } }), { ...context, incompleteUnits: [] })
      .thenThrows('NOTHING_INCOMPLETE', 'unprocessable', 'acceptIncomplete');
    year
      .given(q1Open())
      .when(close(), { ...context, incompleteUnits: [] })
      .then([expect.objectContaining({ type: 'PeriodClosed' })]);
  });

  it('leaves a row missing a score criterion unclassified ("chưa đủ điểm"), bonus and penalty not required', () => {
    const l = startedLedger();
    score(l, xnc, 'xd-dang', 30);
    score(l, xnc, 'chuyen-mon', 50);
    const row = () => evaluateRanking(l.events, 'Q1').rows.find((r) => r.unitId === xnc)!;
    expect(row()).toMatchObject({
      total: 80,
      classification: null,
      unclassified: 'chưa đủ điểm',
      missingCriteria: ['phong-trao'],
    });
    score(l, xnc, 'phong-trao', 15);
    expect(row()).toMatchObject({ total: 95, classification: { code: 'xuat-sac' } });
    expect(row().unclassified).toBeUndefined();
  });

  it('keeps a scheme recorded before the rule (schema version 1) under its own rule: classified', () => {
    const l = startedLedger();
    score(l, xnc, 'xd-dang', 30);
    score(l, xnc, 'chuyen-mon', 50);
    const legacy = l.events.map((e) => ({
      ...e,
      data: { ...(e.data as object) },
      metadata: { ...e.metadata, schemaVersion: 1 },
    }));
    for (const e of legacy) delete (e.data as { classifyIncomplete?: boolean }).classifyIncomplete;
    const row = evaluateRanking(legacy, 'Q1').rows.find((r) => r.unitId === xnc)!;
    expect(row).toMatchObject({ total: 80, classification: { code: 'tot' } });
    expect(row.unclassified).toBeUndefined();
  });
});
