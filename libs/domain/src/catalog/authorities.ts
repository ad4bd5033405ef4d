/**
 * Conferring authority levels (cấp có thẩm quyền khen thưởng), as data. `rank` orders them from the
 * highest (1). Law on Emulation and Commendation 06/2022/QH15 (ch. IV) assigns the power to confer
 * each form of award to these offices; the catalog below records which one confers what.
 */
export interface AuthorityLevel {
  code: string;
  name: string;
  rank: number;
}

export const AUTHORITY_LEVELS: ReadonlyArray<AuthorityLevel> = [
  { code: 'chu-tich-nuoc', name: 'Chủ tịch nước', rank: 1 },
  { code: 'thu-tuong', name: 'Thủ tướng Chính phủ', rank: 2 },
  { code: 'bo-truong-bca', name: 'Bộ trưởng Bộ Công an', rank: 3 },
  { code: 'chu-tich-ubnd-tinh', name: 'Chủ tịch Ủy ban nhân dân tỉnh', rank: 4 },
  { code: 'giam-doc-ca-tinh', name: 'Giám đốc Công an tỉnh', rank: 5 },
  { code: 'thu-truong-don-vi', name: 'Thủ trưởng đơn vị', rank: 6 },
];
