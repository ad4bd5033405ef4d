import type { TypedEvent } from './event.js';

export const TOKEN_REVOCATION_EVENT_TYPES = ['TokenRevoked', 'SubjectTokensRevoked'] as const;

/** One bearer token refused from now on, by its id (the `jti` claim). */
export interface TokenRevokedData {
  tokenId: string;
  reason: string;
}
/** Every token of a subject (the `sub` claim) issued up to `issuedBefore` refused from now on. */
export interface SubjectTokensRevokedData {
  subject: string;
  /** ISO-8601: tokens whose `iat` is at or before this instant (or that carry none) are refused. */
  issuedBefore: string;
  reason: string;
}

export type TokenRevocationEvent =
  TypedEvent<'TokenRevoked', TokenRevokedData> | TypedEvent<'SubjectTokensRevoked', SubjectTokensRevokedData>;
