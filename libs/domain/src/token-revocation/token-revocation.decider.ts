import { type Command, isAdmin } from '../actor.js';
import type { Decider } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { TokenRevocationEvent } from '../events/token-revocation.events.js';
import { requireId, requireIsoTime, requireReason, requireText } from '../validation.js';

/** The one stream of revocations: every API process reads it to refuse revoked tokens. */
export const TOKEN_REVOCATIONS_STREAM = 'token-revocations';

export type RevokeToken = Command<'RevokeToken', { tokenId: string; reason: string }>;
export type RevokeSubjectTokens = Command<'RevokeSubjectTokens', { subject: string; reason: string }>;
export type TokenRevocationCommand = RevokeToken | RevokeSubjectTokens;

/** Revoked token ids (a plain object: states stay JSON). */
export interface TokenRevocationState {
  tokens: Readonly<Record<string, true>>;
}

export function evolveTokenRevocations(
  state: TokenRevocationState,
  event: TokenRevocationEvent,
): TokenRevocationState {
  if (event.type !== 'TokenRevoked') return state;
  return { tokens: { ...state.tokens, [event.data.tokenId]: true } };
}

/** Administrators revoke, with a reason; a token id is revoked once, a subject as often as needed. */
export function decideTokenRevocation(
  command: TokenRevocationCommand,
  state: TokenRevocationState,
): TokenRevocationEvent[] {
  const at = requireIsoTime(command.at);
  if (!isAdmin(command.actor)) throw forbidden('only an administrator revokes tokens');
  const reason = requireReason(command.data.reason);
  if (command.type === 'RevokeToken') {
    const tokenId = requireId(command.data.tokenId, 'tokenId');
    if (Object.hasOwn(state.tokens, tokenId))
      throw conflict('TOKEN_ALREADY_REVOKED', `token ${tokenId} is already revoked`, 'tokenId');
    return [{ type: 'TokenRevoked', data: { tokenId, reason } }];
  }
  const subject = requireText(command.data.subject, 'subject', 200);
  return [{ type: 'SubjectTokensRevoked', data: { subject, issuedBefore: at, reason } }];
}

export const tokenRevocationDecider: Decider<
  TokenRevocationCommand,
  TokenRevocationState,
  TokenRevocationEvent
> = {
  initialState: { tokens: {} },
  evolve: evolveTokenRevocations,
  decide: (command, state) => decideTokenRevocation(command, state),
};
