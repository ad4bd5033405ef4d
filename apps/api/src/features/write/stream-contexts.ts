import { Inject, Injectable } from '@nestjs/common';
import {
  type ChairElectedData,
  clusterDecider,
  clusterStream,
  type ElectedInPreviousYear,
  emulationStream,
  membershipDecider,
  membershipStream,
  unitDecider,
  type UnitStatus,
  unitStream,
  type AwardRecipient,
  blocDecider,
  blocStream,
  disciplineDecider,
  type DisciplineState,
  disciplineStream,
  type DisciplineSubject,
  type EmulationWindow,
  windowDecider,
  windowStream,
  isValidId,
  proposalDecider,
  proposalStream,
  type Actor,
  type HeldRecipient,
  type ProposalState,
  flagQuotaDecider,
  flagQuotaStream,
  type FlagQuotaRule,
} from '@thidua/domain';
import type { EventStore } from '@thidua/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';

export interface ClusterInfo {
  organizerUnitId: string;
  status: 'active' | 'dissolved';
}

/**
 * Facts a decision needs from streams other than its own, read through the runner's cache (each is
 * one small read of what was appended since). Deciders trust them, so they are loaded in the turn of
 * the deciding stream on every attempt.
 */
@Injectable()
export class StreamContexts {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The cluster's organizer and status; undefined when no such cluster was formed. */
  async cluster(clusterId: string): Promise<ClusterInfo | undefined> {
    const { state } = await this.runner.load(clusterDecider, clusterStream(clusterId));
    if (state.status === 'none' || state.organizerUnitId === undefined) return undefined;
    return { organizerUnitId: state.organizerUnitId, status: state.status };
  }

  /** The bloc (khối) as formed, or undefined. */
  async bloc(blocId: string): Promise<{ organizerUnitId: string } | undefined> {
    const { state } = await this.runner.load(blocDecider, blocStream(blocId));
    return state.organizerUnitId === undefined ? undefined : { organizerUnitId: state.organizerUnitId };
  }

  /** The organizer's recorded cluster-flag quotas of a year, by flag code (none recorded: empty). */
  async flagQuotas(organizerUnitId: string, year: number): Promise<Readonly<Record<string, FlagQuotaRule>>> {
    return (await this.runner.load(flagQuotaDecider, flagQuotaStream(organizerUnitId, year))).state.quotas;
  }

  /** The proposals the awards name (folded), by proposal id: what an award decision item carries out. */
  async proposalsOf(
    awards: ReadonlyArray<{ proposalItem?: { proposalId: string } }>,
  ): Promise<Record<string, ProposalState>> {
    const ids = [...new Set(awards.flatMap((a) => (a.proposalItem ? [a.proposalItem.proposalId] : [])))];
    const found: Record<string, ProposalState> = {};
    for (const id of ids) {
      if (!isValidId(id)) continue; // the decider refuses it by name
      found[id] = (await this.runner.load(proposalDecider, proposalStream(id))).state;
    }
    return found;
  }

  /**
   * For an organizer: the (unit, year) recipients one of its clusters holds that year — the unit itself or a
   * unit above it (awards to sub-collectives belong to the cluster of their unit). Others: none (not needed).
   */
  async heldByOrganizer(
    actor: Actor,
    awards: ReadonlyArray<{ recipient: { unitId: string }; year: number }>,
  ): Promise<HeldRecipient[]> {
    if (actor.role !== 'organizer' || actor.unitId === undefined) return [];
    const organizerUnitId = actor.unitId;
    const held: HeldRecipient[] = [];
    const seen = new Set<string>();
    for (const { recipient, year } of awards) {
      const key = `${recipient.unitId}:${year}`;
      if (seen.has(key) || !isValidId(recipient.unitId)) continue;
      seen.add(key);
      // Up the parent chain (bounded: a malformed chain cannot loop).
      let unitId: string | undefined = recipient.unitId;
      for (let depth = 0; unitId !== undefined && depth < 10; depth++) {
        if (await this.reservation(organizerUnitId, year, unitId)) {
          held.push({ unitId: recipient.unitId, year, organizerUnitId });
          break;
        }
        unitId = await this.unitParent(unitId);
      }
    }
    return held;
  }

  /** The unit's parent unit, if it has one (the superior authority of a complaint's second level). */
  async unitParent(unitId: string): Promise<string | undefined> {
    return (await this.runner.load(unitDecider, unitStream(unitId))).state.parentUnitId;
  }

  async unitStatus(unitId: string): Promise<UnitStatus> {
    return (await this.runner.load(unitDecider, unitStream(unitId))).state.status;
  }

  /** The cluster of this organizer that holds the unit in `year`, if any. */
  async reservation(organizerUnitId: string, year: number, unitId: string): Promise<string | undefined> {
    const { state } = await this.runner.load(membershipDecider, membershipStream(organizerUnitId, year));
    return state.reservations[unitId];
  }

  /** The discipline facts of each recipient: the unit (collective) or the person (by person id). */
  async disciplineOf(
    recipients: ReadonlyArray<AwardRecipient>,
  ): Promise<Array<{ subject: DisciplineSubject; state: DisciplineState }>> {
    const subjects = new Map<string, DisciplineSubject>();
    for (const r of recipients) {
      const subject: DisciplineSubject | undefined =
        r.kind === 'collective'
          ? { kind: 'unit', unitId: r.unitId }
          : r.personId === undefined
            ? undefined
            : { kind: 'person', personId: r.personId };
      if (subject) subjects.set(disciplineStream(subject), subject);
    }
    const facts: Array<{ subject: DisciplineSubject; state: DisciplineState }> = [];
    for (const [streamId, subject] of subjects)
      facts.push({ subject, state: (await this.runner.load(disciplineDecider, streamId)).state });
    return facts;
  }

  /** The organizer's recorded emulation window for the year, if any. */
  async window(organizerUnitId: string, year: number): Promise<EmulationWindow | undefined> {
    return (await this.runner.load(windowDecider, windowStream(organizerUnitId, year))).state.window;
  }

  /** ChairElected events of a cluster-year (read when a chair takes up last year's election). */
  async electedIn(clusterId: string, year: number): Promise<ElectedInPreviousYear[]> {
    const streamId = emulationStream(clusterId, year);
    const elected: ElectedInPreviousYear[] = [];
    for (let from = 0; ;) {
      const batch = await this.store.readStream(streamId, { fromRevision: from, maxCount: 1000 });
      for (const e of batch) {
        if (e.type !== 'ChairElected') continue;
        const d = e.data as unknown as ChairElectedData;
        elected.push({ electionId: d.electionId, role: d.role, unitId: d.unitId });
      }
      if (batch.length < 1000) return elected;
      from = batch[batch.length - 1]!.revision + 1;
    }
  }
}
