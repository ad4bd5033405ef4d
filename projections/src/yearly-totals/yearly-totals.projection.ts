import type { StoredEvent } from '@thidua/event-store';
import type { DocChange } from '@thidua/read-store';
import {
  defaultCatalog,
  parseStreamId,
  type AwardDecisionIssuedData,
  type AwardRevokedData,
  type ClusterFormedData,
  type UnitRegisteredData,
  type PledgeSignedData,
  type UnitAdmittedData,
  type UnitWithdrawnData,
} from '@thidua/domain';
import type { ProjectionDefinition, ProjectionView } from '../projection.js';
import { DocWork } from '../unit-history/doc-work.js';
import {
  addFlag,
  addUnitTally,
  conferredTitles,
  countAward,
  emptyTotals,
  removeFlag,
  setPledge,
} from './tally.js';
import {
  TOTALS,
  TOTALS_AWARDS,
  TOTALS_CLUSTERS,
  TOTALS_SUBTREES,
  TOTALS_UNITS,
  totalsDocId,
  quarterOf,
  type TotalsUnitDoc,
  YEARLY_TOTALS_PROJECTION,
  type TotalsAwardDoc,
  type TotalsClusterDoc,
  type TotalsDoc,
} from './yearly-totals.documents.js';

/** 2: sub-units' awards count for the clusters above them; khen thưởng and biểu dương apart; quarters. */
export const YEARLY_TOTALS_VERSION = 2;

export const YEARLY_TOTALS_TYPES = [
  'UnitRegistered',
  'ClusterFormed',
  'UnitAdmitted',
  'UnitWithdrawn',
  'PledgeSigned',
  'PledgeAmended',
  'AwardDecisionIssued',
  'AwardRevoked',
] as const;

/**
 * `yearly-totals` (see yearly-totals.documents.ts for the shapes and the attribution rule). Per event:
 * lookups by id and deltas on the unit's, its clusters' and their organizers' documents — never a
 * re-read of a stream nor a scan.
 */
export function yearlyTotalsProjection(): ProjectionDefinition {
  return {
    name: YEARLY_TOTALS_PROJECTION,
    version: YEARLY_TOTALS_VERSION,
    handles: YEARLY_TOTALS_TYPES,
    collections: [TOTALS, TOTALS_AWARDS, TOTALS_CLUSTERS, TOTALS_UNITS, TOTALS_SUBTREES],
    indexes: [{ collection: TOTALS, fields: ['year', 'scope'] }],
    async evolve(event: StoredEvent, view: ProjectionView): Promise<DocChange[]> {
      const t = new Totals(new DocWork(view, event.position));
      const stream = parseStreamId(event.streamId);
      const where = `${event.type} #${event.position} in ${event.streamId}`;
      switch (event.type) {
        case 'UnitRegistered':
          await t.registered(event.data as unknown as UnitRegisteredData);
          break;
        case 'ClusterFormed':
          await t.clusterFormed(event.data as unknown as ClusterFormedData);
          break;
        case 'UnitAdmitted':
        case 'UnitWithdrawn':
        case 'PledgeSigned':
        case 'PledgeAmended': {
          if (stream?.category !== 'emulation') throw new Error(`${where}: not a cluster-year stream`);
          const { clusterId, year } = stream;
          if (event.type === 'UnitAdmitted')
            await t.admitted(clusterId, year, (event.data as unknown as UnitAdmittedData).unitId);
          else if (event.type === 'UnitWithdrawn')
            await t.withdrawn(clusterId, year, (event.data as unknown as UnitWithdrawnData).unitId);
          else await t.pledged(clusterId, year, event.data as unknown as PledgeSignedData);
          break;
        }
        case 'AwardDecisionIssued':
          await t.issued(event.data as unknown as AwardDecisionIssuedData);
          break;
        case 'AwardRevoked':
          await t.revoked((event.data as unknown as AwardRevokedData).awardId, where);
          break;
        default:
          throw new Error(`yearly-totals does not handle ${where}`);
      }
      return t.work.changes();
    },
  };
}

/** One event's work on the totals documents. */
class Totals {
  constructor(readonly work: DocWork) {}

  async clusterFormed(e: ClusterFormedData): Promise<void> {
    await this.work.get(TOTALS_CLUSTERS, e.clusterId);
    const doc: TotalsClusterDoc = { clusterId: e.clusterId, organizerUnitId: e.organizerUnitId, position: 0 };
    this.work.put(TOTALS_CLUSTERS, e.clusterId, doc);
  }

  async registered(e: UnitRegisteredData): Promise<void> {
    await this.work.get(TOTALS_UNITS, e.unitId);
    const doc: TotalsUnitDoc = { unitId: e.unitId, parentUnitId: e.parentUnitId ?? null, position: 0 };
    this.work.put(TOTALS_UNITS, e.unitId, doc);
  }

  async admitted(clusterId: string, year: number, unitId: string): Promise<void> {
    const organizerUnitId = await this.organizerOf(clusterId);
    const unit = await this.unit(unitId, year);
    const tally = await this.subtree(unitId, year);
    if (unit.memberships.some((m) => m.clusterId === clusterId)) return;
    const sameOrganizer = unit.memberships.some((m) => m.organizerUnitId === organizerUnitId);
    unit.memberships = [...unit.memberships, { clusterId, organizerUnitId }].sort((a, b) =>
      a.clusterId < b.clusterId ? -1 : 1,
    );
    this.save(unit);
    const cluster = await this.cluster(clusterId, year);
    addUnitTally(cluster, tally, 1);
    this.save(cluster);
    // The domain keeps one cluster per organizer and year; never count a unit twice for an organizer.
    if (!sameOrganizer) {
      const organizer = await this.organizer(organizerUnitId, year);
      addUnitTally(organizer, tally, 1);
      this.save(organizer);
    }
  }

  async withdrawn(clusterId: string, year: number, unitId: string): Promise<void> {
    const unit = await this.unit(unitId, year);
    const membership = unit.memberships.find((m) => m.clusterId === clusterId);
    if (!membership) return;
    unit.memberships = unit.memberships.filter((m) => m !== membership);
    this.save(unit);
    const tally = await this.subtree(unitId, year);
    const cluster = await this.cluster(clusterId, year);
    addUnitTally(cluster, tally, -1);
    this.save(cluster);
    if (!unit.memberships.some((m) => m.organizerUnitId === membership.organizerUnitId)) {
      const organizer = await this.organizer(membership.organizerUnitId, year);
      addUnitTally(organizer, tally, -1);
      this.save(organizer);
    }
  }

  async pledged(clusterId: string, year: number, e: PledgeSignedData): Promise<void> {
    const unit = await this.unit(e.unitId, year);
    const row = {
      clusterId,
      unitId: e.unitId,
      registered: e.titles,
      conferred: conferredTitles(unit, e.titles),
    };
    await this.spreadPledge(unit, row);
  }

  async issued(e: AwardDecisionIssuedData): Promise<void> {
    for (const a of e.awards) {
      await this.work.get(TOTALS_AWARDS, a.awardId);
      const award: TotalsAwardDoc = {
        awardId: a.awardId,
        decisionId: e.decisionId,
        code: a.code,
        kind: a.recipient.kind,
        unitId: a.recipient.unitId,
        year: a.year,
        flag: defaultCatalog.find(a.code)?.isClusterFlag ?? false,
        overridden: a.override !== undefined,
        revoked: false,
        quarter: quarterOf(e.date),
        position: 0,
      };
      this.work.put(TOTALS_AWARDS, a.awardId, award);
      await this.count(award, 1);
    }
  }

  async revoked(awardId: string, where: string): Promise<void> {
    const award = await this.work.get<TotalsAwardDoc>(TOTALS_AWARDS, awardId);
    if (!award) throw new Error(`${where}: award ${awardId} was never issued`);
    if (award.revoked) return;
    award.revoked = true;
    this.work.put(TOTALS_AWARDS, awardId, award);
    await this.count(award, -1);
  }

  /**
   * Counts (or uncounts) one award for its unit, for its unit and every unit above it with their
   * sub-units (subtrees), and once for each cluster holding any of them and each of their organizers.
   */
  private async count(award: TotalsAwardDoc, sign: 1 | -1): Promise<void> {
    const unit = await this.unit(award.unitId, award.year);
    const targets: TotalsDoc[] = [unit];
    const clusters = new Set<string>();
    const organizers = new Set<string>();
    for (const unitId of await this.chain(award.unitId)) {
      targets.push(await this.subtree(unitId, award.year));
      const member = unitId === award.unitId ? unit : await this.unit(unitId, award.year);
      for (const m of member.memberships) {
        clusters.add(m.clusterId);
        organizers.add(m.organizerUnitId);
      }
    }
    for (const clusterId of clusters) targets.push(await this.cluster(clusterId, award.year));
    for (const org of organizers) targets.push(await this.organizer(org, award.year));
    const flag = {
      awardId: award.awardId,
      code: award.code,
      unitId: award.unitId,
      overridden: award.overridden,
    };
    for (const doc of targets) {
      countAward(doc, award.code, award.kind, sign, award.quarter);
      if (award.flag && sign === 1) addFlag(doc, flag);
      if (award.flag && sign === -1) removeFlag(doc, award.awardId);
      this.save(doc);
    }
    if (award.kind !== 'collective') return;
    for (const p of unit.pledges)
      if (p.registered.includes(award.code))
        await this.spreadPledge(unit, { ...p, conferred: conferredTitles(unit, p.registered) });
  }

  /** A pledge row goes to the unit, the cluster where it was signed and that cluster's organizer. */
  private async spreadPledge(
    unit: TotalsDoc,
    row: { clusterId: string; unitId: string; registered: string[]; conferred: string[] },
  ): Promise<void> {
    const organizerUnitId = await this.organizerOf(row.clusterId);
    for (const doc of [
      unit,
      await this.cluster(row.clusterId, unit.year),
      await this.organizer(organizerUnitId, unit.year),
    ]) {
      setPledge(doc, row);
      this.save(doc);
    }
  }

  private async organizerOf(clusterId: string): Promise<string> {
    const cluster = await this.work.get<TotalsClusterDoc>(TOTALS_CLUSTERS, clusterId);
    if (!cluster) throw new Error(`cluster ${clusterId} is used before it was formed`);
    return cluster.organizerUnitId;
  }

  private unit(unitId: string, year: number): Promise<TotalsDoc> {
    return this.load('unit', unitId, year, {});
  }

  /** The unit and the units above it, nearest first (a unit never registered has no parent known). */
  private async chain(unitId: string): Promise<string[]> {
    const chain: string[] = [];
    for (let id: string | null = unitId; id !== null && !chain.includes(id);) {
      chain.push(id);
      id = (await this.work.get<TotalsUnitDoc>(TOTALS_UNITS, id))?.parentUnitId ?? null;
    }
    return chain;
  }

  /** The unit's awards of the year with its sub-units' (what counts for a cluster holding it). */
  private async subtree(unitId: string, year: number): Promise<TotalsDoc> {
    const id = totalsDocId('unit', unitId, year);
    const stored = await this.work.get<TotalsDoc>(TOTALS_SUBTREES, id);
    const doc = stored ?? emptyTotals('unit', unitId, year);
    this.subtrees.add(doc);
    if (!stored) this.work.put(TOTALS_SUBTREES, id, doc);
    return doc;
  }

  private async cluster(clusterId: string, year: number): Promise<TotalsDoc> {
    return this.load('cluster', clusterId, year, {
      clusterId,
      organizerUnitId: await this.organizerOf(clusterId),
    });
  }

  private organizer(organizerUnitId: string, year: number): Promise<TotalsDoc> {
    return this.load('organizer', organizerUnitId, year, { organizerUnitId });
  }

  private async load(
    scope: TotalsDoc['scope'],
    scopeId: string,
    year: number,
    refs: { organizerUnitId?: string; clusterId?: string },
  ): Promise<TotalsDoc> {
    const id = totalsDocId(scope, scopeId, year);
    const stored = await this.work.get<TotalsDoc>(TOTALS, id);
    if (stored) return stored;
    const doc = emptyTotals(scope, scopeId, year, refs);
    // Cached in the work from here on, so the rest of this event changes the same object.
    this.work.put(TOTALS, id, doc);
    return doc;
  }

  private save(doc: TotalsDoc): void {
    // A subtree document is the only unit-scope document of its collection: it is one of the work's objects.
    const id = totalsDocId(doc.scope, doc.scopeId, doc.year);
    this.work.put(this.subtrees.has(doc) ? TOTALS_SUBTREES : TOTALS, id, doc);
  }

  private readonly subtrees = new WeakSet<TotalsDoc>();
}
