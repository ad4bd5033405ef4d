import { requireActDate, requireNotBefore } from '../business-date.js';
import type { Catalog } from '../catalog/catalog.js';
import { conflict, notFound, rule } from '../errors.js';
import type { AwardDecisionEvent, RevocationGround } from '../events/award-decision.events.js';
import { REVOCATION_GROUNDS } from '../events/award-decision.events.js';
import { requireId, requireReason, requireText } from '../validation.js';
import type { ConfirmFlagBasis, RevokeAward } from './award-decision.commands.js';
import type { AwardDecisionState, AwardSummary } from './award-decision.state.js';

/**
 * What acting on one award of a decision needs (a revocation, a flag basis confirmation): the decision
 * issued, the award in it and not revoked, and an act date not before the decision's.
 */
export function requireLiveAward(
  command: RevokeAward | ConfirmFlagBasis,
  state: AwardDecisionState,
): { awardId: string; award: AwardSummary; effectiveDate: string } {
  const decisionId = command.data.decisionId;
  if (!state.issued || state.authority === undefined)
    throw notFound('DECISION_NOT_FOUND', `decision ${decisionId} does not exist`, 'decisionId');
  const awardId = requireId(command.data.awardId, 'awardId');
  const award = state.awards[awardId];
  if (!award)
    throw notFound('AWARD_NOT_FOUND', `award ${awardId} is not in decision ${decisionId}`, 'awardId');
  if (award.revoked)
    throw conflict('AWARD_ALREADY_REVOKED', `award ${awardId} is already revoked`, 'awardId');
  const effectiveDate = requireActDate(command.data.effectiveDate, command.at);
  requireNotBefore(effectiveDate, state.date, `decision ${decisionId}`);
  return { awardId, award, effectiveDate };
}

/**
 * Thu hồi (Law 06/2022/QH15 ch. VII): the revocation names its legal ground, the revoking authority — the
 * one that conferred the award or one above it in the catalog (422 REVOKING_AUTHORITY_NOT_ALLOWED) — the
 * revoking decision's number and date, and what is recovered: the insignia (hiện vật) and the money
 * (tiền thưởng, in đồng).
 */
export function decideRevocation(
  command: RevokeAward,
  state: AwardDecisionState,
  catalog: Catalog,
): AwardDecisionEvent[] {
  const { awardId, effectiveDate } = requireLiveAward(command, state);
  const ground = command.data.ground;
  if (!REVOCATION_GROUNDS.includes(ground as RevocationGround))
    throw rule(
      'INVALID_REVOCATION_GROUND',
      `ground must be one of ${REVOCATION_GROUNDS.join(', ')}`,
      'ground',
    );
  const authority = catalog.findAuthority(command.data.authority);
  if (!authority)
    throw rule(
      'UNKNOWN_AUTHORITY',
      `authority '${String(command.data.authority)}' is not a known level`,
      'authority',
    );
  const conferrer = catalog.findAuthority(state.authority!)!;
  if (authority.rank > conferrer.rank)
    throw rule(
      'REVOKING_AUTHORITY_NOT_ALLOWED',
      `${authority.name} may not revoke what ${conferrer.name} conferred: only the conferrer or an authority above it`,
      'authority',
    );
  const recovery = command.data.recovery;
  if (
    typeof recovery?.insignia !== 'boolean' ||
    !Number.isSafeInteger(recovery.moneyVnd) ||
    recovery.moneyVnd < 0
  )
    throw rule(
      'INVALID_RECOVERY',
      'recovery needs insignia (true/false) and moneyVnd (a whole number ≥ 0)',
      'recovery',
    );
  return [
    {
      type: 'AwardRevoked',
      data: {
        awardId,
        reason: requireReason(command.data.reason),
        decisionRef: requireText(command.data.decisionRef, 'decisionRef', 100),
        ground: ground as RevocationGround,
        authority: authority.code,
        recovery: { insignia: recovery.insignia, moneyVnd: recovery.moneyVnd },
        effectiveDate,
      },
    },
  ];
}
