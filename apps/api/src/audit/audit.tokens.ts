/** The server's digest-signing key pair (loaded once at start). */
export const SIGNING_KEY = Symbol('SIGNING_KEY');
