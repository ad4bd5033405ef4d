import type { FlagBasis, Integer } from '@thidua/domain';
import type { SourceEvent } from '../source-event.js';

/**
 * The read-model contract of the `award-register` projection (issue 12, the console's award path): one
 * document per award item (`awards/{awardId}`) with its decision (number, date, authority), its recipient
 * (a unit, or a registered person by id — never a name: names are sealed and opened by the API), its
 * revocation, and the events behind both, so an inspector can list a unit's or a cluster's awards and open
 * each event. Counting stays with `yearly-totals`; prerequisite bases with `people`.
 */
export const AWARD_REGISTER_PROJECTION = 'award-register';
export const AWARD_ENTRIES = 'awards';

export interface AwardRevocationDoc {
  /** The revoking decision's date. */
  on: string;
  reason: string;
  decisionRef: string;
  /** Absent on revocations recorded before issue 12. */
  ground: string | null;
  authority: string | null;
  authorityName: string | null;
  recovery: { insignia: boolean; moneyVnd: Integer } | null;
  event: SourceEvent;
}

export interface AwardEntryDoc {
  awardId: string;
  decisionId: string;
  decisionNumber: string;
  /** The decision's date. */
  date: string;
  authority: string;
  authorityName: string;
  code: string;
  /** Catalog name, e.g. "Bằng khen của Bộ trưởng Bộ Công an". */
  name: string;
  year: Integer;
  kind: 'collective' | 'individual';
  /** The collective, or the person's unit when it was decided. */
  unitId: string;
  /** Individual awards naming a registered person; null for collectives and for free-text awards before the registry. */
  personId: string | null;
  citation: string;
  /** A flag outside the quota: the organizer's reason. */
  overrideReason: string | null;
  /** The approved item of a forwarded proposal the award carries out (version 2; null: đột xuất or older). */
  proposalItem: { proposalId: string; itemId: string } | null;
  /** Khen thưởng đột xuất: the reason it had no proposal (version 2). */
  adHocReason: string | null;
  /** A cluster flag: the standing it was conferred on — cluster, year, rank, ranking digest and position, quota (version 2). */
  flagBasis:
    | (Omit<FlagBasis, 'year' | 'rankingPosition' | 'rank' | 'quota' | 'conferredBefore'> & {
        year: Integer;
        rank: Integer | null;
        rankingPosition: Integer;
        quota: Integer;
        conferredBefore: Integer;
      })
    | null;
  /** The AwardDecisionIssued event. */
  issued: SourceEvent;
  revoked: AwardRevocationDoc | null;
  position: Integer;
}
