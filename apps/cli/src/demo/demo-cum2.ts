import { officerOf, organizerOf } from './demo-actors.js';
import {
  CUM2_2021_ASSESSMENT_DATES as DATES,
  CUM2_2021_DATES,
  CUM2_2022_OPENS,
  MINH_HOA,
  SEED_DATES,
  SEED_SHA256,
} from './demo-calendar.js';
import { DEMO_SCHEME, demoPoints, SCORED_CRITERIA, unitInterval } from './demo-scores.js';
import type { DemoSession } from './demo-session.js';
import { admit, conference, score, yearPath } from './demo-steps.js';
import { CLUSTERS, CUM2, CUM2_UNITS } from './demo-units.js';

/** How strong each unit of Cụm 2 is in the generated scores (share of the maximum it tends to reach). */
const CUM2_STRENGTH: Record<string, number> = {
  [CUM2.ktnv.id]: 0.95,
  [CUM2.anm.id]: 0.93,
  [CUM2.canhVe.id]: 0.91,
  [CUM2.qlxnc.id]: 0.9,
  [CUM2.ngoaiTuyen.id]: 0.88,
};

/** Bonus points (điểm thưởng) self-reported for outstanding results, per period (demo). */
const CUM2_BONUS: Record<string, Record<string, number>> = {
  Q3: { [CUM2.ktnv.id]: 2 },
  Y: { [CUM2.ktnv.id]: 3, [CUM2.anm.id]: 2 },
};

/**
 * The ballots for the chair of 2022 (the seed gives the result, not the votes): four for Cục Kỹ thuật
 * nghiệp vụ, and its own for Cục Quản lý xuất nhập cảnh.
 */
export const CUM2_BALLOTS: Record<string, string> = {
  [CUM2.anm.id]: CUM2.ktnv.id,
  [CUM2.ktnv.id]: CUM2.qlxnc.id,
  [CUM2.ngoaiTuyen.id]: CUM2.ktnv.id,
  [CUM2.qlxnc.id]: CUM2.ktnv.id,
  [CUM2.canhVe.id]: CUM2.ktnv.id,
};

/** Independent assessment in Y (demo): who inspects the chair unit, the finding of Q3, the appraisal. */
export const CUM2_ASSESSMENT = {
  /** Kiểm tra chéo: Cục Kỹ thuật nghiệp vụ inspects the chair unit (Cục An ninh mạng…) in Y. */
  inspection: {
    period: 'Y',
    inspectedUnitId: CUM2.anm.id,
    inspectorUnitId: CUM2.ktnv.id,
    on: DATES.inspectionAssigned,
  },
  /** A serious incident found at Cục Ngoại tuyến in Q3: its classification is capped at Khá. */
  finding: {
    unitId: CUM2.ngoaiTuyen.id,
    period: 'Q3',
    knockOut: 'su-co-nghiem-trong',
    on: DATES.finding,
  },
  /** The organizer's emulation office appraises (thẩm định) one verified score of Y. */
  appraisal: { unitId: CUM2.ktnv.id, criterion: 'chuyen-mon', cut: 1.5, on: DATES.appraisal },
} as const;

const PERIODS_2021 = ['Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const;

export interface Cum2Marks {
  /** Cụm 2, 2021: the election of the chair for 2022. */
  cum2ElectionId: string;
  /** Cụm 2, 2021, Q2: the self score corrected before the quarter closed, its first points, the correction's position. */
  cum2Q2Correction: { entryId: string; originalPoints: number; position: number };
  /** Cụm 2, 2021: the position of PeriodClosed of Y. */
  cum2YClosed: number;
}

/**
 * Seed 003: five units; the organizer seats Cục An ninh mạng… as chair of 2021; a scheme; every period
 * scored (self scores by each unit's officer; in Y, the cluster's verified scores — the chair for the
 * others, the unit the organizer assigned to inspect the chair for the chair —, and one appraisal by the
 * organizer), one correction in Q2 and one in Y, a finding in Q3; each period closed; the year-end review
 * (tổng kết) of 19/11/2021 in Hà Nội, presided over by the chair, runs the election of the chair for 2022:
 * Cục Kỹ thuật nghiệp vụ. The organizer's policy (recorded, the default) forbids a second consecutive
 * term, so the sitting chair is not a candidate. Every date but 19/11/2021 is demo data.
 */
export async function cum2Of2021(s: DemoSession): Promise<Cum2Marks> {
  const cluster = CLUSTERS.cum2;
  const y = 2021;
  const base = yearPath(cluster, y);
  const step = (name: string) => `${cluster.id}:${y}:${name}`;
  const organizer = organizerOf(cluster.organizer);
  const chair = officerOf(CUM2.anm.id);
  const start = CUM2_2021_DATES['Q1']!.opened;
  for (const u of CUM2_UNITS) await admit(s, cluster, y, u.id, start);
  await s.command(step('chair'), organizer, 'POST', `${base}/chair`, {
    unitId: CUM2.anm.id,
    role: 'chair',
    source: 'organizer',
    effectiveDate: start,
  });
  await s.command(step('chair-policy'), organizer, 'PUT', `${base}/chair-policy`, {
    forbidConsecutiveTerms: true,
    effectiveDate: start,
  });
  await s.command(step('scheme'), organizer, 'PUT', `${base}/scheme`, {
    ...DEMO_SCHEME,
    effectiveDate: start,
  });

  let q2Correction: Cum2Marks['cum2Q2Correction'] | undefined;
  let yClosed = 0;
  for (const period of PERIODS_2021) {
    const dates = CUM2_2021_DATES[period]!;
    await s.command(step(`${period}:open`), organizer, 'POST', `${base}/periods/${period}/open`, {
      effectiveDate: dates.opened,
    });
    const self = new Map<string, { entryId: string; points: number }>();
    for (const u of CUM2_UNITS) {
      for (const c of SCORED_CRITERIA) {
        const points = demoPoints('cum2-2021', u.id, period, c.code, c.maxPoints, CUM2_STRENGTH[u.id]!);
        const answer = await score(s, cluster, y, {
          period,
          unitId: u.id,
          criterion: c.code,
          points,
          assessment: 'self',
          on: dates.self,
        });
        self.set(`${u.id}|${c.code}`, { entryId: answer.entryId as string, points });
      }
      const bonus = CUM2_BONUS[period]?.[u.id];
      if (bonus !== undefined)
        await score(s, cluster, y, {
          period,
          unitId: u.id,
          criterion: 'diem-thuong',
          points: bonus,
          assessment: 'self',
          on: dates.self,
        });
    }
    if (period === 'Q2') {
      const entry = self.get(`${CUM2.qlxnc.id}|chuyen-mon`)!;
      const answer = await s.command(
        step('Q2:correct:cuc-qlxnc:chuyen-mon'),
        officerOf(CUM2.qlxnc.id),
        'POST',
        `${base}/scores/${entry.entryId}/corrections`,
        {
          points: Math.max(0, entry.points - 2),
          reason: `Dữ liệu ${MINH_HOA}: điều chỉnh sau khi đối chiếu số liệu trước hội nghị giao ban Quý II`,
          effectiveDate: dates.verified,
        },
      );
      q2Correction = { entryId: entry.entryId, originalPoints: entry.points, position: answer.position };
    }
    if (period === 'Q3') {
      const f = CUM2_ASSESSMENT.finding;
      await s.command(step(`Q3:finding:${f.unitId}:${f.knockOut}`), organizer, 'POST', `${base}/findings`, {
        unitId: f.unitId,
        period: f.period,
        knockOut: f.knockOut,
        evidence: `Kết luận kiểm tra số 45/KL-X05 ngày 28/9/2021 (${MINH_HOA}): để xảy ra sự cố nghiêm trọng`,
        effectiveDate: f.on,
      });
    }
    if (period === 'Y') await assessYear(s, self);
    const closed = await s.command(
      step(`${period}:close`),
      organizer,
      'POST',
      `${base}/periods/${period}/close`,
      {
        effectiveDate: dates.closed,
      },
    );
    if (period === 'Y') yClosed = closed.position;
    if (period === 'Q4')
      // The year-end review closes Q4, then the year (Y), at the same conference.
      await conference(
        s,
        cluster,
        y,
        {
          step: 'tong-ket',
          kind: 'tổng kết',
          date: SEED_DATES.cum2Review2021,
          place: 'Hà Nội',
          presidingUnitId: CUM2.anm.id,
          seed: '003',
          sha256: SEED_SHA256['003'],
          note: 'ngày, nơi họp và đơn vị chủ trì (Cụm trưởng) theo bài báo',
        },
        chair,
      );
  }

  const on = SEED_DATES.cum2Review2021;
  const opened = await s.command(step('election:chair-2022'), chair, 'POST', `${base}/elections`, {
    role: 'chair',
    candidates: CUM2_UNITS.map((u) => u.id).filter((id) => id !== CUM2.anm.id),
    effectiveDate: on,
  });
  const electionId = opened.electionId as string;
  for (const [voter, candidate] of Object.entries(CUM2_BALLOTS)) {
    await s.command(
      step(`election:chair-2022:ballot:${voter}`),
      officerOf(voter),
      'POST',
      `${base}/elections/${electionId}/ballots`,
      { voterUnitId: voter, candidateUnitId: candidate, effectiveDate: on },
    );
  }
  await s.command(step('election:chair-2022:close'), chair, 'POST', `${base}/elections/${electionId}/close`, {
    effectiveDate: on,
  });
  return { cum2ElectionId: electionId, cum2Q2Correction: q2Correction!, cum2YClosed: yClosed };
}

/**
 * Y of Cụm 2, assessed independently: the organizer assigns Cục Kỹ thuật nghiệp vụ to inspect the chair
 * unit (kiểm tra chéo), which records the chair unit's verified scores; the chair unit records the others'
 * (assessment `cluster`, which rankings prefer to the self scores): each self score less 0, ½ or 1 point,
 * and corrects one of them; the organizer's emulation office then appraises one score (assessment
 * `appraisal`, which outranks the cluster's).
 */
async function assessYear(
  s: DemoSession,
  self: Map<string, { entryId: string; points: number }>,
): Promise<void> {
  const cluster = CLUSTERS.cum2;
  const y = 2021;
  const base = yearPath(cluster, y);
  const organizer = organizerOf(cluster.organizer);
  const chair = officerOf(CUM2.anm.id);
  const dates = CUM2_2021_DATES['Y']!;
  const i = CUM2_ASSESSMENT.inspection;
  await s.command(
    `${cluster.id}:${y}:Y:inspection:${i.inspectedUnitId}`,
    organizer,
    'POST',
    `${base}/inspections`,
    {
      period: i.period,
      inspectedUnitId: i.inspectedUnitId,
      inspectorUnitId: i.inspectorUnitId,
      reason: `Kiểm tra chéo đơn vị Cụm trưởng – ${MINH_HOA}`,
      effectiveDate: i.on,
    },
  );
  let corrected: { entryId: string; points: number; max: number } | undefined;
  const verified = new Map<string, number>();
  for (const u of CUM2_UNITS) {
    for (const c of SCORED_CRITERIA) {
      const selfPoints = self.get(`${u.id}|${c.code}`)!.points;
      const cut = Math.floor(unitInterval(`cum2-2021-verify|${u.id}|${c.code}`) * 3) / 2;
      const points = Math.max(0, selfPoints - cut);
      verified.set(`${u.id}|${c.code}`, points);
      // The chair unit never assesses itself: the unit assigned to inspect it does.
      const verifier = u.id === i.inspectedUnitId ? officerOf(i.inspectorUnitId) : chair;
      const answer = await score(
        s,
        cluster,
        y,
        { period: 'Y', unitId: u.id, criterion: c.code, points, assessment: 'cluster', on: dates.verified },
        verifier,
      );
      if (u.id === CUM2.canhVe.id && c.code === 'phong-trao')
        corrected = { entryId: answer.entryId as string, points, max: c.maxPoints };
    }
  }
  const target = corrected!;
  await s.command(
    `${cluster.id}:${y}:Y:correct-cluster:bo-tu-lenh-canh-ve:phong-trao`,
    chair,
    'POST',
    `${base}/scores/${target.entryId}/corrections`,
    {
      points: target.points + 0.5 <= target.max ? target.points + 0.5 : target.points - 0.5,
      reason:
        `Dữ liệu ${MINH_HOA}: bổ sung minh chứng chương trình hiến máu tình nguyện ` +
        '“Giọt máu nghĩa tình, chung tay đẩy lùi COVID-19”',
      effectiveDate: DATES.clusterCorrection,
    },
  );
  const a = CUM2_ASSESSMENT.appraisal;
  await score(
    s,
    cluster,
    y,
    {
      period: 'Y',
      unitId: a.unitId,
      criterion: a.criterion,
      points: Math.max(0, verified.get(`${a.unitId}|${a.criterion}`)! - a.cut),
      assessment: 'appraisal',
      on: a.on,
      evidence: `Kết quả thẩm định của cơ quan thường trực Hội đồng Thi đua – Khen thưởng Bộ Công an – ${MINH_HOA}`,
    },
    organizer,
  );
}

/**
 * 2022: the cluster keeps its five units, and Cục Kỹ thuật nghiệp vụ takes up its election (AssignChair,
 * source election): the directory of 2022 then shows it as chair, holding the chair's rights there.
 */
export async function cum2Of2022(s: DemoSession, electionId: string): Promise<void> {
  const cluster = CLUSTERS.cum2;
  const on = CUM2_2022_OPENS;
  for (const u of CUM2_UNITS) await admit(s, cluster, 2022, u.id, on);
  await s.command(
    `${cluster.id}:2022:chair:election`,
    officerOf(CUM2.ktnv.id),
    'POST',
    `${yearPath(cluster, 2022)}/chair`,
    { unitId: CUM2.ktnv.id, role: 'chair', source: 'election', electionId, effectiveDate: on },
  );
}
