import type { TokenRevocationEvent } from '../events/token-revocation.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT } from '../testing/fixtures.js';
import {
  TOKEN_REVOCATIONS_STREAM,
  tokenRevocationDecider,
  type TokenRevocationCommand,
} from './token-revocation.decider.js';

// What the revocation fold keeps, and the fields its refusals name (token-revocation.decider.ts).
const revocations = spec(tokenRevocationDecider, undefined);
const command = (type: TokenRevocationCommand['type'], data: object): TokenRevocationCommand =>
  ({
    type,
    actor: admin,
    at: AT,
    data: { reason: 'Máy tính bị mất cắp', ...data },
  }) as TokenRevocationCommand;

describe('token revocations', () => {
  it('live in the one stream every API process reads, token-revocations (docs/ARCHITECTURE.md)', () => {
    expect(TOKEN_REVOCATIONS_STREAM).toBe('token-revocations');
  });

  it('keep the ids of revoked tokens only: a subject revocation adds none', () => {
    const events: TokenRevocationEvent[] = [
      { type: 'TokenRevoked', data: { tokenId: 'tok-1', reason: 'r' } },
      { type: 'SubjectTokensRevoked', data: { subject: 'can-bo-02', issuedBefore: AT, reason: 'r' } },
    ];
    expect(revocations.given(events).state).toStrictEqual({ tokens: { 'tok-1': true } });
  });

  it('refuse a token id that is not an id and an empty subject', () => {
    revocations
      .given([])
      .when(command('RevokeToken', { tokenId: 'tok 1' }))
      .thenThrows('INVALID_ID', 'unprocessable', 'tokenId');
    revocations
      .given([])
      .when(command('RevokeSubjectTokens', { subject: '' }))
      .thenThrows('TEXT_REQUIRED', 'unprocessable', 'subject');
  });
});
