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

export type DemoRecipient =
  | { kind: 'collective'; unitId: string }
  | { kind: 'individual'; fullName: string; rankTitle: string; unitId: string; personId: string };

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
  body: { number: string; date: string; authority: string; awards: DemoAwardItem[] };
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
        recipient: {
          kind: 'individual',
          fullName: `Cán bộ minh họa ${String(person).padStart(3, '0')}`,
          rankTitle: RANK_TITLES[person % RANK_TITLES.length]!,
          unitId: unit.id,
          // The person id a proposal names (demo: the seed names nobody).
          personId: `cum7-can-bo-minh-hoa-${String(person).padStart(3, '0')}`,
        },
        year: YEAR,
        citation,
      });
    }
  }
  return items;
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
    body: { number: `${number} (minh họa)`, date, authority, awards },
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
