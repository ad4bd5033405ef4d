import type { Command } from '../actor.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DisciplineState } from '../discipline/discipline.state.js';
import type { AwardItem } from '../events/award-decision.events.js';
import type { DisciplineSubject } from '../events/discipline.events.js';
import { awardDecisionStream } from '../streams.js';

export type IssueAwardDecision = Command<
  'IssueAwardDecision',
  { decisionId: string; number: string; date: string; authority: string; awards: AwardItem[] }
>;
export type RevokeAward = Command<
  'RevokeAward',
  { decisionId: string; awardId: string; reason: string; decisionRef: string; effectiveDate?: string }
>;

export type AwardDecisionCommand = IssueAwardDecision | RevokeAward;

/**
 * A collective's standing in its cluster's final ranking (period Y, closed or revised) of a year, as
 * loaded by the handler for cluster-flag awards. `rank` is null when the unit has no row.
 */
export interface ClusterStanding {
  unitId: string;
  year: number;
  clusterId: string;
  organizerUnitId: string;
  rank: number | null;
  /** True when the Y period of that cluster-year is closed (or revised after closing). */
  final: boolean;
  /** How many leading units the organizer allows a flag; default 1. */
  quota?: number;
}

export interface AwardDecisionContext {
  /** Standings for every collective recipient of a cluster flag in the decision. */
  clusterStandings?: ReadonlyArray<ClusterStanding>;
  catalog?: Catalog;
  /** The discipline facts of every recipient unit and person (by person id) of the decision. */
  discipline?: ReadonlyArray<{ subject: DisciplineSubject; state: DisciplineState }>;
}

export const awardDecisionStreamOf = (command: AwardDecisionCommand): string =>
  awardDecisionStream(command.data.decisionId);
