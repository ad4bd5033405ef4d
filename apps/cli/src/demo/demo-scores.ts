import { createHash } from 'node:crypto';

/**
 * Scores for the demo. The seeds give no points at all (only that criteria and a scale were published and
 * that a classification was made), so every point here is generated — deterministically, from a hash of
 * (unit, period, criterion), so every run writes the same bodies — and every entry says so in its evidence.
 */
export const DEMO_EVIDENCE = 'Dữ liệu minh họa (demo): điểm sinh tự động, nguồn tin không nêu điểm số';

/**
 * A plausible criteria and scoring scale (tiêu chí và thang điểm thi đua): 100 points, bonus and penalty, and
 * two knock-out conditions. The seeds say a scale was published, not what it was: every title says so.
 */
export const DEMO_SCHEME = {
  criteria: [
    {
      code: 'xd-dang',
      title: 'Công tác xây dựng Đảng, xây dựng lực lượng (minh họa)',
      group: 'Xây dựng lực lượng',
      maxPoints: 30,
      kind: 'score',
    },
    {
      code: 'chuyen-mon',
      title: 'Kết quả thực hiện nhiệm vụ chuyên môn (minh họa)',
      group: 'Nghiệp vụ',
      maxPoints: 50,
      kind: 'score',
    },
    {
      code: 'phong-trao',
      title: 'Tổ chức phong trào thi đua “Vì an ninh Tổ quốc” (minh họa)',
      group: 'Phong trào thi đua',
      maxPoints: 20,
      kind: 'score',
    },
    {
      code: 'diem-thuong',
      title: 'Thành tích đột xuất được khen thưởng (minh họa)',
      group: 'Điểm thưởng',
      maxPoints: 5,
      kind: 'bonus',
    },
    {
      code: 'diem-tru',
      title: 'Vi phạm kỷ luật, điều lệnh Công an nhân dân (minh họa)',
      group: 'Điểm trừ',
      maxPoints: 10,
      kind: 'penalty',
    },
  ],
  thresholds: [
    { code: 'xuat-sac', label: 'Xuất sắc', minTotal: 90 },
    { code: 'tot', label: 'Tốt', minTotal: 80 },
    { code: 'kha', label: 'Khá', minTotal: 65 },
    { code: 'trung-binh', label: 'Trung bình', minTotal: 0 },
  ],
  tieBreaks: ['group:Nghiệp vụ', 'penalty', 'bonus'],
  knockOuts: [
    {
      code: 'su-co-nghiem-trong',
      label: 'Để xảy ra sự cố nghiêm trọng (minh họa)',
      effect: 'cap-classification',
      capTo: 'kha',
    },
    { code: 'ky-luat', label: 'Có cán bộ bị kỷ luật chưa hết thời hạn (minh họa)', effect: 'bar-rank-1' },
  ],
} as const;

/** The criteria every unit scores itself on each period (the bonus and penalty ones only when they apply). */
export const SCORED_CRITERIA = DEMO_SCHEME.criteria.filter((c) => c.kind === 'score');

/** A number in [0, 1) from a name: the demo's only source of variation. */
export function unitInterval(name: string): number {
  return createHash('sha256').update(name, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Points for a score criterion: `strength` (the share of the maximum a unit tends to reach) ± 3 % from the
 * hash, rounded to half points and kept within [0, max].
 */
export function demoPoints(
  seed: string,
  unitId: string,
  period: string,
  criterion: string,
  maxPoints: number,
  strength: number,
): number {
  const jitter = (unitInterval(`${seed}|${unitId}|${period}|${criterion}`) - 0.5) * 0.06;
  const points = Math.round(maxPoints * (strength + jitter) * 2) / 2;
  return Math.min(maxPoints, Math.max(0, points));
}
