import type { TypedEvent } from './event.js';

/**
 * Stream `title-quota-{unitId}-{year}`: the individual titles of a unit-year that a quota rule counts (the
 * capped title and its base: Chiến sĩ thi đua cơ sở ≤ 15 % of Chiến sĩ tiên tiến). Written by the
 * award-decision handler before the decision (expected revision), so two decisions for one unit-year cannot
 * both pass the quota.
 */
export interface UnitTitleClaimedData {
  unitId: string;
  year: number;
  code: string;
  awardId: string;
  decisionId: string;
}

/** The award no longer counts: its decision was not recorded, or it was revoked. */
export interface UnitTitleClaimReleasedData {
  unitId: string;
  year: number;
  code: string;
  awardId: string;
  cause: 'decision-failed' | 'revoked';
  /**
   * A revoked award recorded before claims existed, counted in the baseline (it held no claim): the
   * baseline's count of its code goes down by one. Absent on the release of a claim.
   */
  fromBaseline?: true;
}

/**
 * Written with the unit-year's first claim: the titles of those codes that decisions recorded before claims
 * existed had conferred (from the yearly totals). From then on the stream alone counts.
 */
export interface UnitTitleBaselineRecordedData {
  unitId: string;
  year: number;
  counts: Array<{ code: string; count: number }>;
}

export type TitleQuotaEvent =
  | TypedEvent<'UnitTitleClaimed', UnitTitleClaimedData>
  | TypedEvent<'UnitTitleClaimReleased', UnitTitleClaimReleasedData>
  | TypedEvent<'UnitTitleBaselineRecorded', UnitTitleBaselineRecordedData>;

export const TITLE_QUOTA_EVENT_TYPES = [
  'UnitTitleClaimed',
  'UnitTitleClaimReleased',
  'UnitTitleBaselineRecorded',
] as const;
