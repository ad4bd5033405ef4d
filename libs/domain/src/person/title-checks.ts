import type { TitleRules } from '../catalog/title-rules.js';
import { rule } from '../errors.js';
import type { PrerequisiteBasis } from '../events/person.events.js';
import { registrationKey, type PersonState } from './person.state.js';

export interface TitleClaimInput {
  code: string;
  year: number;
  achievementRef?: string;
}

/**
 * The person-level rules of a title or rewarded achievement, decided on the person's own record (the same
 * function checks the award decision and, race-free, the claim in the person's stream):
 * - no second copy of the same title for the same year (422 TITLE_ALREADY_HELD);
 * - one achievement rewarded once (422 ACHIEVEMENT_ALREADY_REWARDED);
 * - a registration for the year where the catalog asks for one (422 TITLE_NOT_REGISTERED);
 * - the prerequisite titles in the consecutive years before (422 PREREQUISITE_NOT_MET).
 * Returns the titles the prerequisite was met with (its basis).
 */
export function checkTitleClaim(
  state: PersonState,
  claim: TitleClaimInput,
  rules: TitleRules,
  isTitle: boolean,
  field: string,
): PrerequisiteBasis[] {
  if (isTitle && state.titles.some((t) => t.code === claim.code && t.year === claim.year))
    throw rule(
      'TITLE_ALREADY_HELD',
      `the person already holds ${claim.code} for ${claim.year}: no second copy of a title for a year`,
      `${field}.code`,
    );
  if (
    claim.achievementRef !== undefined &&
    state.titles.some((t) => t.achievementRef === claim.achievementRef)
  )
    throw rule(
      'ACHIEVEMENT_ALREADY_REWARDED',
      `achievement ${claim.achievementRef} was already rewarded: one achievement is rewarded once`,
      `${field}.achievementRef`,
    );
  const titleRule = rules.get(claim.code);
  if (!titleRule) return [];
  if (titleRule.requiresRegistration && !state.registrations[registrationKey(claim.year, claim.code)])
    throw rule(
      'TITLE_NOT_REGISTERED',
      `${claim.code} needs a registration (đăng ký danh hiệu) for ${claim.year}, and the person has none`,
      `${field}.code`,
    );
  const pre = titleRule.prerequisite;
  if (!pre) return [];
  const basis: PrerequisiteBasis[] = [];
  const missing: number[] = [];
  for (let year = claim.year - pre.consecutiveYears; year < claim.year; year++) {
    const held = state.titles.find((t) => t.code === pre.code && t.year === year);
    if (held) basis.push({ code: pre.code, year, awardId: held.awardId });
    else missing.push(year);
  }
  if (missing.length > 0)
    throw rule(
      'PREREQUISITE_NOT_MET',
      `${claim.code} (${claim.year}) needs ${pre.code} in ${pre.consecutiveYears} consecutive years before it; missing: ${missing.join(', ')}`,
      `${field}.code`,
    );
  return basis;
}
