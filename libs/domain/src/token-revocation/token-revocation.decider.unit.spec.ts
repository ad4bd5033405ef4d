import type { TokenRevocationEvent } from '../events/token-revocation.events.js';
import { spec } from '../testing/given-when-then.js';
import { admin, AT, organizer } from '../testing/fixtures.js';
import { type TokenRevocationCommand, tokenRevocationDecider } from './token-revocation.decider.js';

const revocations = spec(tokenRevocationDecider, undefined);
const revokeToken = (tokenId: string, actor = admin): TokenRevocationCommand => ({
  type: 'RevokeToken',
  actor,
  at: AT,
  data: { tokenId, reason: 'Máy tính bị mất cắp' },
});
const revoked: TokenRevocationEvent[] = [
  { type: 'TokenRevoked', data: { tokenId: 'tok-1', reason: 'Máy tính bị mất cắp' } },
];

describe('token revocation decider', () => {
  it('revokes a token by id once, with its reason', () => {
    revocations.given([]).when(revokeToken('tok-1')).then(revoked);
    revocations
      .given(revoked)
      .when(revokeToken('tok-1'))
      .thenThrows('TOKEN_ALREADY_REVOKED', 'conflict', 'tokenId');
    revocations
      .given(revoked)
      .when(revokeToken('tok-2'))
      .then([{ type: 'TokenRevoked', data: { tokenId: 'tok-2', reason: 'Máy tính bị mất cắp' } }]);
  });

  it('revokes every token of a subject issued up to the command time', () => {
    revocations
      .given(revoked)
      .when({
        type: 'RevokeSubjectTokens',
        actor: admin,
        at: AT,
        data: { subject: 'can-bo-02', reason: 'Nghỉ hưu' },
      })
      .then([
        {
          type: 'SubjectTokensRevoked',
          data: { subject: 'can-bo-02', issuedBefore: AT, reason: 'Nghỉ hưu' },
        },
      ]);
  });

  it('is for administrators only, and needs a reason', () => {
    revocations.given([]).when(revokeToken('tok-1', organizer)).thenThrows('FORBIDDEN', 'forbidden');
    revocations
      .given([])
      .when({ type: 'RevokeToken', actor: admin, at: AT, data: { tokenId: 'tok-1', reason: '' } })
      .thenThrows('REASON_REQUIRED', 'unprocessable', 'reason');
  });
});
