import { DEMO_ADMIN, organizerOf } from './demo-actors.js';
import { cum7AwardDecisions, cum7People, cum7TitleHistory } from './demo-awards.js';
import { cum7Illustrations } from './demo-cum7-after.js';
import { MINISTRY_OFFICE, proposeForDecision } from './demo-proposals.js';
import {
  CUM7_2023_DATES,
  CUM7_PROPOSALS,
  MINH_HOA,
  ministryWindow,
  SEED_DATES,
  SEED_SHA256,
} from './demo-calendar.js';
import { DemoRequestError, type DemoClient, type DemoRequest } from './demo-client.js';
import { cum2Of2021, cum2Of2022, type Cum2Marks } from './demo-cum2.js';
import { haTinhQ2Of2021 } from './demo-ha-tinh.js';
import { DEMO_SCHEME } from './demo-scores.js';
import { DemoSession, headPosition, type DemoSectionReport } from './demo-session.js';
import { admit, conference, pledge, registerPeople, yearPath } from './demo-steps.js';
import {
  ALL_UNITS,
  BLOCS,
  BO_CONG_AN,
  CLUSTERS,
  CUM1_2017_UNITS,
  CUM1_2024_UNITS,
  CUM7_UNITS,
  type DemoCluster,
} from './demo-units.js';

/** Positions and ids an inspector's commands refer to (the same on every run over the same log). */
export interface DemoMarks extends Cum2Marks {
  /** Cụm 7, 2023: the award decisions issued. */
  cum7DecisionIds: string[];
  /** Hà Tĩnh's Cụm 4, 2021: the complaint on a classification of Q2 (disputed from 10/8 to 30/8/2021). */
  htComplaintId: string;
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

/** The Ministry's years the demo records acts in: each gets its emulation window first. */
const MINISTRY_YEARS = [2017, 2021, 2022, 2023, 2024];

/**
 * Loads the demo built from the seeds through the API's own commands, with the tokens of the roles that
 * would send them. Every act carries its business date (the seed's where it gives one, else a demo date,
 * said so in the act's text where it has one). Every command carries an Idempotency-Key named after its
 * step, so loading into a log that already holds the demo records nothing new. Registry acts (units,
 * blocs, clusters) are not dated by the seeds: they carry the date they are loaded on.
 */
export async function loadDemo(client: DemoClient, options: LoadDemoOptions = {}): Promise<DemoLoadReport> {
  const s = await DemoSession.start(client, options.onSection);
  const marks = {} as DemoMarks;

  await s.section('Đơn vị, Khối và Cụm thi đua (units, blocs, clusters)', async () => {
    for (const u of ALL_UNITS) {
      const body = {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        ...(u.parent !== undefined && { parentUnitId: u.parent }),
      };
      await s.command(`unit:${u.id}`, DEMO_ADMIN, 'POST', '/units', body);
    }
    for (const b of Object.values(BLOCS)) {
      const body = { blocId: b.id, organizerUnitId: b.organizer, name: b.name };
      await s.command(`bloc:${b.id}`, DEMO_ADMIN, 'POST', '/blocs', body);
    }
    for (const c of Object.values(CLUSTERS) as DemoCluster[]) {
      const body = {
        clusterId: c.id,
        organizerUnitId: c.organizer,
        number: c.number,
        name: c.name,
        ...(c.bloc !== undefined && { blocId: c.bloc }),
      };
      await s.command(`cluster:${c.id}`, DEMO_ADMIN, 'POST', '/clusters', body);
    }
    for (const year of MINISTRY_YEARS)
      await s.command(
        `window:${BO_CONG_AN.id}:${year}`,
        organizerOf(BO_CONG_AN.id),
        'PUT',
        `/organizers/${BO_CONG_AN.id}/years/${year}/window`,
        ministryWindow(year),
      );
  });

  await s.section('Cụm thi đua số 1 (Khối trực thuộc Bộ trưởng) – 2017 (ký kết giao ước)', () =>
    cum1Of2017(s),
  );
  await s.section(
    'Cụm thi đua số 2 – 2021 (chấm điểm, kiểm tra chéo, thẩm định, bầu Cụm trưởng)',
    async () => {
      Object.assign(marks, await cum2Of2021(s));
    },
  );
  await s.section('Cụm thi đua số 2 – 2022 (Cụm trưởng được bầu)', () => cum2Of2022(s, marks.cum2ElectionId));
  await s.section('Cụm thi đua số 7 – 2023 (kế hoạch, giao ước, tổng kết, khen thưởng)', async () => {
    marks.cum7DecisionIds = await cum7Of2023(s);
  });
  await s.section('Cụm thi đua số 1 (Khối Công an địa phương) – 2024 (giao ước, 77 chỉ tiêu)', () =>
    cum1Of2024(s),
  );
  await s.section('Cụm thi đua số 4 – Công an tỉnh Hà Tĩnh – Quý II/2021', async () => {
    marks.htComplaintId = (await haTinhQ2Of2021(s)).complaintId;
  });

  return {
    headBefore: s.headBefore,
    headAfter: await headPosition(client),
    ...s.totals,
    sections: s.sections,
    marks,
  };
}

/**
 * Seed 002: the seven units under the Minister sign on 23/2/2017 in Hà Nội; all register Cờ thi đua của Bộ
 * Công an, one also Cờ thi đua của Chính phủ — the seed does not say which: the demo picks Văn phòng Bộ
 * Công an. Targets and key tasks are the pledge's contents as the seed reports them.
 */
export const CUM1_2017_GOVERNMENT_FLAG_UNIT = 'van-phong-bca';

async function cum1Of2017(s: DemoSession): Promise<void> {
  const cluster = CLUSTERS.cum1TrucThuoc;
  const on = SEED_DATES.cum1Signing2017;
  for (const u of CUM1_2017_UNITS) await admit(s, cluster, 2017, u.id, on);
  await conference(s, cluster, 2017, {
    step: 'ky-ket',
    kind: 'ký kết',
    date: on,
    place: 'Hà Nội',
    presidingUnitId: CUM1_2017_GOVERNMENT_FLAG_UNIT,
    seed: '002',
    sha256: SEED_SHA256['002'],
    note: 'ngày và nơi họp theo bài báo; đơn vị chủ trì (Văn phòng Bộ Công an) không có trong nguồn',
  });
  for (const u of CUM1_2017_UNITS) {
    await pledge(
      s,
      cluster,
      2017,
      u.id,
      {
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
      },
      on,
    );
  }
}

/**
 * Seed 000, per unit: "3 nội dung công tác lớn, trọng tâm … là tham mưu, đề xuất, hướng dẫn các nhiệm vụ
 * công tác về tổ chức cán bộ, đào tạo, công tác Đảng, công tác chính trị, báo chí, tuyên truyền, thanh tra
 * và kiểm tra Đảng": the demo gives each unit the three, on its own field (the split is demo data).
 */
export const CUM7_FIELDS: Record<string, string> = {
  'cuc-ctd-ctct': 'công tác Đảng, công tác chính trị',
  'cuc-truyen-thong': 'báo chí, tuyên truyền',
  'cuc-tccb': 'tổ chức cán bộ',
  'cuc-dao-tao': 'đào tạo',
  'thanh-tra-cand': 'thanh tra',
  'co-quan-ubkt': 'kiểm tra Đảng',
};

/**
 * Seed 000: the six units of Cụm 7 in 2023 — the plan (Kế hoạch triển khai phong trào thi đua), the
 * criteria and scale of 2023, the pledges with three key tasks each (the cluster's recorded rule: three,
 * no title required), the year-end review (tổng kết) of 28/11/2023 closing the year — the seed gives no
 * score, so the year is sealed with every row "chưa đủ điểm" by a reasoned acceptance — and the awards of
 * 2023, recorded by the Ministry's emulation office.
 */
async function cum7Of2023(s: DemoSession): Promise<string[]> {
  const cluster = CLUSTERS.cum7;
  const y = 2023;
  const base = yearPath(cluster, y);
  const step = (name: string) => `${cluster.id}:${y}:${name}`;
  const organizer = organizerOf(cluster.organizer);
  const d = CUM7_2023_DATES;
  for (const u of CUM7_UNITS) await admit(s, cluster, y, u.id, d.admitted);
  await s.command(step('plan'), organizer, 'POST', `${base}/plans`, {
    title: 'Kế hoạch triển khai phong trào thi đua “Vì an ninh Tổ quốc” năm 2023 của Cụm thi đua số 7',
    reference: `Số 01/KH-CTĐ7 (${MINH_HOA})`,
    effectiveDate: d.planned,
  });
  await s.command(step('scheme'), organizer, 'PUT', `${base}/scheme`, {
    ...DEMO_SCHEME,
    effectiveDate: d.planned,
  });
  await s.command(step('pledge-rules'), organizer, 'PUT', `${base}/pledge-rules`, {
    keyTasks: 3,
    titleRequired: false,
    effectiveDate: d.planned,
  });
  await s.command(step('Y:open'), organizer, 'POST', `${base}/periods/Y/open`, { effectiveDate: d.planned });
  for (const u of CUM7_UNITS) {
    const field = CUM7_FIELDS[u.id]!;
    await pledge(
      s,
      cluster,
      y,
      u.id,
      {
        titles: [],
        targets: [
          { text: `Hoàn thành vượt mức chỉ tiêu, nhiệm vụ công tác chuyên môn năm 2023 (${MINH_HOA})` },
        ],
        keyTasks: [
          `Tham mưu các nhiệm vụ công tác về ${field} (${MINH_HOA})`,
          `Đề xuất các nhiệm vụ công tác về ${field} (${MINH_HOA})`,
          `Hướng dẫn các nhiệm vụ công tác về ${field} (${MINH_HOA})`,
        ],
      },
      d.pledged,
    );
  }
  await conference(s, cluster, y, {
    step: 'tong-ket',
    kind: 'tổng kết',
    date: SEED_DATES.cum7Review2023,
    place: `Hà Nội (${MINH_HOA})`,
    presidingUnitId: 'cuc-ctd-ctct',
    seed: '000',
    sha256: SEED_SHA256['000'],
    note: 'ngày theo bài báo; nơi họp và đơn vị chủ trì không có trong nguồn',
  });
  await s.command(step('Y:close'), organizer, 'POST', `${base}/periods/Y/close`, {
    effectiveDate: SEED_DATES.cum7Review2023,
    acceptIncomplete: {
      reason: `Nguồn tin (seed 000) không nêu điểm chấm của các đơn vị: năm 2023 được niêm phong không xếp loại – ${MINH_HOA}`,
    },
  });
  // Issue 12: the people of the individual awards, the registration deadline of 2023, the registrations
  // of the titles that need one and the titles held before the ledger (all demo data).
  await registerPeople(s, cluster.organizer, cum7People(), d.peopleRegistered);
  await s.command(
    `${cluster.organizer}:${y}:registration-deadline`,
    organizer,
    'PUT',
    `/organizers/${cluster.organizer}/years/${y}/registration-deadline`,
    { deadline: d.registrationDeadline, effectiveDate: d.planned },
  );
  for (const { personId, code, prior } of cum7TitleHistory()) {
    await s.command(
      `person:${personId}:register:${y}:${code}`,
      organizer,
      'POST',
      `/people/${personId}/title-registrations`,
      {
        year: y,
        code,
        organizerUnitId: cluster.organizer,
        effectiveDate: d.titlesRegistered,
      },
    );
    for (const t of prior)
      await s.command(
        `person:${personId}:prior:${t.year}:${t.code}`,
        organizer,
        'POST',
        `/people/${personId}/prior-titles`,
        {
          ...t,
          effectiveDate: d.titlesRegistered,
        },
      );
  }
  const ids: string[] = [];
  const decisions = cum7AwardDecisions();
  for (const decision of decisions) {
    // Each decision carries out the approved items of a proposal (its path is demo data: CUM7_PROPOSALS).
    const items = await proposeForDecision(
      s,
      {
        step: `${cluster.id}:${y}:${decision.step}`,
        proposerUnitId: decision.proposerUnitId,
        office: decision.body.authority === 'thu-truong-don-vi' ? DEMO_ADMIN : MINISTRY_OFFICE,
        ...CUM7_PROPOSALS,
      },
      decision.body.authority,
      decision.items,
    );
    const awards = decision.body.awards.map((a, i) => ({ ...a, proposalItem: items[i]! }));
    const answer = await s.command(step(`award:${decision.step}`), organizer, 'POST', '/award-decisions', {
      ...decision.body,
      awards,
    });
    ids.push(answer.decisionId as string);
  }
  // Seed 000's own headline: "486 lượt" — recorded as stated, beside the 836 its itemised counts add up to.
  await s.command(step('reported-figures'), organizer, 'PUT', `${base}/reported-figures`, {
    total: 486,
    source: {
      reference: 'Bài báo tổng kết phong trào thi đua năm 2023 của Cụm thi đua số 7 (seed 000): “486 lượt”',
      sha256: SEED_SHA256['000'],
    },
    effectiveDate: SEED_DATES.cum7Review2023,
  });
  // Issue 12: a flag, a revocation and an erasure to click through (the seed gives none: demo data).
  await cum7Illustrations(s, decisions, ids);
  return ids;
}

/**
 * Seed 001: the five city police forces sign on 4/4/2024 in Đà Nẵng: exceed the 77 work targets the
 * Ministry set, and three key tasks, as reported. The seed names no registered title, and the cluster
 * recorded no pledge rule: the pledges register none.
 */
async function cum1Of2024(s: DemoSession): Promise<void> {
  const cluster = CLUSTERS.cum1DiaPhuong;
  const on = SEED_DATES.cum1Signing2024;
  for (const u of CUM1_2024_UNITS) await admit(s, cluster, 2024, u.id, on);
  await conference(s, cluster, 2024, {
    step: 'ky-ket',
    kind: 'ký kết',
    date: on,
    place: 'Đà Nẵng',
    presidingUnitId: 'ca-da-nang',
    seed: '001',
    sha256: SEED_SHA256['001'],
    note: 'ngày và nơi họp theo bài báo; đơn vị chủ trì (Công an thành phố Đà Nẵng) không có trong nguồn',
  });
  for (const u of CUM1_2024_UNITS) {
    await pledge(
      s,
      cluster,
      2024,
      u.id,
      {
        titles: [],
        targets: [{ text: 'Hoàn thành vượt mức 77 chỉ tiêu công tác năm 2024 Bộ Công an giao', count: 77 }],
        keyTasks: [
          'Chủ động tham mưu cấp ủy, chính quyền các cấp trong lãnh đạo, chỉ đạo triển khai các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về bảo đảm an ninh, trật tự',
          'Chủ động, nắm chắc tình hình, kịp thời phát hiện, đấu tranh làm thất bại mọi âm mưu, hoạt động chống phá của các thế lực thù địch, phản động',
          'Bảo vệ tuyệt đối an toàn các mục tiêu, địa bàn trọng điểm, các sự kiện chính trị quan trọng của đất nước trên địa bàn 5 thành phố trực thuộc Trung ương',
        ],
      },
      on,
    );
  }
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
