import { defaultCatalog, PERIODS, type Assessment, type ChairRole, type PeriodCode } from '@thidua/domain';

/** Vietnamese wording shared by the unit-history summaries (exact NFC text). */

/** 9.5 → "9,5": Vietnamese writes the decimal comma. */
export function formatPoints(points: number): string {
  return String(points).replace('.', ',');
}

/** "Quý II/2021", "6 tháng đầu năm 2021", "9 tháng năm 2021", "năm 2021". */
export function periodLabel(period: PeriodCode, year: number): string {
  if (period === 'Y') return `năm ${year}`;
  const label = PERIODS.find((p) => p.code === period)?.label ?? period;
  if (period === 'H1' || period === 'M9') return `${label} năm ${year}`;
  return `${label}/${year}`;
}

/** "2023-12-15" → "15/12/2023". */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

export const ASSESSMENT_LABEL: Record<Assessment, string> = {
  self: 'tự chấm',
  cluster: 'Cụm chấm',
  appraisal: 'thẩm định',
};

export const ROLE_LABEL: Record<ChairRole, string> = { chair: 'Cụm trưởng', 'vice-chair': 'Cụm phó' };

/** "Cụm thi đua số 2" (the number as formed), or the id when the cluster was never seen. */
export function clusterLabel(cluster: { number: number } | null, clusterId: string): string {
  return cluster ? `Cụm thi đua số ${cluster.number}` : `Cụm thi đua ${clusterId}`;
}

export function awardName(code: string): string {
  return defaultCatalog.find(code)?.name ?? code;
}

export function authorityName(code: string): string {
  return defaultCatalog.findAuthority(code)?.name ?? code;
}

/** Catalog order (most eminent first), then code: the order awards are listed in. */
export function compareAwardCodes(a: string, b: string): number {
  const ra = defaultCatalog.find(a)?.rank ?? Number.MAX_SAFE_INTEGER;
  const rb = defaultCatalog.find(b)?.rank ?? Number.MAX_SAFE_INTEGER;
  return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
}

/** "1 tập thể, 8 cá nhân" (parts that are zero are left out). */
export function recipientCounts(collective: number, individual: number): string {
  const parts: string[] = [];
  if (collective > 0) parts.push(`${collective} tập thể`);
  if (individual > 0) parts.push(`${individual} cá nhân`);
  return parts.join(', ');
}
