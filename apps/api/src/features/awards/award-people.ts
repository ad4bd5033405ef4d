import { Injectable } from '@nestjs/common';
import {
  awardDecisionDecider,
  awardDecisionStream,
  defaultCatalog,
  notFound,
  personDecider,
  type PersonState,
  personStream,
  type AwardItem,
  unitDecider,
  type UnitLevel,
  unitLevelOf,
  unitStream,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamWriter } from '../write/stream-writer.js';
import { ClaimReconciler } from './claim-reconciler.js';

type PeopleStates = Array<{ personId: string; state: PersonState }>;

/**
 * The people side of an award decision (issue 12): the registry records of its individual recipients and
 * the person-stream claims that make "no second copy of a
 * title", "one achievement rewarded once" and the prerequisites race-free (claimed in each person's
 * stream before the decision, released when the decision is not recorded or the award is revoked).
 */
@Injectable()
export class AwardPeople {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly writer: StreamWriter,
    private readonly reconciler: ClaimReconciler,
  ) {}

  /**
   * Each individual recipient's record; 404 PERSON_NOT_FOUND naming the item when one is not registered.
   * Title claims a stopped request left in a person's stream are released first (ClaimReconciler).
   */
  async records(personIds: ReadonlyArray<{ personId: string; field: string }>): Promise<PeopleStates> {
    const states = new Map<string, PersonState>();
    for (const { personId, field } of personIds) {
      if (states.has(personId)) continue;
      await this.reconciler.reconcile([personStream(personId)]);
      const { state } = await this.runner.load(personDecider, personStream(personId));
      if (state.status === 'none')
        throw notFound('PERSON_NOT_FOUND', `person ${personId} is not in the registry`, field);
      states.set(personId, state);
    }
    return [...states].map(([personId, state]) => ({ personId, state }));
  }

  /**
   * Each collective recipient's registry record: status and TT 40/2014 level (from its kind, and below a
   * đơn vị cơ sở from its parent's).
   */
  async units(
    awards: ReadonlyArray<AwardItem>,
  ): Promise<Array<{ unitId: string; status: string; level: UnitLevel }>> {
    const ids = new Set(
      awards.flatMap((a) => (a.recipient.kind === 'collective' ? [a.recipient.unitId] : [])),
    );
    const records: Array<{ unitId: string; status: string; level: UnitLevel }> = [];
    for (const unitId of ids) {
      const { state } = await this.runner.load(unitDecider, unitStream(unitId));
      records.push({
        unitId,
        status: state.status,
        level: await this.levelOf(state.kind, state.parentUnitId),
      });
    }
    return records;
  }

  private async levelOf(
    kind: string | undefined,
    parentUnitId: string | undefined,
    depth = 0,
  ): Promise<UnitLevel> {
    if (parentUnitId === undefined || depth > 8) return unitLevelOf(kind);
    const parent = (await this.runner.load(unitDecider, unitStream(parentUnitId))).state;
    return unitLevelOf(kind, await this.levelOf(parent.kind, parent.parentUnitId, depth + 1));
  }

  /** The records as the decision decides on them: without the decision's own claims. */
  async recordsFor(awards: ReadonlyArray<AwardItem>): Promise<PeopleStates> {
    const ours = new Set(awards.map((a) => a.awardId));
    const people = await this.records(individuals(awards));
    return people.map(({ personId, state }) => ({
      personId,
      state: { ...state, titles: state.titles.filter((t) => t.awardId === null || !ours.has(t.awardId)) },
    }));
  }

  /** Claims the decision's titles (and rewarded achievements) in each person's stream; returns who to release. */
  async claim(
    ctx: CommandContext,
    decisionId: string,
    awards: ReadonlyArray<AwardItem>,
  ): Promise<Map<string, string[]>> {
    const byPerson = new Map<
      string,
      Array<{ awardId: string; code: string; year: number; achievementRef?: string; field: string }>
    >();
    awards.forEach((a, i) => {
      if (a.recipient.kind !== 'individual' || a.recipient.personId === undefined) return;
      if (defaultCatalog.find(a.code)?.kind !== 'title' && a.achievementRef === undefined) return;
      const list = byPerson.get(a.recipient.personId) ?? [];
      list.push({
        awardId: a.awardId,
        code: a.code,
        year: a.year,
        ...(a.achievementRef !== undefined && { achievementRef: a.achievementRef }),
        field: `awards[${i}]`,
      });
      byPerson.set(a.recipient.personId, list);
    });
    const claimed = new Map<string, string[]>();
    try {
      for (const [personId, claims] of byPerson) {
        const command = StreamWriter.command(ctx, 'ClaimTitles', { personId, decisionId, claims });
        await this.writer.execute(personDecider, command, ctx, {
          streamId: personStream(personId),
          step: `claim-${personId}`,
          context: async () => ({}),
        });
        claimed.set(
          personId,
          claims.map((c) => c.awardId),
        );
      }
      return claimed;
    } catch (error) {
      await this.release(ctx, claimed, 'decision-failed');
      throw error;
    }
  }

  /** After a revocation: releases the award's claim in its person's stream, if it holds one. */
  async releaseRevoked(ctx: CommandContext, decisionId: string, awardId: string): Promise<void> {
    const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
    const recipient = state.awards[awardId]?.recipient;
    if (recipient?.kind !== 'individual' || recipient.personId === undefined) return;
    await this.release(ctx, new Map([[recipient.personId, [awardId]]]), 'revoked');
  }

  async release(
    ctx: CommandContext,
    claimed: ReadonlyMap<string, string[]>,
    cause: 'decision-failed' | 'revoked',
  ): Promise<void> {
    for (const [personId, awardIds] of claimed) {
      const command = StreamWriter.command(ctx, 'ReleaseTitleClaims', { personId, awardIds, cause });
      await this.writer.execute(personDecider, command, ctx, {
        streamId: personStream(personId),
        step: `release-${cause}-${personId}`,
        context: async () => ({}),
      });
    }
  }
}

export function individuals(awards: ReadonlyArray<AwardItem>): Array<{ personId: string; field: string }> {
  return awards.flatMap((a, i) =>
    a.recipient.kind === 'individual' && a.recipient.personId !== undefined
      ? [{ personId: a.recipient.personId, field: `awards[${i}].recipient.personId` }]
      : [],
  );
}
