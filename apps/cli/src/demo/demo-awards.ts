import { CUM7_SUB_UNITS, CUM7_UNITS, type DemoUnit } from './demo-units.js';

/**
 * The awards of Cụm thi đua số 7 in 2023, as counted by seed 000 ("1 tập thể, 8 cá nhân … Huân chương Bảo
 * vệ Tổ quốc hạng Ba; 1 cá nhân … Chiến sĩ thi đua toàn quốc; 6 cá nhân … Chiến sĩ thi đua toàn lực lượng
 * CAND; 67 lượt tập thể, 187 lượt cá nhân … Bằng khen của Bộ trưởng Bộ Công an; 566 lượt tập thể, cá nhân …
 * Giấy khen"). These add up to 836, not the 486 of the seed's own headline.
 *
 * What the seed does not say is generated and marked as demo data:
 * - the Giấy khen split between collectives and individuals: the seed gives only 566 in all; the demo uses
 *   the proportion of the seed's Bằng khen (67 : 187), rounded: 149 collectives and 417 individuals;
 * - who received what: the collectives are sub-collectives of the six Cục (25 "Phòng NN (minh họa)" each:
 *   awards to a sub-collective land on it, not on its Cục), dealt round-robin in the order of the table
 *   below; the individuals belong to those sub-collectives, dealt the same way;
 * - individuals' names ("Cán bộ minh họa 001", …, numbered in that order) and rank titles;
 * - the decisions' numbers and dates (plausible, in 2023, before the year-end review of 28/11/2023, each
 *   number suffixed "(minh họa)").
 */
export const CUM7_AWARD_COUNTS: ReadonlyArray<{ code: string; collective: number; individual: number }> = [
  { code: 'huan-chuong-bao-ve-to-quoc-hang-ba', collective: 1, individual: 8 },
  { code: 'chien-si-thi-dua-toan-quoc', collective: 0, individual: 1 },
  { code: 'chien-si-thi-dua-toan-luc-luong-cand', collective: 0, individual: 6 },
  { code: 'bang-khen-bo-truong-bca', collective: 67, individual: 187 },
  { code: 'giay-khen', collective: 149, individual: 417 },
];

export const DEMO_AWARD_NOTE =
  'Dữ liệu minh họa (demo): nguồn tin chỉ nêu số lượng; người nhận, số và ngày quyết định do bản demo tạo ra';

const CITATIONS: Record<string, string> = {
  'huan-chuong-bao-ve-to-quoc-hang-ba':
    'Đã có thành tích xuất sắc trong công tác, góp phần vào sự nghiệp bảo vệ an ninh Tổ quốc',
  'chien-si-thi-dua-toan-quoc': 'Đạt danh hiệu Chiến sĩ thi đua toàn quốc',
  'chien-si-thi-dua-toan-luc-luong-cand': 'Đạt danh hiệu Chiến sĩ thi đua toàn lực lượng Công an nhân dân',
  'bang-khen-bo-truong-bca': 'Có thành tích xuất sắc trong phong trào thi đua “Vì an ninh Tổ quốc” năm 2023',
  'giay-khen': 'Hoàn thành xuất sắc nhiệm vụ công tác năm 2023',
};

const RANK_TITLES = ['Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá', 'Đại úy'];

/** Short forms for the numbers of the heads of units' decisions (Giấy khen). */
const UNIT_ABBREVIATIONS: Record<string, string> = {
  'cuc-ctd-ctct': 'X01',
  'cuc-truyen-thong': 'X02',
  'cuc-tccb': 'X03',
  'cuc-dao-tao': 'X04',
  'thanh-tra-cand': 'TTr',
  'co-quan-ubkt': 'UBKT',
};

/**
 * A recipient as the demo deals it: an individual is a registered person (issue 12), whose unit the demo
 * keeps for its own bookkeeping (the API takes the unit from the registry: `apiRecipient` drops it).
 */
export type DemoRecipient =
  { kind: 'collective'; unitId: string } | { kind: 'individual'; personId: string; unitId: string };

/** A person the demo registers (POST /people): name and rank title are demo data. */
export interface DemoPerson {
  personId: string;
  unitId: string;
  fullName: string;
  rankTitle: string;
}

/** The recipient as POST /award-decisions takes it: a person by id only. */
export const apiRecipient = (r: DemoRecipient) =>
  r.kind === 'collective' ? r : { kind: 'individual' as const, personId: r.personId };

/** Cụm 7's person ids, numbered in the order of the table (`cb-cum7-001`, …). */
export const cum7PersonId = (n: number): string => `cb-cum7-${String(n).padStart(3, '0')}`;

export interface DemoAwardItem {
  code: string;
  recipient: DemoRecipient;
  year: number;
  citation: string;
  /** The approved proposal item the award carries out (set when the demo has run the proposal). */
  proposalItem?: { proposalId: string; itemId: string };
}

/** The body of POST /award-decisions, plus a stable step name for its Idempotency-Key and its proposer. */
export interface DemoAwardDecision {
  step: string;
  /** The unit whose proposal (tờ trình) the decision carries out (demo: the seed names no proposal). */
  proposerUnitId: string;
  /** The items as the proposal names them (a person with their unit; the decision takes the unit from the registry). */
  items: DemoAwardItem[];
  body: {
    number: string;
    date: string;
    authority: string;
    awards: Array<Omit<DemoAwardItem, 'recipient'> & { recipient: ReturnType<typeof apiRecipient> }>;
  };
}

const YEAR = 2023;

/**
 * Every award item of the table, dealt round-robin over the sub-collectives (collectives and the units of
 * the individuals). Pure and deterministic.
 */
export function cum7AwardItems(subUnits: ReadonlyArray<DemoUnit> = CUM7_SUB_UNITS): DemoAwardItem[] {
  const items: DemoAwardItem[] = [];
  let collectiveTurn = 0;
  let personTurn = 0;
  let person = 0;
  for (const { code, collective, individual } of CUM7_AWARD_COUNTS) {
    const citation = `${CITATIONS[code] ?? ''} — ${DEMO_AWARD_NOTE}`;
    for (let i = 0; i < collective; i++) {
      const unit = subUnits[collectiveTurn++ % subUnits.length]!;
      items.push({ code, recipient: { kind: 'collective', unitId: unit.id }, year: YEAR, citation });
    }
    for (let i = 0; i < individual; i++) {
      const unit = subUnits[personTurn++ % subUnits.length]!;
      person++;
      items.push({
        code,
        recipient: { kind: 'individual', personId: cum7PersonId(person), unitId: unit.id },
        year: YEAR,
        citation,
      });
    }
  }
  return items;
}

/** The people of Cụm 7's individual awards, registered before the decisions ("Cán bộ minh họa 001", …). */
export function cum7People(): DemoPerson[] {
  return cum7AwardItems().flatMap((a) =>
    a.recipient.kind === 'individual'
      ? [
          {
            personId: a.recipient.personId,
            unitId: a.recipient.unitId,
            fullName: `Cán bộ minh họa ${a.recipient.personId.slice(-3)}`,
            rankTitle: RANK_TITLES[Number(a.recipient.personId.slice(-3)) % RANK_TITLES.length]!,
          },
        ]
      : [],
  );
}

/**
 * What the titles of 2023 need (issue 12), none of it in the seed: each person's registration of the title
 * for 2023, and the titles they held before the ledger — Chiến sĩ thi đua toàn quốc after Chiến sĩ thi đua
 * toàn lực lượng in 2021 and 2022, each Chiến sĩ thi đua toàn lực lượng after Chiến sĩ thi đua cơ sở in
 * 2020–2022 — with demo decision numbers.
 */
export function cum7TitleHistory(): Array<{
  personId: string;
  code: string;
  prior: Array<{ code: string; year: number; decisionRef: string }>;
}> {
  const prior = (code: string, years: number[], authority: string) =>
    years.map((year) => ({ code, year, decisionRef: `${year}/${authority} (minh họa)` }));
  return cum7AwardItems().flatMap((a) => {
    if (a.recipient.kind !== 'individual') return [];
    const { personId } = a.recipient;
    if (a.code === 'chien-si-thi-dua-toan-quoc')
      return [
        {
          personId,
          code: a.code,
          prior: prior('chien-si-thi-dua-toan-luc-luong-cand', [2021, 2022], 'QĐ-BCA'),
        },
      ];
    if (a.code === 'chien-si-thi-dua-toan-luc-luong-cand')
      return [
        { personId, code: a.code, prior: prior('chien-si-thi-dua-co-so', [2020, 2021, 2022], 'QĐ-X03') },
      ];
    return [];
  });
}

/** The Cục a sub-collective belongs to. */
const cucOf = (unitId: string): string => CUM7_SUB_UNITS.find((u) => u.id === unitId)?.parent ?? unitId;

/**
 * The award decisions: one per conferring authority and title for the President's, the Prime Minister's
 * and the Minister's awards, and one per unit head for the Giấy khen of that unit.
 */
export function cum7AwardDecisions(units: ReadonlyArray<DemoUnit> = CUM7_UNITS): DemoAwardDecision[] {
  const items = cum7AwardItems();
  const ofCode = (code: string) => items.filter((a) => a.code === code);
  const decision = (
    step: string,
    number: string,
    date: string,
    authority: string,
    awards: DemoAwardItem[],
    proposerUnitId = authority === 'bo-truong-bca' ? 'cuc-ctd-ctct' : 'bo-cong-an',
  ) => ({
    step,
    proposerUnitId,
    items: awards,
    body: {
      number: `${number} (minh họa)`,
      date,
      authority,
      awards: awards.map((a) => ({ ...a, recipient: apiRecipient(a.recipient) })),
    },
  });
  const decisions: DemoAwardDecision[] = [
    decision(
      'hcbvtq-hang-ba',
      '1105/QĐ-CTN',
      '2023-09-12',
      'chu-tich-nuoc',
      ofCode('huan-chuong-bao-ve-to-quoc-hang-ba'),
    ),
    decision(
      'cstd-toan-quoc',
      '1290/QĐ-TTg',
      '2023-10-25',
      'thu-tuong',
      ofCode('chien-si-thi-dua-toan-quoc'),
    ),
    decision(
      'cstd-toan-luc-luong',
      '8120/QĐ-BCA',
      '2023-10-05',
      'bo-truong-bca',
      ofCode('chien-si-thi-dua-toan-luc-luong-cand'),
    ),
    decision(
      'bang-khen-bo-truong',
      '8410/QĐ-BCA',
      '2023-10-18',
      'bo-truong-bca',
      ofCode('bang-khen-bo-truong-bca'),
    ),
  ];
  units.forEach((unit, i) => {
    // The head of each Cục gives the Giấy khen of its own sub-collectives and their people.
    const awards = ofCode('giay-khen').filter((a) => cucOf(a.recipient.unitId) === unit.id);
    const number = `${215 + 17 * i}/QĐ-${UNIT_ABBREVIATIONS[unit.id] ?? unit.id}`;
    decisions.push(
      decision(
        `giay-khen-${unit.id}`,
        number,
        `2023-11-${String(10 + i).padStart(2, '0')}`,
        'thu-truong-don-vi',
        awards,
        unit.id,
      ),
    );
  });
  return decisions;
}
