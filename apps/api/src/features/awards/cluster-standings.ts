import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  defaultCatalog,
  emulationStream,
  evaluateRanking,
  flagClaimsDecider,
  flagClaimsStream,
  type RecordedFlag,
  quotaOf,
  type Actor,
  type AwardItem,
  type ClusterStanding,
} from '@thidua/domain';
import type { EventStore, StoredEvent } from '@thidua/event-store';
import type { ReadStore, Target } from '@thidua/read-store';
import {
  DIRECTORY_PROJECTION,
  rankingDigest,
  TOTALS,
  totalsDocId,
  UNITS,
  YEARLY_TOTALS_PROJECTION,
  type TotalsDoc,
  type UnitDoc,
} from '@thidua/projections';
import { EVENT_STORE, PROJECTION_RUNNER, READ_STORE } from '../../infrastructure/tokens.js';
import { StreamContexts } from '../write/stream-contexts.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { ClaimReconciler } from './claim-reconciler.js';

/**
 * How many leading units of a cluster's final ranking an organizer allows a cluster flag. No event
 * records an organizer's own quota yet, so it is the default of the rule (DESIGN.md §4: first).
 */
export const DEFAULT_FLAG_QUOTA = 1;
const PAGE = 1000;

/**
 * The facts a cluster flag (Cờ thi đua) needs: the recipient unit's standing in its cluster's final
 * ranking (period Y) of the award's year, from the event store — never from a projection, which may lag.
 *
 * Which cluster: the one holding the unit that year in an organizer's membership registry
 * (`membership-{organizer}-{year}`, the race-free record of "one cluster per organizer per year").
 * Organizers tried: the acting organizer's own unit first; then the organizers of the clusters the
 * cluster-directory lists for the unit (a hint only: each is checked against the registry). When several
 * organizers hold the unit, the acting organizer's cluster comes first, then standings within quota.
 */
@Injectable()
export class ClusterStandings {
  constructor(
    private readonly contexts: StreamContexts,
    private readonly runner: DeciderRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: { target(name: string): Target },
    private readonly reconciler: ClaimReconciler,
  ) {}

  /**
   * Standings for every collective recipient of a cluster flag among the awards. The flags already conferred
   * leave out the awards' own claims (a retried decision decides as it did the first time).
   */
  async forAwards(awards: readonly AwardItem[], actor: Actor): Promise<ClusterStanding[]> {
    const own = new Set(awards.map((a) => a.awardId));
    const wanted = new Map<string, { unitId: string; year: number }>();
    for (const a of awards)
      if (defaultCatalog.find(a.code)?.isClusterFlag && a.recipient.kind === 'collective')
        wanted.set(`${a.recipient.unitId}:${a.year}`, { unitId: a.recipient.unitId, year: a.year });
    const standings: ClusterStanding[] = [];
    for (const { unitId, year } of wanted.values())
      standings.push(...(await this.of(unitId, year, actor, own)));
    return standings;
  }

  async of(
    unitId: string,
    year: number,
    actor: Actor,
    ownAwards: ReadonlySet<string> = new Set(),
  ): Promise<ClusterStanding[]> {
    const own = actor.role === 'organizer' ? actor.unitId : undefined;
    const found: ClusterStanding[] = [];
    for (const { organizerUnitId, clusterId } of await this.holdings(unitId, year, actor))
      found.push(await this.standing(clusterId, organizerUnitId, unitId, year, ownAwards));
    const within = (s: ClusterStanding) => s.final && s.rank !== null && s.rank <= (s.quota ?? 1);
    return found.sort(
      (a, b) =>
        Number(b.organizerUnitId === own) - Number(a.organizerUnitId === own) ||
        Number(within(b)) - Number(within(a)),
    );
  }

  /** The unit's rank in the ranking of period Y evaluated over the whole cluster-year stream. */
  async standing(
    clusterId: string,
    organizerUnitId: string,
    unitId: string,
    year: number,
    own: ReadonlySet<string> = new Set(),
  ): Promise<ClusterStanding> {
    const base = { unitId, year, clusterId, organizerUnitId, quota: DEFAULT_FLAG_QUOTA };
    const events = await this.readStream(emulationStream(clusterId, year));
    try {
      const ranking = evaluateRanking(events, 'Y');
      const row = ranking.rows.find((r) => r.unitId === unitId);
      const final = ranking.status === 'closed' || ranking.status === 'revised';
      // An open complaint on the Y ranking (or a proposal made on it) bars flags on it.
      const disputed = (ranking.disputedBy?.length ?? 0) > 0;
      const policy = await this.contexts.flagQuotas(organizerUnitId, year);
      const quotaByCode = Object.fromEntries(
        Object.entries(policy).map(([code, rule]) => [code, quotaOf(rule, ranking.rows.length)]),
      );
      return {
        ...base,
        rank: row?.rank ?? null,
        final,
        ...(disputed && { disputed }),
        quotaByCode,
        conferred: await this.conferredFlags(clusterId, year, own),
        rowsAbove: row ? ranking.rows.filter((r) => r.rank < row.rank).length : 0,
        tiedWith: row
          ? ranking.rows.filter((r) => r.rank === row.rank && r.unitId !== unitId).map((r) => r.unitId)
          : [],
        rankingDigest: rankingDigest(ranking),
        rankingPosition: events.at(-1)?.position ?? 0,
        // The units the year's title reviews (bình xét at the tổng kết) chose, by code.
        chosenByVote: events.flatMap((e) =>
          e.type === 'TitleReviewHeld'
            ? (e.data as { chosen: string[]; code: string }).chosen.map((u) => ({
                unitId: u,
                code: (e.data as { code: string }).code,
              }))
            : [],
        ),
      };
    } catch (error) {
      if (error instanceof DomainError) return { ...base, rank: null, final: false }; // no such cluster-year
      throw error;
    }
  }

  /**
   * Flags holding places of the cluster-year's quotas, read from the log: the claims of
   * `flag-claims-{cluster}-{year}` (every flag decided since claims exist; the claim itself is decided there
   * race-free), and the flags recorded before claims existed, which only the yearly totals list.
   */
  async conferredFlags(
    clusterId: string,
    year: number,
    own: ReadonlySet<string> = new Set(),
  ): Promise<Array<{ unitId: string; code: string; awardId: string }>> {
    // Claims a stopped request left here are released before they are counted (ClaimReconciler).
    await this.reconciler.reconcile([flagClaimsStream(clusterId, year)]);
    const { state } = await this.runner.load(flagClaimsDecider, flagClaimsStream(clusterId, year));
    const claimed = Object.entries(state.claims)
      .filter(([awardId]) => !own.has(awardId))
      .map(([awardId, c]) => ({ unitId: c.unitId, code: c.code, awardId }));
    const older = (await this.recordedFlags(clusterId, year)).filter(
      (f) => state.claims[f.awardId] === undefined && !state.released.includes(f.awardId),
    );
    return [...claimed, ...older.map(({ unitId, code, awardId }) => ({ unitId, code, awardId }))];
  }

  /** The cluster-year's flags (not revoked) as the yearly totals list them: decisions before flag claims. */
  async recordedFlags(clusterId: string, year: number): Promise<RecordedFlag[]> {
    try {
      const doc = (await this.reads.get(
        this.projections.target(YEARLY_TOTALS_PROJECTION),
        TOTALS,
        totalsDocId('cluster', clusterId, year),
      )) as TotalsDoc | null;
      return (doc?.flags ?? []).map(({ awardId, unitId, code }) => ({ awardId, unitId, code }));
    } catch {
      return []; // the totals are not served in this process (yet)
    }
  }

  /** The clusters holding the unit that year in an organizer's membership registry. */
  async clustersHolding(unitId: string, year: number, actor: Actor): Promise<string[]> {
    return (await this.holdings(unitId, year, actor)).map((h) => h.clusterId);
  }

  /** Each organizer's cluster holding the unit that year (the acting organizer's first). */
  private async holdings(
    unitId: string,
    year: number,
    actor: Actor,
  ): Promise<Array<{ organizerUnitId: string; clusterId: string }>> {
    const own = actor.role === 'organizer' ? actor.unitId : undefined;
    const organizers = [...new Set([...(own ? [own] : []), ...(await this.listedOrganizers(unitId, year))])];
    const held: Array<{ organizerUnitId: string; clusterId: string }> = [];
    for (const organizerUnitId of organizers) {
      const clusterId = await this.contexts.reservation(organizerUnitId, year, unitId);
      if (clusterId) held.push({ organizerUnitId, clusterId });
    }
    return held;
  }

  /** Organizers of the clusters the directory lists for the unit that year (a hint; may lag or be absent). */
  private async listedOrganizers(unitId: string, year: number): Promise<string[]> {
    let unit: UnitDoc | null;
    try {
      unit = (await this.reads.get(
        this.projections.target(DIRECTORY_PROJECTION),
        UNITS,
        unitId,
      )) as UnitDoc | null;
    } catch {
      return []; // the directory is not served in this process (yet)
    }
    const organizers: string[] = [];
    for (const id of unit?.clusterYears ?? []) {
      const m = /^(.+):(\d{4})$/.exec(id);
      if (!m || Number(m[2]) !== year) continue;
      const cluster = await this.contexts.cluster(m[1]!);
      if (cluster) organizers.push(cluster.organizerUnitId);
    }
    return organizers;
  }

  private async readStream(streamId: string): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (let fromRevision = 0; ;) {
      const page = await this.events.readStream(streamId, { fromRevision, maxCount: PAGE });
      all.push(...page);
      if (page.length < PAGE) return all;
      fromRevision = page[page.length - 1]!.revision + 1;
    }
  }
}
