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
