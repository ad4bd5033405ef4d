import type { Dated, TypedEvent } from './event.js';

/** How many cluster flags of a code an organizer allows per cluster in a year. */
export type FlagQuotaRule =
  | { kind: 'per-cluster'; count: number }
  /** A share of the cluster-year's members, rounded down (20 % of 5 members: 1 flag). */
  | { kind: 'share'; percent: number };

/**
 * Stream `flag-quota-{organizerUnitId}-{year}`: the organizer's recorded quota of a cluster flag (Cờ thi đua
 * của Bộ Công an, của Chính phủ) for its clusters that year — the Ministry decides it yearly (LEGAL-RULES).
 */
export interface FlagQuotaSetData extends Dated {
  organizerUnitId: string;
  year: number;
  code: string;
  rule: FlagQuotaRule;
  /** Given when an earlier quota of the code and year is replaced. */
  reason?: string;
}

export type FlagQuotaEvent = TypedEvent<'FlagQuotaSet', FlagQuotaSetData>;
export const FLAG_QUOTA_EVENT_TYPES = ['FlagQuotaSet'] as const;
