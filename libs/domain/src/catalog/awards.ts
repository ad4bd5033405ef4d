/**
 * The catalog of titles and awards (danh hiệu thi đua và hình thức khen thưởng) as data, not enums.
 * Names are the exact NFC spellings of GLOSSARY.md. `rank` orders awards from the most eminent (lowest).
 * Sources:
 * - Law on Emulation and Commendation 06/2022/QH15 (in force 2024-01-01): forms of titles (art. 23ff:
 *   Chiến sĩ thi đua toàn quốc, Chiến sĩ thi đua cơ sở, Cờ thi đua, …) and of awards (orders,
 *   Bằng khen, Giấy khen).
 * - Decree 98/2023/NĐ-CP art. 3.2: the state-level titles are Cờ thi đua của Chính phủ and Chiến sĩ
 *   thi đua toàn quốc, conferred by the Prime Minister.
 * - Where the conferring authority is set by the Ministry's circular (Đơn vị Quyết thắng, Đơn vị tiên
 *   tiến, Chiến sĩ tiên tiến), the entry is data an administrator can correct (see `createCatalog`).
 */
export type RecipientKind = 'collective' | 'individual';
export type AwardKind = 'order' | 'title' | 'certificate' | 'commendation';

export interface CatalogEntry {
  code: string;
  name: string;
  kind: AwardKind;
  recipientKinds: ReadonlyArray<RecipientKind>;
  /** Authority level codes (see AUTHORITY_LEVELS) allowed to confer it. */
  authorities: ReadonlyArray<string>;
  rank: number;
  /** A cluster-leading flag (Cờ thi đua): needs the unit within the organizer's quota of its cluster's final ranking. */
  isClusterFlag: boolean;
}

const BOTH: ReadonlyArray<RecipientKind> = ['collective', 'individual'];

export const AWARD_CATALOG: ReadonlyArray<CatalogEntry> = [
  // Orders: conferred by the President (Law 06/2022/QH15, ch. IV).
  {
    code: 'huan-chuong-bao-ve-to-quoc-hang-nhat',
    name: 'Huân chương Bảo vệ Tổ quốc hạng Nhất',
    kind: 'order',
    recipientKinds: BOTH,
    authorities: ['chu-tich-nuoc'],
    rank: 10,
    isClusterFlag: false,
  },
  {
    code: 'huan-chuong-bao-ve-to-quoc-hang-nhi',
    name: 'Huân chương Bảo vệ Tổ quốc hạng Nhì',
    kind: 'order',
    recipientKinds: BOTH,
    authorities: ['chu-tich-nuoc'],
    rank: 11,
    isClusterFlag: false,
  },
  {
    code: 'huan-chuong-bao-ve-to-quoc-hang-ba',
    name: 'Huân chương Bảo vệ Tổ quốc hạng Ba',
    kind: 'order',
    recipientKinds: BOTH,
    authorities: ['chu-tich-nuoc'],
    rank: 12,
    isClusterFlag: false,
  },
  // State-level titles (Decree 98/2023/NĐ-CP art. 3.2); the Government flag goes to collectives that
  // lead a cluster or bloc (official letter 5007/BNV-TĐKT, 2023), hence isClusterFlag.
  {
    code: 'co-thi-dua-chinh-phu',
    name: 'Cờ thi đua của Chính phủ',
    kind: 'title',
    recipientKinds: ['collective'],
    authorities: ['thu-tuong'],
    rank: 20,
    isClusterFlag: true,
  },
  {
    code: 'chien-si-thi-dua-toan-quoc',
    name: 'Chiến sĩ thi đua toàn quốc',
    kind: 'title',
    recipientKinds: ['individual'],
    authorities: ['thu-tuong'],
    rank: 21,
    isClusterFlag: false,
  },
  {
    code: 'bang-khen-thu-tuong',
    name: 'Bằng khen của Thủ tướng Chính phủ',
    kind: 'certificate',
    recipientKinds: BOTH,
    authorities: ['thu-tuong'],
    rank: 22,
    isClusterFlag: false,
  },
  // Ministry level.
  {
    code: 'co-thi-dua-bo-cong-an',
    name: 'Cờ thi đua của Bộ Công an',
    kind: 'title',
    recipientKinds: ['collective'],
    authorities: ['bo-truong-bca'],
    rank: 30,
    isClusterFlag: true,
  },
  {
    code: 'chien-si-thi-dua-toan-luc-luong-cand',
    name: 'Chiến sĩ thi đua toàn lực lượng Công an nhân dân',
    kind: 'title',
    recipientKinds: ['individual'],
    authorities: ['bo-truong-bca'],
    rank: 31,
    isClusterFlag: false,
  },
  {
    code: 'bang-khen-bo-truong-bca',
    name: 'Bằng khen của Bộ trưởng Bộ Công an',
    kind: 'certificate',
    recipientKinds: BOTH,
    authorities: ['bo-truong-bca'],
    rank: 32,
    isClusterFlag: false,
  },
  // Provincial level.
  {
    code: 'bang-khen-chu-tich-ubnd-tinh',
    name: 'Bằng khen của Chủ tịch UBND tỉnh',
    kind: 'certificate',
    recipientKinds: BOTH,
    authorities: ['chu-tich-ubnd-tinh'],
    rank: 40,
    isClusterFlag: false,
  },
  // Unit titles per the Ministry's circular: data an administrator can correct.
  {
    code: 'don-vi-quyet-thang',
    name: 'Đơn vị Quyết thắng',
    kind: 'title',
    recipientKinds: ['collective'],
    authorities: ['bo-truong-bca', 'giam-doc-ca-tinh'],
    rank: 50,
    isClusterFlag: false,
  },
  {
    code: 'don-vi-tien-tien',
    name: 'Đơn vị tiên tiến',
    kind: 'title',
    recipientKinds: ['collective'],
    authorities: ['bo-truong-bca', 'giam-doc-ca-tinh', 'thu-truong-don-vi'],
    rank: 51,
    isClusterFlag: false,
  },
  // Individual titles conferred by heads of units (Law 06/2022/QH15 art. 23: Chiến sĩ thi đua cơ sở).
  {
    code: 'chien-si-thi-dua-co-so',
    name: 'Chiến sĩ thi đua cơ sở',
    kind: 'title',
    recipientKinds: ['individual'],
    authorities: ['giam-doc-ca-tinh', 'thu-truong-don-vi'],
    rank: 52,
    isClusterFlag: false,
  },
  {
    code: 'chien-si-tien-tien',
    name: 'Chiến sĩ tiên tiến',
    kind: 'title',
    recipientKinds: ['individual'],
    authorities: ['giam-doc-ca-tinh', 'thu-truong-don-vi'],
    rank: 53,
    isClusterFlag: false,
  },
  {
    code: 'giay-khen',
    name: 'Giấy khen',
    kind: 'certificate',
    recipientKinds: BOTH,
    authorities: ['giam-doc-ca-tinh', 'thu-truong-don-vi'],
    rank: 60,
    isClusterFlag: false,
  },
  // Lighter recognition (e.g. "gương người tốt việc tốt", seed 004).
  {
    code: 'bieu-duong',
    name: 'biểu dương',
    kind: 'commendation',
    recipientKinds: BOTH,
    authorities: ['giam-doc-ca-tinh', 'thu-truong-don-vi'],
    rank: 70,
    isClusterFlag: false,
  },
];
