import type { StoredEvent } from '@thidua/event-store';
import type {
  ChairAssignedData,
  ChairElectedData,
  ChairPolicySetData,
  ConferenceHeldData,
  PlanIssuedData,
  PeriodClosedData,
  PeriodOpenedData,
  PeriodReopenedData,
  PledgeAmendedData,
  PledgeRulesSetData,
  PledgeSignedData,
  ScoringSchemePublishedData,
  UnitAdmittedData,
  UnitWithdrawnData,
} from '@thidua/domain';
import type { DocWork } from './doc-changes.js';
import { businessDateOf } from '@thidua/domain';
import {
  CLUSTER_YEARS,
  CLUSTERS,
  clusterYearId,
  PLEDGES,
  pledgeId,
  UNITS,
  type ClusterDoc,
  type ClusterYearDoc,
  type PeriodStatus,
  type PledgeDoc,
  type UnitDoc,
} from './directory.documents.js';
import { copyCluster, newClusterDoc } from './evolve-units-and-clusters.js';
import { newUnitDoc, sortMembers } from './unit-names.js';

/** The cluster-year event types this projection reads (the rest of the stream is the rankings' business). */
export const CLUSTER_YEAR_TYPES = [
  'UnitAdmitted',
  'UnitWithdrawn',
  'ChairAssigned',
  'ChairPolicySet',
  'ScoringSchemePublished',
  'ScoringSchemeAmended',
  'PledgeSigned',
  'PledgeAmended',
  'PeriodOpened',
  'PeriodClosed',
  'PeriodReopened',
  'ChairElected',
  'PledgeRulesSet',
  'ConferenceHeld',
  'PlanIssued',
] as const;

interface YearContext {
  event: StoredEvent;
  work: DocWork;
  clusterId: string;
  year: number;
  id: string;
  doc: ClusterYearDoc;
}

/** emulation-{clusterId}-{year}: membership, seats, scheme, pledges and period lifecycle. */
export async function evolveClusterYear(
  event: StoredEvent,
  work: DocWork,
  clusterId: string,
  year: number,
): Promise<void> {
  const id = clusterYearId(clusterId, year);
  const stored = await work.get<ClusterYearDoc>(CLUSTER_YEARS, id);
  if (!work.fresh(stored)) return;
  const doc = stored ?? (await newClusterYear(event, work, clusterId, year));
  const ctx: YearContext = { event, work, clusterId, year, id, doc };
  const changed = await apply(ctx);
  if (changed || !stored) work.put(CLUSTER_YEARS, id, doc);
}

/** The first event of a cluster-year creates its document and lists the year on the cluster. */
async function newClusterYear(
  event: StoredEvent,
  work: DocWork,
  clusterId: string,
  year: number,
): Promise<ClusterYearDoc> {
  const cluster = (await work.get<ClusterDoc>(CLUSTERS, clusterId)) ?? newClusterDoc(clusterId);
  if (!cluster.years.includes(year)) {
    cluster.years = [...cluster.years, year].sort((a, b) => a - b);
    work.put(CLUSTERS, clusterId, cluster);
  }
  const doc: ClusterYearDoc = {
    clusterId,
    year,
    streamId: event.streamId,
    name: null,
    number: null,
    organizerUnitId: null,
    blocId: null,
    blocName: null,
    clusterStatus: 'unknown',
    members: [],
    chair: null,
    viceChair: null,
    forbidConsecutiveTerms: true,
    electedForNextYear: {},
    scheme: null,
    periods: {},
    pledgedUnits: [],
    conferences: [],
    plans: [],
    pledgeRules: null,
    position: 0,
  };
  copyCluster(doc, cluster);
  return doc;
}

/** The unit's name, linking the unit to this cluster-year so that a later rename reaches it. */
async function unitName(ctx: YearContext, unitId: string): Promise<string | null> {
  const unit = (await ctx.work.get<UnitDoc>(UNITS, unitId)) ?? newUnitDoc(unitId);
  // A unit document past this event already has the link (events are applied in log order).
  if (ctx.work.fresh(unit) && !unit.clusterYears.includes(ctx.id)) {
    unit.clusterYears = [...unit.clusterYears, ctx.id];
    ctx.work.put(UNITS, unitId, unit);
  }
  return unit.name;
}

async function apply(ctx: YearContext): Promise<boolean> {
  const { event, doc } = ctx;
  const at = event.metadata.occurredAt;
  const on = businessDateOf(event);
  const position = event.position;
  switch (event.type) {
    case 'UnitAdmitted': {
      const { unitId } = event.data as unknown as UnitAdmittedData;
      const name = await unitName(ctx, unitId);
      const existing = doc.members.find((m) => m.unitId === unitId);
      if (existing) {
        existing.admittedAt = at;
        existing.admittedOn = on;
        existing.admittedPosition = position;
        delete existing.withdrawn;
      } else {
        doc.members.push({ unitId, name, admittedAt: at, admittedOn: on, admittedPosition: position });
      }
      sortMembers(doc);
      return true;
    }
    case 'UnitWithdrawn': {
      const { unitId, reason } = event.data as unknown as UnitWithdrawnData;
      const member = doc.members.find((m) => m.unitId === unitId);
      if (member) member.withdrawn = { at, on, position, reason };
      // A withdrawn unit loses the chair's or vice-chair's seat with its membership.
      if (doc.chair?.unitId === unitId) doc.chair = null;
      if (doc.viceChair?.unitId === unitId) doc.viceChair = null;
      return true;
    }
    case 'ChairAssigned': {
      const d = event.data as unknown as ChairAssignedData;
      const seat = {
        unitId: d.unitId,
        name: await unitName(ctx, d.unitId),
        source: d.source,
        ...(d.electionId !== undefined && { electionId: d.electionId }),
        at,
        on,
        position,
      };
      if (d.role === 'chair') doc.chair = seat;
      else doc.viceChair = seat;
      return true;
    }
    case 'ChairPolicySet':
      doc.forbidConsecutiveTerms = (event.data as unknown as ChairPolicySetData).forbidConsecutiveTerms;
      return true;
    case 'ChairElected': {
      const d = event.data as unknown as ChairElectedData;
      doc.electedForNextYear = {
        ...doc.electedForNextYear,
        [d.role]: { unitId: d.unitId, name: await unitName(ctx, d.unitId), electionId: d.electionId },
      };
      return true;
    }
    case 'ScoringSchemePublished':
    case 'ScoringSchemeAmended': {
      const { version } = event.data as unknown as ScoringSchemePublishedData;
      const versions = doc.scheme?.versions ?? [];
      doc.scheme = {
        version,
        publishedAt: at,
        publishedOn: on,
        position,
        versions: versions.includes(version) ? versions : [...versions, version],
      };
      return true;
    }
    case 'PeriodOpened':
    case 'PeriodClosed':
    case 'PeriodReopened':
      applyPeriod(doc, event);
      return true;
    case 'PledgeSigned':
    case 'PledgeAmended':
      await applyPledge(ctx);
      return true;
    case 'ConferenceHeld': {
      const d = event.data as unknown as ConferenceHeldData;
      doc.conferences = [...doc.conferences, { ...d, minutes: { ...d.minutes }, at, position }];
      return true;
    }
    case 'PlanIssued': {
      const { planId, title, reference } = event.data as unknown as PlanIssuedData;
      doc.plans = [...doc.plans, { planId, title, reference, on, at, position }];
      return true;
    }
    case 'PledgeRulesSet': {
      const { keyTasks, titleRequired } = event.data as unknown as PledgeRulesSetData;
      doc.pledgeRules = { keyTasks, titleRequired };
      return true;
    }
    default:
      return false;
  }
}

function applyPeriod(doc: ClusterYearDoc, event: StoredEvent): void {
  const at = event.metadata.occurredAt;
  const on = businessDateOf(event);
  const position = event.position;
  const { period } = event.data as unknown as PeriodOpenedData;
  const history = doc.periods[period]?.history ?? [];
  let next: PeriodStatus;
  if (event.type === 'PeriodClosed') {
    const d = event.data as unknown as PeriodClosedData;
    next = {
      status: 'closed',
      at,
      on,
      position,
      rankingDigest: d.rankingDigest,
      schemeVersion: d.schemeVersion,
      history: [
        ...history,
        {
          event: 'closed',
          at,
          on,
          position,
          rankingDigest: d.rankingDigest,
          schemeVersion: d.schemeVersion,
        },
      ],
    };
  } else if (event.type === 'PeriodReopened') {
    const d = event.data as unknown as PeriodReopenedData;
    next = {
      status: 'reopened',
      at,
      on,
      position,
      history: [
        ...history,
        { event: 'reopened', at, on, position, reason: d.reason, rankingDigest: d.previousDigest },
      ],
    };
  } else {
    next = {
      status: 'open',
      at,
      on,
      position,
      history: [...history, { event: 'opened', at, on, position }],
    };
  }
  doc.periods = { ...doc.periods, [period]: next };
}

async function applyPledge(ctx: YearContext): Promise<void> {
  const { event, work, doc } = ctx;
  const d = event.data as unknown as PledgeSignedData;
  const id = pledgeId(ctx.clusterId, ctx.year, d.unitId);
  const stored = await work.get<PledgeDoc>(PLEDGES, id);
  if (!work.fresh(stored)) return;
  const at = event.metadata.occurredAt;
  const on = businessDateOf(event);
  const content = { version: d.version, titles: d.titles, targets: d.targets, keyTasks: d.keyTasks };
  const pledge: PledgeDoc =
    event.type === 'PledgeAmended' && stored
      ? {
          ...stored,
          ...content,
          amendments: [
            ...stored.amendments,
            {
              version: d.version,
              at,
              on,
              position: event.position,
              reason: (event.data as unknown as PledgeAmendedData).reason,
              actorId: event.metadata.actor.id,
            },
          ],
        }
      : {
          clusterId: ctx.clusterId,
          year: ctx.year,
          unitId: d.unitId,
          ...content,
          signed: { at, on, position: event.position, actorId: event.metadata.actor.id },
          amendments: [],
          position: 0,
        };
  work.put(PLEDGES, id, pledge);
  if (!doc.pledgedUnits.includes(d.unitId)) doc.pledgedUnits = [...doc.pledgedUnits, d.unitId].sort();
}
