/**
 * Conditions of individual titles, as catalog data (not constants in code): which titles need a
 * registration (đăng ký thi đua), which need earlier titles in consecutive years, and which are capped by a
 * share of another title in the same unit and year. Sources (LEGAL-RULES.md):
 * - registration: under the 2003 Law a person who did not register could not be considered for an
 *   emulation title; the individual emulation titles below require it;
 * - Chiến sĩ thi đua toàn lực lượng CAND: among those with 3 consecutive Chiến sĩ thi đua cơ sở;
 * - Chiến sĩ thi đua toàn quốc: among those with 2 consecutive Chiến sĩ thi đua toàn lực lượng (the
 *   initiative of national scope it also needs is a council's appraisal, not checked here);
 * - Chiến sĩ thi đua cơ sở: at most 15 % of the unit's Chiến sĩ tiên tiến of the year (NĐ 91/2017 art. 9.3).
 */
export interface TitleRule {
  code: string;
  requiresRegistration: boolean;
  /** The title needs `code` in each of the `consecutiveYears` years before the award's year. */
  prerequisite?: { code: string; consecutiveYears: number };
  /** At most `percent` % of the recipients of `ofCode` in the same unit and year. */
  quota?: { ofCode: string; percent: number };
}

export const TITLE_RULES: ReadonlyArray<TitleRule> = [
  { code: 'chien-si-tien-tien', requiresRegistration: true },
  {
    code: 'chien-si-thi-dua-co-so',
    requiresRegistration: true,
    quota: { ofCode: 'chien-si-tien-tien', percent: 15 },
  },
  {
    code: 'chien-si-thi-dua-toan-luc-luong-cand',
    requiresRegistration: true,
    prerequisite: { code: 'chien-si-thi-dua-co-so', consecutiveYears: 3 },
  },
  {
    code: 'chien-si-thi-dua-toan-quoc',
    requiresRegistration: true,
    prerequisite: { code: 'chien-si-thi-dua-toan-luc-luong-cand', consecutiveYears: 2 },
  },
];

export type TitleRules = ReadonlyMap<string, TitleRule>;

export const createTitleRules = (rules: ReadonlyArray<TitleRule> = TITLE_RULES): TitleRules =>
  new Map(rules.map((r) => [r.code, r]));

export const defaultTitleRules: TitleRules = createTitleRules();
