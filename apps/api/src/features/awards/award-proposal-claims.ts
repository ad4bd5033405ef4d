import { Injectable } from '@nestjs/common';
import {
  awardDecisionDecider,
  awardDecisionStream,
  isValidId,
  proposalDecider,
  proposalStream,
  type AwardItem,
} from '@thidua/domain';
import type { CommandContext } from '../../common/command-context.js';
import { DeciderRunner } from '../../write-model/decider-runner.js';
import { StreamWriter } from '../write/stream-writer.js';

/** proposalId → the award ids claimed there (what to release). */
export type ProposalClaims = Map<string, string[]>;

/**
 * "One approved proposal item is carried out once" spans streams (the decision's and the proposal's), so it
 * is made race-free like the membership registry and the title claims: the items are claimed in each
 * proposal's stream (expected revision) before the decision is written, and released when the decision is
 * not recorded or the award is revoked.
 */
@Injectable()
export class AwardProposalClaims {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly writer: StreamWriter,
  ) {}

  async claim(
    ctx: CommandContext,
    decisionId: string,
    awards: ReadonlyArray<AwardItem>,
  ): Promise<ProposalClaims> {
    const byProposal = new Map<string, Array<{ itemId: string; awardId: string; field: string }>>();
    awards.forEach((a, i) => {
      if (!a.proposalItem || !isValidId(a.proposalItem.proposalId)) return;
      const list = byProposal.get(a.proposalItem.proposalId) ?? [];
      list.push({ itemId: a.proposalItem.itemId, awardId: a.awardId, field: `awards[${i}].proposalItem` });
      byProposal.set(a.proposalItem.proposalId, list);
    });
    const claimed: ProposalClaims = new Map();
    try {
      for (const [proposalId, claims] of byProposal) {
        const command = StreamWriter.command(ctx, 'ClaimProposalItems', { proposalId, decisionId, claims });
        await this.writer.execute(proposalDecider, command, ctx, {
          streamId: proposalStream(proposalId),
          step: `claim-proposal-${proposalId}`,
          context: async () => ({}),
        });
        claimed.set(
          proposalId,
          claims.map((c) => c.awardId),
        );
      }
      return claimed;
    } catch (error) {
      await this.release(ctx, claimed, 'decision-failed');
      throw error;
    }
  }

  /** After a revocation: the award's proposal item may be carried out again. */
  async releaseRevoked(ctx: CommandContext, decisionId: string, awardId: string): Promise<void> {
    const { state } = await this.runner.load(awardDecisionDecider, awardDecisionStream(decisionId));
    const proposalId = state.awards[awardId]?.proposalItem?.proposalId;
    if (proposalId === undefined) return;
    await this.release(ctx, new Map([[proposalId, [awardId]]]), 'revoked');
  }

  async release(
    ctx: CommandContext,
    claimed: ReadonlyMap<string, string[]>,
    cause: 'decision-failed' | 'revoked',
  ): Promise<void> {
    for (const [proposalId, awardIds] of claimed) {
      const command = StreamWriter.command(ctx, 'ReleaseProposalItemClaims', { proposalId, awardIds, cause });
      await this.writer.execute(proposalDecider, command, ctx, {
        streamId: proposalStream(proposalId),
        step: `release-proposal-${cause}-${proposalId}`,
        context: async () => ({}),
      });
    }
  }
}
