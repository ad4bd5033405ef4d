import { defaultCatalog } from '@thidua/domain';
import { compareAwardCodes } from '../unit-history/vietnamese.js';
import type {
  Counts,
  FlagAward,
  PledgeFulfilment,
  PledgeSummary,
  TotalsDoc,
  TotalsScope,
} from './yearly-totals.documents.js';

/** Pure changes to a totals document (it is mutated in place: it is this event's working copy). */

export function emptyTotals(
  scope: TotalsScope,
  scopeId: string,
  year: number,
  refs: { organizerUnitId?: string; clusterId?: string } = {},
): TotalsDoc {
  return {
    scope,
    scopeId,
    year,
    organizerUnitId: refs.organizerUnitId ?? null,
    clusterId: refs.clusterId ?? null,
    units: scope === 'unit' ? [scopeId] : [],
    memberships: [],
    awards: [],
    collective: 0,
    individual: 0,
    total: 0,
    rewards: zero(),
    commendations: zero(),
    quarters: {},
    flags: [],
    pledges: [],
    pledgeSummary: { pledges: 0, registered: 0, conferred: 0, fulfilled: 0 },
    position: 0,
  };
}

const zero = (): Counts => ({ collective: 0, individual: 0, total: 0 });

const add = (c: Counts, kind: 'collective' | 'individual', delta: number): void => {
  c[kind] += delta;
  c.total += delta;
};

/**
 * Adds (sign 1) or removes (sign -1) `count` awards of a code to one kind of recipient, decided in
 * `quarter` (`YYYY-Qn`): in the code's row, the totals, khen thưởng or biểu dương, and the quarter.
 */
export function countAward(
  doc: TotalsDoc,
  code: string,
  kind: 'collective' | 'individual',
  sign: 1 | -1,
  quarter: string,
  count = 1,
): void {
  const delta = sign * count;
  if (delta === 0) return;
  let row = doc.awards.find((a) => a.code === code);
  if (!row) {
    const name = defaultCatalog.find(code)?.name ?? code;
    row = { code, name, quarters: {}, collective: 0, individual: 0, total: 0 };
    doc.awards.push(row);
    doc.awards.sort((a, b) => compareAwardCodes(a.code, b.code));
  }
  row[kind] += delta;
  row.total += delta;
  const inQuarter = (row.quarters[quarter] ??= { collective: 0, individual: 0 });
  inQuarter[kind] += delta;
  if (inQuarter.collective === 0 && inQuarter.individual === 0) delete row.quarters[quarter];
  doc[kind] += delta;
  doc.total += delta;
  const part = defaultCatalog.find(code)?.kind === 'commendation' ? 'commendations' : 'rewards';
  add(doc[part], kind, delta);
  const q = (doc.quarters[quarter] ??= { rewards: zero(), commendations: zero() });
  add(q[part], kind, delta);
  if (q.rewards.total === 0 && q.commendations.total === 0) delete doc.quarters[quarter];
  if (row.total === 0) doc.awards = doc.awards.filter((a) => a !== row);
}

export function addFlag(doc: TotalsDoc, flag: FlagAward): void {
  if (doc.flags.some((f) => f.awardId === flag.awardId)) return;
  doc.flags.push({ ...flag });
  doc.flags.sort(
    (a, b) => cmp(a.unitId, b.unitId) || compareAwardCodes(a.code, b.code) || cmp(a.awardId, b.awardId),
  );
}

export function removeFlag(doc: TotalsDoc, awardId: string): void {
  doc.flags = doc.flags.filter((f) => f.awardId !== awardId);
}

/**
 * Moves a unit's whole tally of the year (its own and its sub-units' awards: its subtree document) into or
 * out of a cluster/organizer.
 */
export function addUnitTally(target: TotalsDoc, unit: TotalsDoc, sign: 1 | -1): void {
  for (const a of unit.awards)
    for (const [quarter, n] of Object.entries(a.quarters)) {
      countAward(target, a.code, 'collective', sign, quarter, n.collective);
      countAward(target, a.code, 'individual', sign, quarter, n.individual);
    }
  for (const f of unit.flags) {
    if (sign === 1) addFlag(target, f);
    else removeFlag(target, f.awardId);
  }
  const unitId = unit.scopeId;
  target.units =
    sign === 1 ? [...new Set([...target.units, unitId])].sort(cmp) : target.units.filter((u) => u !== unitId);
}

/** Registered titles conferred on the unit this year: collective awards of that code still counted. */
export function conferredTitles(unit: TotalsDoc, registered: readonly string[]): string[] {
  return registered.filter((code) => (unit.awards.find((a) => a.code === code)?.collective ?? 0) > 0);
}

/** Sets (or replaces) the pledge row of (cluster, unit) and recomputes the summary. */
export function setPledge(doc: TotalsDoc, row: Omit<PledgeFulfilment, 'fulfilled'>): void {
  const fulfilled = row.registered.length > 0 && row.conferred.length === row.registered.length;
  const next: PledgeFulfilment = {
    ...row,
    registered: [...row.registered],
    conferred: [...row.conferred],
    fulfilled,
  };
  doc.pledges = [
    ...doc.pledges.filter((p) => p.clusterId !== row.clusterId || p.unitId !== row.unitId),
    next,
  ].sort((a, b) => cmp(a.clusterId, b.clusterId) || cmp(a.unitId, b.unitId));
  doc.pledgeSummary = summarize(doc.pledges);
}

function summarize(pledges: readonly PledgeFulfilment[]): PledgeSummary {
  return {
    pledges: pledges.length,
    registered: pledges.reduce((n, p) => n + p.registered.length, 0),
    conferred: pledges.reduce((n, p) => n + p.conferred.length, 0),
    fulfilled: pledges.filter((p) => p.fulfilled).length,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
