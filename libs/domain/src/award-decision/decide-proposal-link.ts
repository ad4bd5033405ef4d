import { isAdmin, type Actor } from '../actor.js';
import { forbidden, rule } from '../errors.js';
import type { AwardItem } from '../events/award-decision.events.js';
import type { ProposalState } from '../proposal/proposal.state.js';
import { requireId, requireReason } from '../validation.js';
import { requireNotCarriedOut } from '../proposal/item-claims.js';

/** A recipient (unit, year) one of whose clusters — holding it or a unit above it — the organizer runs. */
export interface HeldRecipient {
  unitId: string;
  year: number;
  organizerUnitId: string;
}

/**
 * Who records an award decision: the conferring authority's office — the administrator, who records the
 * decisions of every level as they are received (authorities are levels, not units) — or an organizer
 * whose clusters hold every recipient that year (the unit, or a unit above it). Anyone else: 403, nothing
 * recorded.
 */
export function requireDecisionRecorder(
  actor: Actor,
  awards: ReadonlyArray<{ recipient: { unitId: string }; year: number }>,
  heldBy: ReadonlyArray<HeldRecipient>,
): void {
  if (isAdmin(actor)) return;
  if (actor.role !== 'organizer' || actor.unitId === undefined)
    throw forbidden(
      "only the conferring authority's office or the recipients' organizer records award decisions",
    );
  const outside = awards.find(
    (a) =>
      !heldBy.some(
        (h) => h.unitId === a.recipient.unitId && h.year === a.year && h.organizerUnitId === actor.unitId,
      ),
  );
  if (outside)
    throw forbidden(
      `unit ${outside.recipient.unitId} is in none of the clusters of organizer ${actor.unitId} in ${outside.year}`,
      'NOT_THE_RECIPIENTS_ORGANIZER',
    );
}

type Basis = Pick<AwardItem, 'proposalItem' | 'adHoc'>;

/**
 * An award carries out an approved item of a forwarded proposal (tờ trình → Hội đồng → trình), and matches
 * it: the authority asked, the code, the recipient and the year. The exception is khen thưởng đột xuất,
 * recorded with its reason. One item is carried out once: within a decision, and across decisions by the
 * claim in the proposal's stream (`carriedOutBy`, checked here and decided race-free by the claim).
 */
export function checkProposalBasis(
  raw: Partial<AwardItem>,
  item: Pick<AwardItem, 'awardId' | 'code' | 'recipient' | 'year'>,
  f: string,
  decision: { authority: string; date: string },
  proposals: Readonly<Record<string, ProposalState>>,
): Basis {
  if (raw.proposalItem !== undefined && raw.adHoc !== undefined)
    throw rule('BASIS_AMBIGUOUS', `${f} names a proposal item and an ad hoc reason: one or the other`, f);
  if (raw.adHoc !== undefined)
    return { adHoc: { reason: requireReason(raw.adHoc?.reason, `${f}.adHoc.reason`) } };
  if (raw.proposalItem === undefined)
    throw rule(
      'PROPOSAL_REQUIRED',
      `${f} carries out no proposal item: name the approved item, or record it as khen thưởng đột xuất with a reason (adHoc)`,
      `${f}.proposalItem`,
    );
  const proposalId = requireId(raw.proposalItem?.proposalId, `${f}.proposalItem.proposalId`);
  const itemId = requireId(raw.proposalItem?.itemId, `${f}.proposalItem.itemId`);
  const p = proposals[proposalId];
  if (!p?.submitted)
    throw rule('PROPOSAL_NOT_FOUND', `proposal ${proposalId} does not exist`, `${f}.proposalItem.proposalId`);
  if (p.status !== 'forwarded')
    throw rule(
      'PROPOSAL_NOT_FORWARDED',
      `proposal ${proposalId} is ${p.status === 'open' ? 'still under review' : 'returned'}: only forwarded items are decided`,
      `${f}.proposalItem.proposalId`,
    );
  const proposed = p.items[itemId];
  if (!proposed)
    throw rule(
      'PROPOSAL_ITEM_NOT_FOUND',
      `item ${itemId} is not in proposal ${proposalId}`,
      `${f}.proposalItem.itemId`,
    );
  if (proposed.approved !== true)
    throw rule(
      'PROPOSAL_ITEM_NOT_APPROVED',
      `the council did not approve item ${itemId}`,
      `${f}.proposalItem.itemId`,
    );
  if (p.authority !== decision.authority)
    throw rule(
      'PROPOSAL_AUTHORITY_MISMATCH',
      `proposal ${proposalId} asks ${p.authority}, not ${decision.authority}`,
      `${f}.proposalItem.proposalId`,
    );
  const sameRecipient =
    proposed.recipient.unitId === item.recipient.unitId &&
    proposed.recipient.kind === item.recipient.kind &&
    (proposed.recipient.kind !== 'individual' ||
      (item.recipient.kind === 'individual' && item.recipient.personId === proposed.recipient.personId));
  const mismatch =
    proposed.code !== item.code
      ? 'code'
      : proposed.year !== item.year
        ? 'year'
        : !sameRecipient
          ? 'recipient'
          : undefined;
  if (mismatch)
    throw rule(
      'PROPOSAL_ITEM_MISMATCH',
      `${f}.${mismatch} differs from item ${itemId} of proposal ${proposalId}`,
      `${f}.${mismatch}`,
    );
  requireNotCarriedOut(proposed, { proposalId, itemId }, item.awardId, `${f}.proposalItem`);
  if (p.closedOn !== undefined && decision.date < p.closedOn)
    throw rule(
      'EFFECTIVE_DATE_OUT_OF_ORDER',
      `the decision's date ${decision.date} is before proposal ${proposalId} was forwarded (${p.closedOn})`,
      'date',
    );
  return { proposalItem: { proposalId, itemId } };
}
