import type { TypedEvent } from './event.js';

/**
 * Stream `flag-claims-{clusterId}-{year}`: a cluster flag (Cờ thi đua) holds a place of its code's quota in
 * the cluster-year. Written by the award-decision handler before the decision (expected revision), so two
 * decisions racing for the last place give one claim and one refusal. `quota` is the one the decision read.
 */
export interface FlagClaimedData {
  clusterId: string;
  year: number;
  code: string;
  unitId: string;
  awardId: string;
  decisionId: string;
  quota: number;
  /** Given outside the quota by the organizer's reasoned override: counted, never refused. */
  override?: true;
}

/** The place is free again: its decision was not recorded, or the award was revoked. */
export interface FlagClaimReleasedData {
  clusterId: string;
  year: number;
  code: string;
  unitId: string;
  awardId: string;
  cause: 'decision-failed' | 'revoked';
  /**
   * A revoked flag recorded before claims existed (or given with no ranking to rest on): it held no claim and
   * was counted from the yearly totals' list; from now on it is not, whatever the totals still say.
   */
  recordedBefore?: true;
}

export type FlagClaimEvent =
  TypedEvent<'FlagClaimed', FlagClaimedData> | TypedEvent<'FlagClaimReleased', FlagClaimReleasedData>;

export const FLAG_CLAIM_EVENT_TYPES = ['FlagClaimed', 'FlagClaimReleased'] as const;
