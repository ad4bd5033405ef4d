import { forbidden, notFound, rule } from '../errors.js';
import type { ProposalEvent } from '../events/proposal.events.js';
import { isAdmin } from '../actor.js';
import { requireArray, requireId, requireUnique } from '../validation.js';
import type { ClaimProposalItems, ReleaseProposalItemClaims } from './proposal.commands.js';
import type { ProposalItemState, ProposalState } from './proposal.state.js';

/**
 * One approved item is carried out by one award: refused when another award holds its claim (the same
 * award's claim — a retried decision — is its own). Used by the decision's check and by the claim itself.
 */
export function requireNotCarriedOut(
  item: ProposalItemState,
  ref: { proposalId: string; itemId: string },
  awardId: string,
  field: string,
): void {
  const by = item.carriedOutBy;
  if (by !== undefined && by.awardId !== awardId)
    throw rule(
      'PROPOSAL_ITEM_ALREADY_CARRIED_OUT',
      `item ${ref.itemId} of proposal ${ref.proposalId} is already carried out by award ${by.awardId} (decision ${by.decisionId})`,
      field,
    );
}

/**
 * The proposal's register of carried-out items (stream `proposal-{proposalId}`): the award-decision handler
 * claims the items of a decision here before writing it — appends serialized by expected revision, so two
 * decisions racing for one item give one claim and one refusal — and releases them when the decision is not
 * recorded or the award is revoked.
 */
export function decideItemClaims(
  c: ClaimProposalItems | ReleaseProposalItemClaims,
  state: ProposalState,
  proposalId: string,
): ProposalEvent[] {
  if (!isAdmin(c.actor) && c.actor.role !== 'organizer')
    throw forbidden('only an administrator or an organizer records award decisions');
  if (!state.submitted)
    throw notFound('PROPOSAL_NOT_FOUND', `proposal ${proposalId} does not exist`, 'proposalId');
  if (c.type === 'ReleaseProposalItemClaims') {
    const awardIds = requireArray(c.data.awardIds, 'awardIds', 1, 5000).map((a, i) =>
      requireId(a, `awardIds[${i}]`),
    );
    requireUnique(awardIds, 'awardIds');
    // Only what is still claimed is released: a repeated release records nothing.
    return Object.entries(state.items).flatMap(([itemId, item]) =>
      item.carriedOutBy && awardIds.includes(item.carriedOutBy.awardId)
        ? [
            {
              type: 'ProposalItemClaimReleased' as const,
              data: { itemId, awardId: item.carriedOutBy.awardId, cause: c.data.cause },
            },
          ]
        : [],
    );
  }
  if (state.status !== 'forwarded')
    throw rule(
      'PROPOSAL_NOT_FORWARDED',
      `proposal ${proposalId} is ${state.status}: only forwarded items are decided`,
      'proposalId',
    );
  const decisionId = requireId(c.data.decisionId, 'decisionId');
  const claims = requireArray(c.data.claims, 'claims', 1, 5000) as ClaimProposalItems['data']['claims'];
  requireUnique(
    claims.map((x) => x.itemId),
    'claims',
    'DUPLICATE_PROPOSAL_ITEM',
  );
  return claims.flatMap(({ itemId, awardId, field }) => {
    const item = state.items[itemId];
    if (item?.approved !== true)
      throw rule('PROPOSAL_ITEM_NOT_APPROVED', `the council did not approve item ${itemId}`, field);
    requireNotCarriedOut(item, { proposalId, itemId }, awardId, field);
    // Already ours (a retried decision): nothing more to record.
    if (item.carriedOutBy?.awardId === awardId) return [];
    return [{ type: 'ProposalItemClaimed' as const, data: { itemId, decisionId, awardId } }];
  });
}
