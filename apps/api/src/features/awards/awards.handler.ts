import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  awardDecisionDecider,
  awardDecisionStream,
  DomainError,
  isValidId,
  MINISTRY_FLAG,
  notFound,
  proposalStream,
  rule,
  type AwardItem,
  type AwardRecipient,
} from '@thidua/domain';
import { StreamContexts } from '../write/stream-contexts.js';
import { StreamWriter } from '../write/stream-writer.js';
import { awardIdOf, decisionIdOfAward } from './award-ids.js';
import {
  IssueAwardDecisionCommand,
  RevokeAwardCommand,
  type AwardDecisionIssued,
  type AwardRevoked,
} from './awards.command.js';
import type { AwardItemDto } from './awards.dto.js';
import { ClusterStandings } from './cluster-standings.js';
import { AwardPeople } from './award-people.js';
import { AwardProposalClaims } from './award-proposal-claims.js';
import { AwardFlagClaims, type FlagClaims } from './award-flag-claims.js';
import { AwardTitleQuota, type UnitTitleClaims } from './award-title-quota.js';
import { actDate } from '../write/act-date.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { ClaimReconciler } from './claim-reconciler.js';
import { InFlightDecisions } from './in-flight-decisions.js';

/** A person is named by id; the award names the unit the registry has them in (`units` of the handler). */
function recipientOf(dto: AwardItemDto['recipient'], unitOf: ReadonlyMap<string, string>): AwardRecipient {
  if (dto.kind === 'collective') return { kind: 'collective', unitId: dto.unitId };
  return { kind: 'individual', personId: dto.personId, unitId: unitOf.get(dto.personId) ?? '' };
}

/**
 * Quyết định khen thưởng: the server names the decision and its awards (`{decisionId}-{n}`); the decider
 * checks the catalog, the authority, the recipient kinds and — for cluster flags — the standing loaded
 * here from the cluster-year streams (in the decision stream's turn, on every attempt).
 */
@CommandHandler(IssueAwardDecisionCommand)
export class IssueAwardDecisionHandler implements ICommandHandler<IssueAwardDecisionCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly standings: ClusterStandings,
    private readonly contexts: StreamContexts,
    private readonly people: AwardPeople,
    private readonly proposalClaims: AwardProposalClaims,
    private readonly flagClaims: AwardFlagClaims,
    private readonly titleQuota: AwardTitleQuota,
    private readonly inFlight: InFlightDecisions,
    private readonly reconciler: ClaimReconciler,
    private readonly runner: DeciderRunner,
  ) {}

  async execute(command: IssueAwardDecisionCommand): Promise<AwardDecisionIssued> {
    const decisionId = StreamWriter.newEntityId(command.ctx, 'award-decision');
    // From its first claim to its decision, no reconciler of this process takes this decision for abandoned.
    this.inFlight.add(decisionId);
    try {
      return await this.decide(command, decisionId);
    } finally {
      this.inFlight.delete(decisionId);
    }
  }

  private async decide(
    { ctx, body, expectedRevision }: IssueAwardDecisionCommand,
    decisionId: string,
  ): Promise<AwardDecisionIssued> {
    const awardIds = body.awards.map((_, i) => awardIdOf(decisionId, i + 1));
    // A replayed request (the same Idempotency-Key) answers as the first one did, whatever changed since (a
    // person erased, a quota filled): the runner finds the recorded events before anything is decided.
    if (ctx.idempotencyKey !== undefined) {
      const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
      if (state.issued) {
        const { number, date, authority } = body;
        const data = { decisionId, number, date, authority, awards: [] };
        const command = StreamWriter.command(ctx, 'IssueAwardDecision', data);
        const result = await this.writer.execute(awardDecisionDecider, command, ctx, {
          streamId: awardDecisionStream(decisionId),
          expectedRevision,
          context: async () => ({}),
        });
        return { ...result, decisionId, awardIds };
      }
    }
    const decisionYear = Number(body.date.slice(0, 4));
    const records = await this.people.records(
      body.awards.flatMap((a, i) =>
        a.recipient.kind === 'individual'
          ? [{ personId: a.recipient.personId, field: `awards[${i}].recipient.personId` }]
          : [],
      ),
    );
    const unitOf = new Map(records.map((p) => [p.personId, p.state.unitId ?? '']));
    const awards = body.awards.map((a, i): AwardItem => {
      // An award is for a year that has begun by the decision's date (e.g. year 2023, decided 2023-11-28).
      if (a.year > decisionYear)
        throw rule(
          'AWARD_YEAR_AFTER_DECISION',
          `awards[${i}].year ${a.year} is after the decision's date ${body.date}`,
          `awards[${i}].year`,
        );
      return {
        awardId: awardIdOf(decisionId, i + 1),
        code: a.code,
        recipient: recipientOf(a.recipient, unitOf),
        year: a.year,
        citation: a.citation,
        ...(a.override !== undefined && { override: { reason: a.override.reason } }),
        ...(a.achievementRef !== undefined && { achievementRef: a.achievementRef }),
        ...(a.proposalItem !== undefined && {
          proposalItem: { proposalId: a.proposalItem.proposalId, itemId: a.proposalItem.itemId },
        }),
        ...(a.adHoc !== undefined && { adHoc: { reason: a.adHoc.reason } }),
      };
    });
    // Claims a stopped request left in the proposals' streams are released before they are read (the
    // people's, the flags' and the 15 % streams are settled where they are read).
    await this.reconciler.reconcile(
      awards.flatMap((a) =>
        a.proposalItem && isValidId(a.proposalItem.proposalId)
          ? [proposalStream(a.proposalItem.proposalId)]
          : [],
      ),
    );
    const { number, date, authority } = body;
    const command = StreamWriter.command(ctx, 'IssueAwardDecision', {
      decisionId,
      number,
      date,
      authority,
      awards,
    });
    const context = async () => {
      const clusterStandings = await this.standings.forAwards(awards, ctx.actor);
      return {
        clusterStandings,
        // Cờ thi đua của Chính phủ: the units holding Cờ thi đua của Bộ Công an in their cluster-year, and
        // which award it is (the Government flag names it as its basis).
        ministryFlagHolders: clusterStandings.flatMap((s) =>
          (s.conferred ?? [])
            .filter((c) => c.unitId === s.unitId && c.code === MINISTRY_FLAG)
            .map((c) => ({ unitId: s.unitId, year: s.year, awardId: c.awardId })),
        ),
        discipline: await this.contexts.disciplineOf(awards.map((a) => a.recipient)),
        people: await this.people.recordsFor(awards),
        units: await this.people.units(awards),
        unitTitleCounts: await this.titleQuota.counts(awards),
        proposals: await this.contexts.proposalsOf(awards),
        heldBy: await this.contexts.heldByOrganizer(ctx.actor, awards),
      };
    };
    // Decided once before the claims, so a decision refused on its own rules writes no claim.
    const decided = awardDecisionDecider.decide(command, awardDecisionDecider.initialState, await context());
    const claimed = await this.people.claim(ctx, decisionId, awards);
    let items: Map<string, string[]> = new Map();
    let flags: FlagClaims = new Map();
    let quotas: UnitTitleClaims = new Map();
    try {
      // One approved proposal item carried out once: claimed in the proposal's stream (expected revision).
      items = await this.proposalClaims.claim(ctx, decisionId, awards);
      // A flag's place in its cluster-year quota: claimed in `flag-claims-{cluster}-{year}` (expected revision).
      flags = await this.flagClaims.claim(ctx, decisionId, decided);
      // The 15 % of Chiến sĩ thi đua cơ sở per unit-year: claimed in `title-quota-{unit}-{year}`.
      quotas = await this.titleQuota.claim(ctx, decisionId, awards);
      const result = await this.writer.execute(awardDecisionDecider, command, ctx, {
        streamId: awardDecisionStream(decisionId),
        expectedRevision,
        context,
      });
      return { ...result, decisionId, awardIds };
    } catch (error) {
      await this.titleQuota.release(ctx, quotas, 'decision-failed');
      await this.flagClaims.release(ctx, flags, 'decision-failed');
      await this.proposalClaims.release(ctx, items, 'decision-failed');
      await this.people.release(ctx, claimed, 'decision-failed');
      throw error;
    }
  }
}

/** Thu hồi khen thưởng: the award id names its decision, whose stream records the revocation. */
@CommandHandler(RevokeAwardCommand)
export class RevokeAwardHandler implements ICommandHandler<RevokeAwardCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly people: AwardPeople,
    private readonly proposalClaims: AwardProposalClaims,
    private readonly flagClaims: AwardFlagClaims,
    private readonly titleQuota: AwardTitleQuota,
  ) {}

  async execute({ ctx, awardId, body, expectedRevision }: RevokeAwardCommand): Promise<AwardRevoked> {
    const missing = () => notFound('AWARD_NOT_FOUND', `award ${awardId} does not exist`, 'awardId');
    const decisionId = decisionIdOfAward(awardId);
    if (!decisionId) throw missing();
    const data = {
      decisionId,
      awardId,
      reason: body.reason,
      decisionRef: body.decisionRef,
      ground: body.ground,
      authority: body.authority,
      recovery: { insignia: body.recovery.insignia, moneyVnd: body.recovery.moneyVnd },
      ...actDate(body),
    };
    try {
      const result = await this.writer.execute(
        awardDecisionDecider,
        StreamWriter.command(ctx, 'RevokeAward', data),
        ctx,
        // The decider reads its context (the catalog) on every command: an empty one takes the default.
        { streamId: awardDecisionStream(decisionId), expectedRevision, context: async () => ({}) },
      );
      // A revoked title no longer counts in the person's register (a later prerequisite cannot use it).
      await this.people.releaseRevoked(ctx, decisionId, awardId);
      // …and its proposal item may be carried out by another decision.
      await this.proposalClaims.releaseRevoked(ctx, decisionId, awardId);
      // …and a flag's place in its cluster-year quota is free again.
      await this.flagClaims.releaseRevoked(ctx, decisionId, awardId);
      await this.titleQuota.releaseRevoked(ctx, decisionId, awardId);
      return { ...result, decisionId, awardId };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'DECISION_NOT_FOUND') throw missing();
      throw error;
    }
  }
}

export const AWARD_HANDLERS = [IssueAwardDecisionHandler, RevokeAwardHandler];
