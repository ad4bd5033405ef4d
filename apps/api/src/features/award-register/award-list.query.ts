import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { defaultCatalog, type Integer } from '@thidua/domain';
import {
  AWARD_ENTRIES,
  AWARD_REGISTER_PROJECTION,
  CLUSTERS,
  DIRECTORY_PROJECTION,
  PEOPLE_PROJECTION,
  PERSONS,
  TOTALS,
  totalsDocId,
  UNITS,
  YEARLY_TOTALS_PROJECTION,
  type AwardEntryDoc,
  type BasisDoc,
  type BasisNoLongerHolds,
  type PersonDoc,
  type SourceEvent,
  type TotalsDoc,
  type UnitDoc,
} from '@thidua/projections';
import { ReadModels } from '../../common/read-models.js';
import { clusterNotFound } from '../queries/cluster-year-events.js';
import { registeredUnit } from '../queries/units-organizers.handlers.js';
import { personView } from '../people/people.query.js';
import { PersonKeys } from '../people/person-keys.provider.js';
import { AwardReader } from '../awards/award-read.js';

/** One award as the register answers it: the decision, the recipient named, the revocation, the events behind. */
export type AwardListItem = AwardEntryDoc & {
  /** The recipient unit's (or the person's unit's) current name. */
  unitName: string | null;
  /** An individual's name opened with their key, "đã xoá" once erased; null for a collective. */
  personName: string | null;
  rankTitle: string | null;
  /**
   * The titles a prerequisite was met with (from the person's register), each named, with its revocation
   * event when the award it names was revoked (a prior title, `awardId` null, has none).
   */
  basis: Array<BasisDoc & { name: string; revokedBy: SourceEvent | null }>;
  /**
   * Why the basis no longer holds, empty while it holds: an individual's from the person's register
   * (PREREQUISITE_REVOKED), a flag's from the log (FLAG_OUTSIDE_QUOTA, as GET /awards/{awardId} reads it).
   */
  basisNoLongerHolds: BasisNoLongerHolds[];
  /** A flag's confirmations by the organizer after its basis stopped holding: reason and log position. */
  basisConfirmations: Array<{ reason: string; position: Integer }>;
};

/** GET /totals/{year}/awards: the awards behind the totals of a cluster or a unit, one page. */
export interface AwardList {
  year: Integer;
  scope: 'cluster' | 'unit';
  scopeId: string;
  /** The units whose awards were listed (the members, or the unit, with the units under them). */
  unitIds: string[];
  /** Awards matching the filters, revoked ones included. */
  total: Integer;
  /** Of those, not revoked: what GET /totals/{year} counts (the same filters). */
  counted: Integer;
  offset: Integer;
  limit: Integer;
  items: AwardListItem[];
}

export class ListAwardsQuery extends Query<AwardList> {
  constructor(
    readonly scope: 'cluster' | 'unit',
    readonly scopeId: string,
    readonly year: number,
    readonly subUnits: boolean,
    readonly filter: { code?: string; kind?: 'collective' | 'individual' },
    readonly offset: number,
    readonly limit: number,
  ) {
    super();
  }
}

const int = (n: number): Integer => n as Integer;
const rankOf = (code: string): number => defaultCatalog.find(code)?.rank ?? Number.MAX_SAFE_INTEGER;

/**
 * Which units: a cluster's are those the totals count for it that year (members admitted, not withdrawn)
 * with every unit under them — where awards to sub-collectives land. Then the register's awards of those
 * units and that year, most eminent title first, then by decision date and id; the page's recipients named.
 */
@QueryHandler(ListAwardsQuery)
export class ListAwardsHandler implements IQueryHandler<ListAwardsQuery> {
  constructor(
    private readonly reads: ReadModels,
    private readonly keys: PersonKeys,
    private readonly awards: AwardReader,
  ) {}

  async execute(q: ListAwardsQuery): Promise<AwardList> {
    const roots = await this.roots(q);
    const unitIds = q.scope === 'cluster' || q.subUnits ? await this.withDescendants(roots) : roots;
    // The filters are equalities on the entry's fields: the read store applies them (on the (unitId, year)
    // index). Sorting and paging stay here: the order is the catalog's rank, which no document stores, over
    // the union of the units' entries, and `total`/`counted` need every match anyway.
    const { code, kind } = q.filter;
    const where = { year: q.year, ...(code !== undefined && { code }), ...(kind !== undefined && { kind }) };
    const matching: AwardEntryDoc[] = [];
    for (const unitId of unitIds)
      matching.push(
        ...(await this.reads.find<AwardEntryDoc>(AWARD_REGISTER_PROJECTION, AWARD_ENTRIES, {
          where: { unitId, ...where },
        })),
      );
    matching.sort(
      (a, b) =>
        rankOf(a.code) - rankOf(b.code) ||
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        (a.awardId < b.awardId ? -1 : a.awardId > b.awardId ? 1 : 0),
    );
    const page = matching.slice(q.offset, q.offset + q.limit);
    return {
      year: int(q.year),
      scope: q.scope,
      scopeId: q.scopeId,
      unitIds,
      total: int(matching.length),
      counted: int(matching.filter((a) => a.revoked === null).length),
      offset: int(q.offset),
      limit: int(q.limit),
      items: await Promise.all(page.map((a) => this.named(a))),
    };
  }

  private async roots({ scope, scopeId, year }: ListAwardsQuery): Promise<string[]> {
    if (scope === 'unit') {
      await registeredUnit(this.reads, scopeId, 'unit');
      return [scopeId];
    }
    if (!(await this.reads.get(DIRECTORY_PROJECTION, CLUSTERS, scopeId)))
      throw clusterNotFound(scopeId, 'cluster');
    const totals = await this.reads.get<TotalsDoc>(
      YEARLY_TOTALS_PROJECTION,
      TOTALS,
      totalsDocId('cluster', scopeId, year),
    );
    return totals?.units ?? [];
  }

  private async withDescendants(roots: string[]): Promise<string[]> {
    const seen = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0) {
      const unitId = queue.shift()!;
      if (seen.has(unitId)) continue;
      seen.add(unitId);
      const children = await this.reads.find<UnitDoc>(DIRECTORY_PROJECTION, UNITS, {
        where: { parentUnitId: unitId },
      });
      queue.push(...children.map((c) => c.unitId));
    }
    return [...seen];
  }

  private async basisOf(b: BasisDoc): Promise<AwardListItem['basis'][number]> {
    const award = b.awardId
      ? await this.reads.get<AwardEntryDoc>(AWARD_REGISTER_PROJECTION, AWARD_ENTRIES, b.awardId)
      : null;
    return {
      ...b,
      name: defaultCatalog.find(b.code)?.name ?? b.code,
      revokedBy: award?.revoked?.event ?? null,
    };
  }

  private async named(a: AwardEntryDoc): Promise<AwardListItem> {
    const unit = await this.reads.get<UnitDoc>(DIRECTORY_PROJECTION, UNITS, a.unitId);
    const doc = a.personId ? await this.reads.get<PersonDoc>(PEOPLE_PROJECTION, PERSONS, a.personId) : null;
    const person = doc ? personView(doc, this.keys) : null;
    const held = doc?.awards.find((h) => h.awardId === a.awardId);
    // A flag's basis is checked against the cluster-year's log as it stands (few flags per page).
    const flag = a.flagBasis && !a.revoked ? await this.awards.read(a.awardId, false) : null;
    return {
      ...a,
      unitName: unit?.name ?? null,
      personName: person?.fullName ?? null,
      rankTitle: person?.rankTitle ?? null,
      basis: await Promise.all((held?.basis ?? []).map((b) => this.basisOf(b))),
      basisNoLongerHolds: flag?.basisNoLongerHolds ?? held?.basisNoLongerHolds ?? [],
      basisConfirmations: flag?.basisConfirmations ?? [],
    };
  }
}
