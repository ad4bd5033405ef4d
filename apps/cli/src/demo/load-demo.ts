import { DEMO_ADMIN, officerOf, organizerOf } from './demo-actors.js';
import { cum7AwardDecisions } from './demo-awards.js';
import { DemoRequestError, type DemoClient, type DemoRequest } from './demo-client.js';
import { DEMO_EVIDENCE, DEMO_SCHEME, demoPoints, SCORED_CRITERIA, unitInterval } from './demo-scores.js';
import { DemoSession, headPosition, type CommandAnswer, type DemoSectionReport } from './demo-session.js';
import {
  ALL_UNITS,
  CLUSTERS,
  CUM1_2017_UNITS,
  CUM1_2024_UNITS,
  CUM2,
  CUM2_UNITS,
  CUM7_UNITS,
  HT_CUM4_UNITS,
  type DemoCluster,
} from './demo-units.js';

/** Positions and ids an inspector's commands refer to (the same on every run over the same log). */
export interface DemoMarks {
  /** Cụm 2, 2021: the election of the chair for 2022. */
  cum2ElectionId: string;
  /** Cụm 2, 2021, Q2: the self score corrected before the quarter closed, its first points, the correction's position. */
  cum2Q2Correction: { entryId: string; originalPoints: number; position: number };
  /** Cụm 2, 2021: the position of PeriodClosed of Y. */
  cum2YClosed: number;
  /** Cụm 7, 2023: the award decisions issued. */
  cum7DecisionIds: string[];
}

export interface DemoLoadReport {
  headBefore: number;
  headAfter: number;
  commands: number;
  recorded: number;
  replayed: number;
  sections: DemoSectionReport[];
  marks: DemoMarks;
}

export interface LoadDemoOptions {
  /** Called after each part of the demo (progress for the CLI). */
  onSection?: (section: DemoSectionReport) => void;
}

const yearPath = (cluster: DemoCluster, year: number) => `/clusters/${cluster.id}/years/${year}`;

/**
 * Loads the demo built from the seeds through the API's own commands, with the tokens of the roles that
 * would send them. Every command carries an Idempotency-Key named after its step, so loading into a log
 * that already holds the demo records nothing new.
 */
export async function loadDemo(client: DemoClient, options: LoadDemoOptions = {}): Promise<DemoLoadReport> {
  const s = await DemoSession.start(client, options.onSection);
  const marks = {} as DemoMarks;

  await s.section('Đơn vị và Cụm thi đua (units, clusters)', async () => {
    for (const u of ALL_UNITS) {
      const body = {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        ...(u.parent !== undefined && { parentUnitId: u.parent }),
      };
      await s.command(`unit:${u.id}`, DEMO_ADMIN, 'POST', '/units', body);
    }
    for (const c of Object.values(CLUSTERS)) {
      const body = { clusterId: c.id, organizerUnitId: c.organizer, number: c.number, name: c.name };
      await s.command(`cluster:${c.id}`, DEMO_ADMIN, 'POST', '/clusters', body);
    }
  });

  await s.section('Cụm thi đua số 1 – 2017 (giao ước thi đua)', () => cum1Of2017(s));
  await s.section('Cụm thi đua số 2 – 2021 (chấm điểm, bầu Cụm trưởng)', async () => {
    Object.assign(marks, await cum2Of2021(s));
  });
  await s.section('Cụm thi đua số 2 – 2022 (Cụm trưởng được bầu)', () => cum2Of2022(s, marks.cum2ElectionId));
  await s.section('Cụm thi đua số 7 – 2023 (khen thưởng)', async () => {
    marks.cum7DecisionIds = await cum7Of2023(s);
  });
  await s.section('Cụm thi đua số 1 – 2024 (giao ước, 77 chỉ tiêu)', () => cum1Of2024(s));
  await s.section('Cụm thi đua số 4 – Công an tỉnh Hà Tĩnh – Quý II/2021', () => haTinhQ2Of2021(s));

  return {
    headBefore: s.headBefore,
    headAfter: await headPosition(client),
    ...s.totals,
    sections: s.sections,
    marks,
  };
}

async function admit(s: DemoSession, cluster: DemoCluster, year: number, unitId: string): Promise<void> {
  await s.command(
    `${cluster.id}:${year}:admit:${unitId}`,
    organizerOf(cluster.organizer),
    'POST',
    `${yearPath(cluster, year)}/members`,
    { unitId },
  );
}

interface PledgeContent {
  titles: string[];
  targets: Array<{ text: string; count?: number }>;
  keyTasks: string[];
}

async function pledge(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  unitId: string,
  content: PledgeContent,
): Promise<void> {
  await s.command(
    `${cluster.id}:${year}:pledge:${unitId}`,
    officerOf(unitId),
    'POST',
    `${yearPath(cluster, year)}/pledges`,
    { unitId, ...content },
  );
}

/**
 * Seed 002: the seven units under the Minister sign on 23/2/2017; all register Cờ thi đua của Bộ Công an,
 * one also Cờ thi đua của Chính phủ — the seed does not say which: the demo picks Văn phòng Bộ Công an.
 * Targets and key tasks are the pledge's contents as the seed reports them.
 */
export const CUM1_2017_GOVERNMENT_FLAG_UNIT = 'van-phong-bca';

async function cum1Of2017(s: DemoSession): Promise<void> {
  const cluster = CLUSTERS.cum1;
  for (const u of CUM1_2017_UNITS) await admit(s, cluster, 2017, u.id);
  for (const u of CUM1_2017_UNITS) {
    await pledge(s, cluster, 2017, u.id, {
      titles: [
        'co-thi-dua-bo-cong-an',
        ...(u.id === CUM1_2017_GOVERNMENT_FLAG_UNIT ? ['co-thi-dua-chinh-phu'] : []),
      ],
      targets: [
        { text: '100% đơn vị cấp phòng hoàn thành xuất sắc nhiệm vụ chính trị được giao' },
        { text: '100% đảng bộ bộ phận, chi bộ trực thuộc các đảng bộ phấn đấu đạt trong sạch, vững mạnh' },
      ],
      keyTasks: [
        'Đổi mới, nâng cao chất lượng, hiệu quả công tác giáo dục, chính trị tư tưởng',
        'Thực hiện nghiêm túc, hiệu quả công tác xây dựng, chỉnh đốn Đảng theo tinh thần Nghị quyết Trung ương 4 (Khoá XII)',
        'Tổ chức thực hiện có hiệu quả, chất lượng các phong trào thi đua, các cuộc vận động do Đảng, Nhà nước, ngành Công an phát động',
      ],
    });
  }
}

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

const PERIODS_2021 = ['Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const;

/**
 * Seed 003: five units; the organizer seats Cục An ninh mạng… as chair of 2021; a scheme; every period
 * scored (self scores by each unit's officer; in Y, the chair's verified cluster scores too), one
 * correction in Q2 and one in Y; each period closed; at the year-end review (19/11/2021) the chair runs
 * the election of the chair for 2022: Cục Kỹ thuật nghiệp vụ. The organizer's policy (recorded, the
 * default) forbids a second consecutive term, so the sitting chair is not a candidate.
 */
async function cum2Of2021(s: DemoSession): Promise<Omit<DemoMarks, 'cum7DecisionIds'>> {
  const cluster = CLUSTERS.cum2;
  const y = 2021;
  const base = yearPath(cluster, y);
  const step = (name: string) => `${cluster.id}:${y}:${name}`;
  const organizer = organizerOf(cluster.organizer);
  const chair = officerOf(CUM2.anm.id);
  for (const u of CUM2_UNITS) await admit(s, cluster, y, u.id);
  await s.command(step('chair'), organizer, 'POST', `${base}/chair`, {
    unitId: CUM2.anm.id,
    role: 'chair',
    source: 'organizer',
  });
  await s.command(step('chair-policy'), organizer, 'PUT', `${base}/chair-policy`, {
    forbidConsecutiveTerms: true,
  });
  await s.command(step('scheme'), organizer, 'PUT', `${base}/scheme`, DEMO_SCHEME);

  let q2Correction: DemoMarks['cum2Q2Correction'] | undefined;
  let yClosed = 0;
  for (const period of PERIODS_2021) {
    await s.command(step(`${period}:open`), organizer, 'POST', `${base}/periods/${period}/open`);
    const self = new Map<string, { entryId: string; points: number }>();
    for (const u of CUM2_UNITS) {
      for (const c of SCORED_CRITERIA) {
        const points = demoPoints('cum2-2021', u.id, period, c.code, c.maxPoints, CUM2_STRENGTH[u.id]!);
        const answer = await score(s, cluster, y, period, u.id, c.code, points, 'self');
        self.set(`${u.id}|${c.code}`, { entryId: answer.entryId as string, points });
      }
      const bonus = CUM2_BONUS[period]?.[u.id];
      if (bonus !== undefined) await score(s, cluster, y, period, u.id, 'diem-thuong', bonus, 'self');
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
          reason:
            'Dữ liệu minh họa (demo): điều chỉnh sau khi đối chiếu số liệu tại hội nghị giao ban Quý II',
        },
      );
      q2Correction = { entryId: entry.entryId, originalPoints: entry.points, position: answer.position };
    }
    if (period === 'Y') await verifyYearScores(s, cluster, y, self);
    const closed = await s.command(
      step(`${period}:close`),
      organizer,
      'POST',
      `${base}/periods/${period}/close`,
    );
    if (period === 'Y') yClosed = closed.position;
  }

  const opened = await s.command(step('election:chair-2022'), chair, 'POST', `${base}/elections`, {
    role: 'chair',
    candidates: CUM2_UNITS.map((u) => u.id).filter((id) => id !== CUM2.anm.id),
  });
  const electionId = opened.electionId as string;
  for (const [voter, candidate] of Object.entries(CUM2_BALLOTS)) {
    await s.command(
      step(`election:chair-2022:ballot:${voter}`),
      officerOf(voter),
      'POST',
      `${base}/elections/${electionId}/ballots`,
      { voterUnitId: voter, candidateUnitId: candidate },
    );
  }
  await s.command(step('election:chair-2022:close'), chair, 'POST', `${base}/elections/${electionId}/close`);
  return { cum2ElectionId: electionId, cum2Q2Correction: q2Correction!, cum2YClosed: yClosed };
}

/**
 * Y of Cụm 2: the chair unit records the cluster's verified scores (assessment `cluster`, which rankings
 * prefer to the self scores): each self score less 0, ½ or 1 point, then corrects one of them.
 */
async function verifyYearScores(
  s: DemoSession,
  cluster: DemoCluster,
  y: number,
  self: Map<string, { entryId: string; points: number }>,
): Promise<void> {
  const chair = officerOf(CUM2.anm.id);
  let corrected: { entryId: string; points: number; max: number } | undefined;
  for (const u of CUM2_UNITS) {
    for (const c of SCORED_CRITERIA) {
      const selfPoints = self.get(`${u.id}|${c.code}`)!.points;
      const cut = Math.floor(unitInterval(`cum2-2021-verify|${u.id}|${c.code}`) * 3) / 2;
      const points = Math.max(0, selfPoints - cut);
      // The chair unit never verifies itself: its own scores come from the organizer.
      const verifier = u.id === CUM2.anm.id ? organizerOf(cluster.organizer) : chair;
      const answer = await score(s, cluster, y, 'Y', u.id, c.code, points, 'cluster', verifier);
      if (u.id === CUM2.canhVe.id && c.code === 'phong-trao')
        corrected = { entryId: answer.entryId as string, points, max: c.maxPoints };
    }
  }
  const target = corrected!;
  await s.command(
    `${cluster.id}:${y}:Y:correct-cluster:bo-tu-lenh-canh-ve:phong-trao`,
    chair,
    'POST',
    `${yearPath(cluster, y)}/scores/${target.entryId}/corrections`,
    {
      points: target.points + 0.5 <= target.max ? target.points + 0.5 : target.points - 0.5,
      reason:
        'Dữ liệu minh họa (demo): bổ sung minh chứng chương trình hiến máu tình nguyện “Giọt máu nghĩa tình, chung tay đẩy lùi COVID-19”',
    },
  );
}

async function score(
  s: DemoSession,
  cluster: DemoCluster,
  year: number,
  period: string,
  unitId: string,
  criterion: string,
  points: number,
  assessment: 'self' | 'cluster',
  as = officerOf(unitId),
): Promise<CommandAnswer> {
  return s.command(
    `${cluster.id}:${year}:${period}:score:${assessment}:${unitId}:${criterion}`,
    as,
    'POST',
    `${yearPath(cluster, year)}/scores`,
    { unitId, period, criterion, points, assessment, evidence: DEMO_EVIDENCE },
  );
}

/**
 * 2022: the cluster keeps its five units, and Cục Kỹ thuật nghiệp vụ takes up its election (AssignChair,
 * source election): the directory of 2022 then shows it as chair, holding the chair's rights there.
 */
async function cum2Of2022(s: DemoSession, electionId: string): Promise<void> {
  const cluster = CLUSTERS.cum2;
  for (const u of CUM2_UNITS) await admit(s, cluster, 2022, u.id);
  await s.command(
    `${cluster.id}:2022:chair:election`,
    officerOf(CUM2.ktnv.id),
    'POST',
    `${yearPath(cluster, 2022)}/chair`,
    { unitId: CUM2.ktnv.id, role: 'chair', source: 'election', electionId },
  );
}

/** Seed 000: the six units of Cụm 7 and the awards of 2023, recorded by the Ministry's emulation office. */
async function cum7Of2023(s: DemoSession): Promise<string[]> {
  const cluster = CLUSTERS.cum7;
  for (const u of CUM7_UNITS) await admit(s, cluster, 2023, u.id);
  const ids: string[] = [];
  for (const d of cum7AwardDecisions()) {
    const answer = await s.command(
      `${cluster.id}:2023:award:${d.step}`,
      organizerOf(cluster.organizer),
      'POST',
      '/award-decisions',
      d.body,
    );
    ids.push(answer.decisionId as string);
  }
  return ids;
}

/**
 * Seed 001: the five city police forces sign on 4/4/2024 in Đà Nẵng: exceed the 77 work targets the
 * Ministry set, and three key tasks, as reported. The seed names no registered title: the demo registers
 * Cờ thi đua của Bộ Công an for each (a pledge registers at least one title).
 */
async function cum1Of2024(s: DemoSession): Promise<void> {
  const cluster = CLUSTERS.cum1;
  for (const u of CUM1_2024_UNITS) await admit(s, cluster, 2024, u.id);
  for (const u of CUM1_2024_UNITS) {
    await pledge(s, cluster, 2024, u.id, {
      titles: ['co-thi-dua-bo-cong-an'],
      targets: [{ text: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2024 Bộ Công an giao', count: 77 }],
      keyTasks: [
        'Chủ động tham mưu cấp ủy, chính quyền các cấp trong lãnh đạo, chỉ đạo triển khai các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về bảo đảm an ninh, trật tự',
        'Chủ động, nắm chắc tình hình, kịp thời phát hiện, đấu tranh làm thất bại mọi âm mưu, hoạt động chống phá của các thế lực thù địch, phản động',
        'Bảo vệ tuyệt đối an toàn các mục tiêu, địa bàn trọng điểm, các sự kiện chính trị quan trọng của đất nước trên địa bàn 5 thành phố trực thuộc Trung ương',
      ],
    });
  }
}

const HT_STRENGTH: Record<string, number> = {
  'ht-phong-tham-muu': 0.93,
  'ht-phong-ctd-ctct': 0.9,
  'ht-phong-tccb': 0.91,
};

/**
 * Seed 004: Công an tỉnh Hà Tĩnh organizes its own Cụm thi đua số 4; the three departments the seed names
 * are scored for Quý II/2021 and the quarter is closed with its classification (review of 27/7/2021).
 */
async function haTinhQ2Of2021(s: DemoSession): Promise<void> {
  const cluster = CLUSTERS.htCum4;
  const base = yearPath(cluster, 2021);
  const organizer = organizerOf(cluster.organizer);
  for (const u of HT_CUM4_UNITS) await admit(s, cluster, 2021, u.id);
  await s.command(`${cluster.id}:2021:scheme`, organizer, 'PUT', `${base}/scheme`, DEMO_SCHEME);
  await s.command(`${cluster.id}:2021:Q2:open`, organizer, 'POST', `${base}/periods/Q2/open`);
  for (const u of HT_CUM4_UNITS)
    for (const c of SCORED_CRITERIA) {
      const points = demoPoints('ht-cum-4-2021', u.id, 'Q2', c.code, c.maxPoints, HT_STRENGTH[u.id]!);
      await score(s, cluster, 2021, 'Q2', u.id, c.code, points, 'self');
    }
  await s.command(`${cluster.id}:2021:Q2:close`, organizer, 'POST', `${base}/periods/Q2/close`);
}

/**
 * Waits until the read models have applied `position` (GET with ?minPosition=, retried while the API
 * answers 503 PROJECTION_BEHIND), so what the demo prints can be read at once.
 */
export async function waitForReadModels(client: DemoClient, position: number, attempts = 30): Promise<void> {
  const request: DemoRequest = { method: 'GET', path: `/clusters?minPosition=${position}`, as: DEMO_ADMIN };
  for (let i = 1; ; i++) {
    const response = await client.send(request);
    if (response.status === 200) return;
    if (response.status !== 503 || i >= attempts)
      throw new DemoRequestError(request, response, 'read models');
  }
}
