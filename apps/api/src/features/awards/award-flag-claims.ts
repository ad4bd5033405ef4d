import { Injectable } from '@nestjs/common';
import {
  awardDecisionDecider,
  awardDecisionStream,
  defaultCatalog,
  flagClaimsDecider,
  flagClaimsStream,
  type AwardDecisionEvent,
  type AwardItem,
  type FlagClaimInput,
  type RecordedFlag,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamWriter } from '../write/stream-writer.js';
import { ClusterStandings } from './cluster-standings.js';

/** `{clusterId}:{year}` → the award ids claimed there (what to release). */
export type FlagClaims = Map<string, { clusterId: string; year: number; awardIds: string[] }>;

/**
 * "The flags already conferred count against the quota" spans the decision streams, so a flag's place is
 * claimed in `flag-claims-{cluster}-{year}` (expected revision) before its decision is written: two decisions
 * racing for the last place give one claim (201) and one FLAG_QUOTA_EXHAUSTED (422). Released when the
 * decision is not recorded or the flag is revoked.
 */
@Injectable()
export class AwardFlagClaims {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly writer: StreamWriter,
    private readonly standings: ClusterStandings,
  ) {}

  /** `decided`: the decision as decided once (its flags carry their basis: cluster, year, quota). */
  async claim(
    ctx: CommandContext,
    decisionId: string,
    decided: ReadonlyArray<AwardDecisionEvent>,
  ): Promise<FlagClaims> {
    const issued = decided.find((e) => e.type === 'AwardDecisionIssued');
    const awards: AwardItem[] = issued?.type === 'AwardDecisionIssued' ? issued.data.awards : [];
    const byCluster: FlagClaims = new Map();
    const inputs = new Map<string, FlagClaimInput[]>();
    awards.forEach((a, i) => {
      const b = a.flagBasis;
      if (!b) return; // not a cluster flag, or one given by override with no ranking to rest on
      const key = `${b.clusterId}:${b.year}`;
      const list = inputs.get(key) ?? [];
      list.push({
        awardId: a.awardId,
        code: a.code,
        unitId: a.recipient.unitId,
        quota: b.quota,
        override: a.override !== undefined,
        field: `awards[${i}].recipient`,
      });
      inputs.set(key, list);
      if (!byCluster.has(key)) byCluster.set(key, { clusterId: b.clusterId, year: b.year, awardIds: [] });
    });
    const claimed: FlagClaims = new Map();
    try {
      for (const [key, { clusterId, year }] of byCluster) {
        const claims = inputs.get(key)!;
        const recordedBefore = await this.standings.recordedFlags(clusterId, year);
        const command = StreamWriter.command(ctx, 'ClaimFlags', {
          clusterId,
          year,
          decisionId,
          claims,
          recordedBefore,
        });
        await this.writer.execute(flagClaimsDecider, command, ctx, {
          streamId: flagClaimsStream(clusterId, year),
          step: `claim-flags-${clusterId}-${year}`,
        });
        claimed.set(key, { clusterId, year, awardIds: claims.map((c) => c.awardId) });
      }
      return claimed;
    } catch (error) {
      await this.release(ctx, claimed, 'decision-failed');
      throw error;
    }
  }

  /**
   * After a revocation: the flag's place is free again. A flag holding no claim (recorded before claims
   * existed, or given with no ranking to rest on) was counted from the yearly totals' list: it is released in
   * each cluster-year holding its unit, so it stops counting at once rather than when the totals catch up.
   */
  async releaseRevoked(ctx: CommandContext, decisionId: string, awardId: string): Promise<void> {
    const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
    const award = state.awards[awardId];
    if (award === undefined) return;
    const { year } = award;
    if (award.flagClusterId !== undefined) {
      const clusterId = award.flagClusterId;
      await this.release(ctx, new Map([['revoked', { clusterId, year, awardIds: [awardId] }]]), 'revoked');
      return;
    }
    if (!defaultCatalog.find(award.code)?.isClusterFlag || award.recipient.kind !== 'collective') return;
    const older: RecordedFlag[] = [{ awardId, code: award.code, unitId: award.recipient.unitId }];
    for (const clusterId of await this.standings.clustersHolding(award.recipient.unitId, year, ctx.actor))
      await this.release(
        ctx,
        new Map([[clusterId, { clusterId, year, awardIds: [awardId] }]]),
        'revoked',
        older,
      );
  }

  async release(
    ctx: CommandContext,
    claimed: FlagClaims,
    cause: 'decision-failed' | 'revoked',
    recordedBefore: RecordedFlag[] = [],
  ): Promise<void> {
    for (const { clusterId, year, awardIds } of claimed.values()) {
      const command = StreamWriter.command(ctx, 'ReleaseFlagClaims', {
        clusterId,
        year,
        awardIds,
        cause,
        ...(recordedBefore.length > 0 && { recordedBefore }),
      });
      await this.writer.execute(flagClaimsDecider, command, ctx, {
        streamId: flagClaimsStream(clusterId, year),
        step: `release-flags-${cause}-${clusterId}-${year}`,
      });
    }
  }
}
