import { isOrganizerOf, type Actor } from '../actor.js';
import { forbidden, rule } from '../errors.js';
import type { AwardDecisionEvent, AwardItem, FlagBasis } from '../events/award-decision.events.js';
import { requireReason } from '../validation.js';
import type { AwardDecisionContext, ClusterStanding, ConfirmFlagBasis } from './award-decision.commands.js';
import type { AwardSummary } from './award-decision.state.js';

export const GOVERNMENT_FLAG = 'co-thi-dua-chinh-phu';
export const MINISTRY_FLAG = 'co-thi-dua-bo-cong-an';

/**
 * A cluster flag (Cờ thi đua) for year Y: the unit within the organizer's recorded quota of its cluster's
 * final Y ranking, counting the flags of the code already conferred there. Refused on a disputed ranking
 * and on a tie at the quota boundary, unless a title review vote of the year's tổng kết chose the unit or
 * the cluster's organizer records an override with a reason. Cờ thi đua của Chính phủ only for a unit
 * holding Cờ thi đua của Bộ Công an of the year (its standard: TT 12/2019/TT-BCA art. 18). Answers what the
 * award stores: the override and the basis.
 */
export function checkClusterFlag(
  raw: Partial<AwardItem>,
  item: Pick<AwardItem, 'code' | 'year'> & { recipient: { unitId: string } },
  f: string,
  actor: Actor,
  standings: ReadonlyArray<ClusterStanding>,
  ministryFlagHolders: ReadonlyArray<{ unitId: string; year: number; awardId?: string }>,
): Pick<AwardItem, 'override' | 'flagBasis' | 'basis'> {
  const unitId = item.recipient.unitId;
  const ministryFlag = ministryFlagHolders.find((h) => h.unitId === unitId && h.year === item.year);
  if (item.code === GOVERNMENT_FLAG && !ministryFlag)
    throw rule(
      'MINISTRY_FLAG_STANDARD_NOT_MET',
      `unit ${unitId} holds no Cờ thi đua của Bộ Công an for ${item.year}: Cờ thi đua của Chính phủ needs its standard`,
      `${f}.recipient`,
    );
  const s = standings.find((x) => x.unitId === unitId && x.year === item.year);
  const quota = s?.quotaByCode?.[item.code] ?? s?.quota ?? 1;
  const conferredBefore = (s?.conferred ?? []).filter(
    (c) => c.code === item.code && c.unitId !== unitId,
  ).length;
  const basis = (decidedBy?: FlagBasis['decidedBy']): FlagBasis | undefined =>
    s && s.rankingDigest !== undefined && s.rankingPosition !== undefined
      ? {
          clusterId: s.clusterId,
          year: s.year,
          rank: s.rank,
          rankingDigest: s.rankingDigest,
          rankingPosition: s.rankingPosition,
          quota,
          conferredBefore,
          ...(decidedBy && { decidedBy }),
        }
      : undefined;
  // The Government flag rests on the Ministry's flag like a title on its prerequisite (issue 12): the same
  // `basis`, so revoking the Ministry's flag shows PREREQUISITE_REVOKED on this one.
  const prerequisite =
    item.code === GOVERNMENT_FLAG && ministryFlag
      ? { basis: [{ code: MINISTRY_FLAG, year: item.year, awardId: ministryFlag.awardId ?? null }] }
      : {};
  const withBasis = (decidedBy?: FlagBasis['decidedBy'], override?: { reason: string }) => {
    const b = basis(decidedBy);
    return { ...(override && { override }), ...(b && { flagBasis: b }), ...prerequisite };
  };
  if (raw.override !== undefined) {
    const reason = requireReason(raw.override?.reason, `${f}.override.reason`);
    const organizer = s?.organizerUnitId;
    if (actor.role !== 'organizer' || (organizer !== undefined && actor.unitId !== organizer))
      throw forbidden("only the organizer of the unit's cluster may override the flag quota");
    return withBasis('override', { reason });
  }
  const byVote = (s?.chosenByVote ?? []).some((v) => v.unitId === unitId && v.code === item.code);
  if (s?.disputed && !byVote)
    throw rule(
      'CLUSTER_RANKING_DISPUTED',
      `the ${item.year} ranking of cluster ${s.clusterId} is disputed by an open complaint: a vote or a reasoned override decides`,
      `${f}.recipient`,
    );
  if (!s || !s.final)
    throw rule(
      'CLUSTER_RANKING_NOT_FINAL',
      `no final ranking of ${item.year} is known for unit ${unitId}'s cluster`,
      `${f}.recipient`,
    );
  if (s.rank === null || s.rank > quota)
    throw rule(
      'FLAG_QUOTA_EXCEEDED',
      `unit ${unitId} ranked ${s.rank ?? 'unranked'} in cluster ${s.clusterId} (${item.year}); the quota is ${quota}`,
      `${f}.recipient`,
    );
  if (conferredBefore >= quota)
    throw rule(
      'FLAG_QUOTA_EXHAUSTED',
      `${conferredBefore} flag(s) of this code already conferred in cluster ${s.clusterId} (${item.year}); the quota is ${quota}`,
      `${f}.recipient`,
    );
  const tied = s.tiedWith ?? [];
  if ((s.rowsAbove ?? 0) + 1 + tied.length > quota && tied.length > 0 && !byVote)
    throw rule(
      'FLAG_QUOTA_TIE',
      `unit ${unitId} shares rank ${s.rank} with ${tied.join(', ')} at the quota boundary (${quota}): a vote or a reasoned override decides`,
      `${f}.recipient`,
    );
  return withBasis(byVote ? 'vote' : undefined);
}

/**
 * The organizer of the flag's cluster keeps a flag whose basis no longer holds (a later upheld dispute moved
 * the unit outside the quota), with its reason: the award stops showing "basis no longer holds".
 */
export function decideConfirmFlagBasis(
  c: ConfirmFlagBasis,
  award: AwardSummary,
  effectiveDate: string,
  context: AwardDecisionContext,
): AwardDecisionEvent[] {
  if (award.flagClusterId === undefined || !context.flagCluster)
    throw rule(
      'NO_FLAG_BASIS',
      `award ${c.data.awardId} is not a cluster flag with a recorded basis`,
      'awardId',
    );
  if (!isOrganizerOf(c.actor, context.flagCluster.organizerUnitId))
    throw forbidden("only the organizer of the flag's cluster confirms its basis");
  if (context.flagCluster.basisHolds)
    throw rule(
      'BASIS_HOLDS',
      `the basis of award ${c.data.awardId} still holds: nothing to confirm`,
      'awardId',
    );
  return [
    {
      type: 'FlagBasisConfirmed',
      data: { awardId: c.data.awardId, reason: requireReason(c.data.reason), effectiveDate },
    },
  ];
}
