import { Inject, Injectable } from '@nestjs/common';
import {
  awardDecisionDecider,
  awardDecisionStream,
  defaultTitleRules,
  quotaCodes,
  titleQuotaDecider,
  titleQuotaStream,
  unitTitleCountsOf,
  type AwardItem,
  type UnitTitleClaimInput,
} from '@thidua/domain';
import type { EventStore } from '@thidua/event-store';
import { TOTALS, type TotalsDoc, totalsDocId, YEARLY_TOTALS_PROJECTION } from '@thidua/projections';
import type { CommandContext } from '../../common/command-context.js';
import { ReadModels } from '../../common/read-models.js';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamWriter } from '../write/stream-writer.js';
import { ClaimReconciler } from './claim-reconciler.js';

/** `{unitId}:{year}` → the award ids claimed there (what to release). */
export type UnitTitleClaims = Map<string, { unitId: string; year: number; awardIds: string[] }>;

const CODES = quotaCodes(defaultTitleRules);

/** The individual awards a quota rule counts, by unit-year, with the decision's field of each. */
function byUnitYear(awards: ReadonlyArray<AwardItem>) {
  const groups = new Map<string, { unitId: string; year: number; claims: UnitTitleClaimInput[] }>();
  awards.forEach((a, i) => {
    if (a.recipient.kind !== 'individual' || !CODES.has(a.code)) return;
    const key = `${a.recipient.unitId}:${a.year}`;
    const g = groups.get(key) ?? { unitId: a.recipient.unitId, year: a.year, claims: [] };
    g.claims.push({ awardId: a.awardId, code: a.code, field: `awards[${i}].code` });
    groups.set(key, g);
  });
  return groups;
}

/**
 * "Chiến sĩ thi đua cơ sở at most 15 % of the unit's Chiến sĩ tiên tiến" spans decisions, so the titles a
 * quota counts are claimed in `title-quota-{unitId}-{year}` (expected revision) before the decision is
 * written: two decisions for one unit-year cannot both pass. The decision reads the counts from there too;
 * decisions recorded before claims existed are counted from the yearly totals, once, as the stream's baseline.
 */
@Injectable()
export class AwardTitleQuota {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly writer: StreamWriter,
    private readonly reads: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly reconciler: ClaimReconciler,
  ) {}

  /** The quota titles each unit-year of the awards holds, without the awards' own claims (for the decider). */
  async counts(
    awards: ReadonlyArray<AwardItem>,
  ): Promise<Array<{ unitId: string; year: number; code: string; count: number }>> {
    const own = new Set(awards.map((a) => a.awardId));
    const counts: Array<{ unitId: string; year: number; code: string; count: number }> = [];
    for (const { unitId, year } of byUnitYear(awards).values()) {
      // Claims a stopped request left here are released before they are counted (ClaimReconciler).
      await this.reconciler.reconcile([titleQuotaStream(unitId, year)]);
      const { state } = await this.runner.load(titleQuotaDecider, titleQuotaStream(unitId, year));
      const held =
        state.baseline === null ? await this.baseline(unitId, year) : unitTitleCountsOf(state, own);
      for (const c of held) counts.push({ unitId, year, ...c });
    }
    return counts;
  }

  /** Titles of the quota codes the yearly totals count for the unit-year (decisions before claims existed). */
  private async baseline(unitId: string, year: number): Promise<Array<{ code: string; count: number }>> {
    const doc = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      TOTALS,
      totalsDocId('unit', unitId, year),
    );
    return (doc?.awards ?? [])
      .filter((row) => CODES.has(row.code) && row.individual > 0)
      .map((row) => ({ code: row.code, count: row.individual }));
  }

  async claim(
    ctx: CommandContext,
    decisionId: string,
    awards: ReadonlyArray<AwardItem>,
  ): Promise<UnitTitleClaims> {
    const claimed: UnitTitleClaims = new Map();
    try {
      for (const [key, { unitId, year, claims }] of byUnitYear(awards)) {
        const streamId = titleQuotaStream(unitId, year);
        const { state } = await this.runner.load(titleQuotaDecider, streamId);
        const baseline = state.baseline === null ? await this.baseline(unitId, year) : [];
        const command = StreamWriter.command(ctx, 'ClaimUnitTitles', {
          unitId,
          year,
          decisionId,
          claims,
          baseline,
        });
        await this.writer.execute(titleQuotaDecider, command, ctx, {
          streamId,
          step: `claim-quota-${unitId}-${year}`,
        });
        claimed.set(key, { unitId, year, awardIds: claims.map((c) => c.awardId) });
      }
      return claimed;
    } catch (error) {
      await this.release(ctx, claimed, 'decision-failed');
      throw error;
    }
  }

  /**
   * After a revocation: the award no longer counts in its unit-year — its claim is released, or, for an award
   * recorded before claims existed, the baseline that counted it is lowered by one.
   */
  async releaseRevoked(ctx: CommandContext, decisionId: string, awardId: string): Promise<void> {
    const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
    const award = state.awards[awardId];
    if (award?.recipient.kind !== 'individual' || !CODES.has(award.code)) return;
    const { unitId } = award.recipient;
    const counted = await this.countedInBaseline(unitId, award.year, decisionId);
    await this.release(
      ctx,
      new Map([['revoked', { unitId, year: award.year, awardIds: [awardId] }]]),
      'revoked',
      counted ? [{ awardId, code: award.code }] : [],
    );
  }

  /**
   * Whether the unit-year's baseline counted the decision's awards: the decision precedes the baseline on the
   * log (the baseline was read from the yearly totals when the first claim was made; decisions recorded before
   * claims existed were projected long before). Whether the award holds a claim instead, the decider checks.
   */
  private async countedInBaseline(unitId: string, year: number, decisionId: string): Promise<boolean> {
    const first = { fromRevision: 0, maxCount: 1 };
    const [baseline] = await this.events.readStream(titleQuotaStream(unitId, year), first);
    if (baseline?.type !== 'UnitTitleBaselineRecorded') return false;
    const [issued] = await this.events.readStream(awardDecisionStream(decisionId), first);
    return issued !== undefined && issued.position < baseline.position;
  }

  async release(
    ctx: CommandContext,
    claimed: UnitTitleClaims,
    cause: 'decision-failed' | 'revoked',
    fromBaseline: Array<{ awardId: string; code: string }> = [],
  ): Promise<void> {
    for (const { unitId, year, awardIds } of claimed.values()) {
      const command = StreamWriter.command(ctx, 'ReleaseUnitTitleClaims', {
        unitId,
        year,
        awardIds,
        cause,
        ...(fromBaseline.length > 0 && { fromBaseline }),
      });
      await this.writer.execute(titleQuotaDecider, command, ctx, {
        streamId: titleQuotaStream(unitId, year),
        step: `release-quota-${cause}-${unitId}-${year}`,
      });
    }
  }
}
