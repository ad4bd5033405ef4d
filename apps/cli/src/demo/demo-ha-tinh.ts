import type { DemoPerson } from './demo-awards.js';
import { officerOf, organizerOf } from './demo-actors.js';
import {
  HA_TINH_WINDOW_2021,
  HT_2021_DATES as D,
  MINH_HOA,
  SEED_DATES,
  SEED_SHA256,
} from './demo-calendar.js';
import { DEMO_EVIDENCE, DEMO_SCHEME, demoPoints, SCORED_CRITERIA } from './demo-scores.js';
import type { DemoSession } from './demo-session.js';
import { registerPeople } from './demo-steps.js';
import { CA_HA_TINH, CLUSTERS, HT_CUM4_UNITS, HT_SUB_UNITS, type DemoUnit } from './demo-units.js';

/**
 * Seed 004, Quý II/2021 of Công an tỉnh Hà Tĩnh's Cụm thi đua số 4: "2 tập thể, 4 cá nhân được Bộ Công an,
 * UBND tỉnh tặng Bằng khen; 10 tập thể, 47 cá nhân được Giám đốc Công an tỉnh biểu dương gương người tốt việc
 * tốt; 31 lượt tập thể được biểu dương tại thông báo tháng". The seed gives the counts only: the split of the
 * Bằng khen between the Ministry and the province (1 + 2 each), the recipients (the Đội of the three Phòng,
 * and their people), the monthly split of the 31 (10, 10, 11), the numbers and dates are demo data.
 */
export interface HaTinhAward {
  /** Seed 004 reports these as the quarter's awards for outstanding deeds, not a year-end proposal. */
  adHoc: { reason: string };
  code: string;
  recipient: { kind: 'collective'; unitId: string } | { kind: 'individual'; personId: string };
  year: number;
  citation: string;
}

export interface HaTinhDecision {
  step: string;
  body: { number: string; date: string; authority: string; awards: HaTinhAward[] };
}

const NOTE = `Dữ liệu ${MINH_HOA}: nguồn tin chỉ nêu số lượng`;
/**
 * Khen thưởng đột xuất: seed 004 lists these in-quarter awards (Bằng khen, biểu dương gương người tốt việc
 * tốt, biểu dương tại thông báo tháng) as the quarter's recognition of deeds, "khen thưởng kịp thời các cá
 * nhân, tập thể có thành tích đột xuất", with no proposal.
 */
const AD_HOC = {
  reason:
    'Khen thưởng kịp thời thành tích trong Quý II/2021 (seed 004: "thành tích đột xuất"), không qua tờ trình',
};

function recipients(
  units: readonly DemoUnit[],
  start: number,
  collectives: number,
  individuals: number,
  first: number,
) {
  const collective = Array.from({ length: collectives }, (_, i) => units[(start + i) % units.length]!);
  const individual = Array.from({ length: individuals }, (_, i) =>
    haTinhPerson(first + i, units[(start + i) % units.length]!),
  );
  return { collective, individual };
}

/** A person of Hà Tĩnh's awards ("Cán bộ Hà Tĩnh minh họa 001", Thiếu tá, of a Đội): registered first. */
function haTinhPerson(n: number, unit: DemoUnit): DemoPerson {
  const number = String(n).padStart(3, '0');
  return {
    personId: `cb-ht-${number}`,
    unitId: unit.id,
    fullName: `Cán bộ Hà Tĩnh minh họa ${number}`,
    rankTitle: 'Thiếu tá',
  };
}

/** Every person Hà Tĩnh's decisions name, in their order: registered before the decisions. */
export function haTinhPeople(units: readonly DemoUnit[] = HT_SUB_UNITS): DemoPerson[] {
  const people: DemoPerson[] = [];
  haTinhQ2Decisions(units, people);
  return people;
}

export function haTinhQ2Decisions(
  units: readonly DemoUnit[] = HT_SUB_UNITS,
  people: DemoPerson[] = [],
): HaTinhDecision[] {
  let person = 1;
  const decision = (
    step: string,
    number: string,
    date: string,
    authority: string,
    code: string,
    citation: string,
    c: number,
    i: number,
    start: number,
  ): HaTinhDecision => {
    const r = recipients(units, start, c, i, person);
    person += i;
    people.push(...r.individual);
    const awards: HaTinhAward[] = [
      ...r.collective.map((u) => ({
        adHoc: AD_HOC,
        code,
        recipient: { kind: 'collective' as const, unitId: u.id },
        year: 2021,
        citation: `${citation} — ${NOTE}`,
      })),
      ...r.individual.map(({ personId }) => ({
        adHoc: AD_HOC,
        code,
        recipient: { kind: 'individual' as const, personId },
        year: 2021,
        citation: `${citation} — ${NOTE}`,
      })),
    ];
    return { step, body: { number: `${number} (minh họa)`, date, authority, awards } };
  };
  const bk = 'Có thành tích xuất sắc trong phong trào thi đua “Vì an ninh Tổ quốc” Quý II/2021';
  const gương = 'Gương người tốt việc tốt';
  return [
    decision('bk-bca', '3105/QĐ-BCA', '2021-05-20', 'bo-truong-bca', 'bang-khen-bo-truong-bca', bk, 1, 2, 0),
    decision(
      'bk-ubnd',
      '1520/QĐ-UBND',
      '2021-06-10',
      'chu-tich-ubnd-tinh',
      'bang-khen-chu-tich-ubnd-tinh',
      bk,
      1,
      2,
      1,
    ),
    decision('bieu-duong-gd', '845/QĐ-CAT', '2021-06-25', 'giam-doc-ca-tinh', 'bieu-duong', gương, 10, 47, 2),
    decision(
      'thong-bao-t4',
      '12/TB-CAT',
      '2021-04-30',
      'giam-doc-ca-tinh',
      'bieu-duong',
      'Biểu dương tại thông báo tháng 4',
      10,
      0,
      0,
    ),
    decision(
      'thong-bao-t5',
      '15/TB-CAT',
      '2021-05-31',
      'giam-doc-ca-tinh',
      'bieu-duong',
      'Biểu dương tại thông báo tháng 5',
      10,
      0,
      2,
    ),
    decision(
      'thong-bao-t6',
      '19/TB-CAT',
      '2021-06-30',
      'giam-doc-ca-tinh',
      'bieu-duong',
      'Biểu dương tại thông báo tháng 6',
      11,
      0,
      1,
    ),
  ];
}

const HT_STRENGTH: Record<string, number> = {
  'ht-phong-tham-muu': 0.93,
  'ht-phong-ctd-ctct': 0.9,
  'ht-phong-tccb': 0.91,
};

/**
 * Seed 004: Công an tỉnh Hà Tĩnh organizes its own Cụm thi đua số 4; the three departments the seed names are
 * scored for Quý II/2021 and the quarter is reviewed and classified at the giao ban of 27/7/2021. Then the
 * quarter's awards (counted per quarter, biểu dương apart), a complaint on the classification (minh họa,
 * disputed while open) and a person's discipline facts (minh họa).
 */
export async function haTinhQ2Of2021(s: DemoSession): Promise<{ complaintId: string }> {
  const cluster = CLUSTERS.htCum4;
  const base = `/clusters/${cluster.id}/years/2021`;
  const organizer = organizerOf(cluster.organizer);
  const step = (name: string) => `${cluster.id}:2021:${name}`;
  await s.command(
    step('window'),
    organizer,
    'PUT',
    `/organizers/${CA_HA_TINH.id}/years/2021/window`,
    HA_TINH_WINDOW_2021,
  );
  for (const u of HT_CUM4_UNITS)
    await s.command(step(`admit:${u.id}`), organizer, 'POST', `${base}/members`, {
      unitId: u.id,
      effectiveDate: D.admitted,
    });
  await s.command(step('scheme'), organizer, 'PUT', `${base}/scheme`, {
    ...DEMO_SCHEME,
    effectiveDate: D.admitted,
  });
  await s.command(step('Q2:open'), organizer, 'POST', `${base}/periods/Q2/open`, {
    effectiveDate: D.q2Opened,
  });
  for (const u of HT_CUM4_UNITS)
    for (const c of SCORED_CRITERIA) {
      const points = demoPoints('ht-cum-4-2021', u.id, 'Q2', c.code, c.maxPoints, HT_STRENGTH[u.id]!);
      await s.command(step(`Q2:score:self:${u.id}:${c.code}`), officerOf(u.id), 'POST', `${base}/scores`, {
        unitId: u.id,
        period: 'Q2',
        criterion: c.code,
        points,
        assessment: 'self',
        evidence: DEMO_EVIDENCE,
        effectiveDate: D.scored,
      });
    }
  await s.command(step('giao-ban-q2'), organizer, 'POST', `${base}/conferences`, {
    kind: 'giao ban',
    date: SEED_DATES.htReviewQ2_2021,
    place: `Công an tỉnh Hà Tĩnh (địa điểm ${MINH_HOA})`,
    presidingUnitId: CA_HA_TINH.id,
    minutes: {
      reference: `Bài “Cụm thi đua số 4: Giao ban công tác thi đua Quý II/2021” (seed 004), thay biên bản – ${MINH_HOA}`,
      sha256: SEED_SHA256['004'],
    },
  });
  await s.command(step('Q2:close'), organizer, 'POST', `${base}/periods/Q2/close`, {
    effectiveDate: SEED_DATES.htReviewQ2_2021,
  });
  await registerPeople(s, cluster.organizer, haTinhPeople(), D.peopleRegistered);
  for (const d of haTinhQ2Decisions())
    await s.command(step(`award:${d.step}`), organizer, 'POST', '/award-decisions', d.body);
  const filed = await s.command(
    step('complaint-q2'),
    officerOf('ht-phong-tccb'),
    'POST',
    `${base}/complaints`,
    {
      target: { kind: 'classification', period: 'Q2', unitId: 'ht-phong-tccb' },
      filer: { kind: 'unit', unitId: 'ht-phong-tccb' },
      content: `Đề nghị xem xét lại xếp loại Quý II/2021 – ${MINH_HOA}`,
      receivedOn: D.complaintReceived,
    },
  );
  const complaintId = filed.complaintId as string;
  await s.command(
    step('complaint-q2:resolution'),
    organizer,
    'POST',
    `${base}/complaints/${complaintId}/resolution`,
    {
      outcome: 'rejected',
      reason: `Kết quả chấm điểm đúng thang điểm – ${MINH_HOA}`,
      decisionRef: `27/QĐ-CAT (${MINH_HOA})`,
      effectiveDate: D.complaintResolved,
    },
  );
  const person = '/discipline/person/ht-can-bo-minh-hoa-900/cases';
  const opened = await s.command(step('discipline'), organizer, 'POST', person, {
    note: `Cán bộ vi phạm điều lệnh – ${MINH_HOA}`,
    effectiveDate: D.disciplineOpened,
  });
  await s.command(
    step('discipline:decision'),
    organizer,
    'POST',
    `${person}/${opened.caseId as string}/decision`,
    {
      form: 'Khiển trách',
      decisionRef: `88/QĐ-CAT (${MINH_HOA})`,
      runsUntil: D.disciplineRunsUntil,
      effectiveDate: D.disciplineDecided,
    },
  );
  return { complaintId };
}
