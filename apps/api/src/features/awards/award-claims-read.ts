import {
  defaultTitleRules,
  flagClaimsStream,
  isValidId,
  personStream,
  proposalStream,
  quotaCodes,
  titleQuotaStream,
  type AwardItem,
  type Integer,
} from '@thidua/domain';
import type { StoredEvent } from '@thidua/event-store';
import { sourceEvent, type SourceEvent } from '@thidua/projections';

/**
 * What an award holds in another stream, claimed before its decision was written (ARCHITECTURE §3):
 * `person-title` its title in the person's register (`person-{personId}`), `proposal-item` the approved
 * proposal item it carries out (`proposal-{proposalId}`), `flag-place` a place of its cluster-year's flag
 * quota (`flag-claims-{clusterId}-{year}`), `title-quota` a place among the unit-year's titles the 15 % rule
 * counts (`title-quota-{unitId}-{year}`).
 */
export type AwardClaimKind = 'person-title' | 'proposal-item' | 'flag-place' | 'title-quota';

export interface AwardClaim {
  kind: AwardClaimKind;
  /** The stream holding the claim. */
  streamId: string;
  /** proposal-item: the item carried out. */
  itemId?: string;
  /** flag-place: the quota the decision read, and whether the flag was given by override (counted, never refused). */
  quota?: Integer;
  override?: boolean;
  /**
   * The event that claimed the place; null when the award was recorded before claims existed and counted in
   * the stream's baseline (its release on revocation is then the only event).
   */
  claimed: SourceEvent | null;
  /** The event that freed it, and why: its decision was not recorded, or the award was revoked. */
  released: (SourceEvent & { cause: 'decision-failed' | 'revoked' }) | null;
  /** The award holds the place now: claimed and not released. */
  holds: boolean;
}

const CLAIMED = new Set(['TitleClaimed', 'ProposalItemClaimed', 'FlagClaimed', 'UnitTitleClaimed']);
const RELEASED = new Set([
  'TitleClaimReleased',
  'ProposalItemClaimReleased',
  'FlagClaimReleased',
  'UnitTitleClaimReleased',
]);
const QUOTA_CODES = quotaCodes(defaultTitleRules);

/** The streams where the award may hold a claim, by what it is. */
function claimStreams(item: AwardItem): Array<{ kind: AwardClaimKind; streamId: string }> {
  const streams: Array<{ kind: AwardClaimKind; streamId: string }> = [];
  const r = item.recipient;
  if (r.kind === 'individual' && r.personId !== undefined && isValidId(r.personId))
    streams.push({ kind: 'person-title', streamId: personStream(r.personId) });
  if (item.proposalItem && isValidId(item.proposalItem.proposalId))
    streams.push({ kind: 'proposal-item', streamId: proposalStream(item.proposalItem.proposalId) });
  if (item.flagBasis)
    streams.push({
      kind: 'flag-place',
      streamId: flagClaimsStream(item.flagBasis.clusterId, item.flagBasis.year),
    });
  if (r.kind === 'individual' && QUOTA_CODES.has(item.code) && isValidId(r.unitId))
    streams.push({ kind: 'title-quota', streamId: titleQuotaStream(r.unitId, item.year) });
  return streams;
}

/**
 * The award's claims, read from the log (no projection): each claim with the event that made it and the one
 * that released it, in log order. A stream may hold a claim more than once (released after a failed attempt,
 * claimed again by a retried decision): each is listed.
 */
export async function awardClaimsOf(
  item: AwardItem,
  readAll: (streamId: string) => Promise<StoredEvent[]>,
): Promise<AwardClaim[]> {
  const claims: AwardClaim[] = [];
  for (const { kind, streamId } of claimStreams(item)) {
    let open: AwardClaim | undefined;
    for (const e of await readAll(streamId)) {
      const data = e.data as {
        awardId?: string;
        itemId?: string;
        quota?: number;
        override?: boolean;
        cause?: 'decision-failed' | 'revoked';
      };
      if (data.awardId !== item.awardId) continue;
      if (CLAIMED.has(e.type)) {
        open = {
          kind,
          streamId,
          ...(data.itemId !== undefined && { itemId: data.itemId }),
          ...(data.quota !== undefined && { quota: data.quota, override: data.override === true }),
          claimed: sourceEvent(e),
          released: null,
          holds: true,
        };
        claims.push(open);
      } else if (RELEASED.has(e.type)) {
        const released = { ...sourceEvent(e), cause: data.cause ?? 'decision-failed' };
        if (open) {
          open.released = released;
          open.holds = false;
          open = undefined;
        } else claims.push({ kind, streamId, claimed: null, released, holds: false });
      }
    }
  }
  return claims.sort((a, b) => (a.claimed ?? a.released)!.position - (b.claimed ?? b.released)!.position);
}
