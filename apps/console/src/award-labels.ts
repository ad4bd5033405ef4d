/** Vietnamese labels of the award path's values (issue 12): revocation grounds, basis issues, recipients. */

const GROUND: Record<string, string> = {
  'false-declaration': 'Gian dối trong kê khai thành tích',
  'forged-dossier': 'Làm giả hồ sơ, giấy tờ',
  'appraisal-contrary-to-rules': 'Thẩm định, xét duyệt, đề nghị khen thưởng trái quy định',
  'later-violation-finding': 'Phát hiện vi phạm sau khi được khen thưởng',
};
export const groundLabel = (g: string | null): string =>
  g === null ? 'không ghi (thu hồi ghi nhận trước khi có căn cứ pháp lý)' : (GROUND[g] ?? g);

const BASIS_ISSUE: Record<string, string> = {
  PREREQUISITE_REVOKED: 'Danh hiệu làm điều kiện đã bị thu hồi',
  FLAG_OUTSIDE_QUOTA: 'Khiếu nại được chấp nhận đưa đơn vị ra ngoài chỉ tiêu cờ',
};
export const basisIssueLabel = (code: string): string => BASIS_ISSUE[code] ?? code;

export const kindLabel = (kind: string): string =>
  kind === 'collective' ? 'Tập thể' : kind === 'individual' ? 'Cá nhân' : kind;

/** What the API answers for a person whose key was deleted (crypto-shredding). */
export const ERASED = 'đã xoá';

/** Conferring authorities (the catalog's levels) as the API's codes name them. */
const AUTHORITY: Record<string, string> = {
  'chu-tich-nuoc': 'Chủ tịch nước',
  'thu-tuong': 'Thủ tướng Chính phủ',
  'bo-truong-bca': 'Bộ trưởng Bộ Công an',
  'chu-tich-ubnd-tinh': 'Chủ tịch Ủy ban nhân dân tỉnh',
  'giam-doc-ca-tinh': 'Giám đốc Công an tỉnh',
  'thu-truong-don-vi': 'Thủ trưởng đơn vị',
};
export const authorityLabel = (code: string): string => AUTHORITY[code] ?? code;

/** The individual titles a person registers and prerequisites name (a basis names them by code only). */
const TITLE: Record<string, string> = {
  'chien-si-tien-tien': 'Chiến sĩ tiên tiến',
  'chien-si-thi-dua-co-so': 'Chiến sĩ thi đua cơ sở',
  'chien-si-thi-dua-toan-luc-luong-cand': 'Chiến sĩ thi đua toàn lực lượng Công an nhân dân',
  'chien-si-thi-dua-toan-quoc': 'Chiến sĩ thi đua toàn quốc',
};
export const titleLabel = (code: string): string => TITLE[code] ?? code;

/** A council's approval threshold: at least N % of all members, or more than half of them. */
export const thresholdLabel = (t: { kind: string; percent?: number }): string =>
  t.kind === 'at-least-percent' ? `ít nhất ${t.percent}% tổng số thành viên` : 'quá nửa tổng số thành viên';
