import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Schemas } from '@thidua/api-client';

/**
 * The signed-in session: a token pasted by the user, kept in sessionStorage only (gone when the tab
 * closes; never in localStorage, a cookie or a URL). Its claims are decoded for display and for hiding
 * what the role may not do; the API verifies the token on every request and decides.
 */
const KEY = 'thidua.token';

export type Role = Schemas['Role'];

export interface Claims {
  sub: string;
  role: Role;
  unitId?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

export const readToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(KEY);

/** The claims of a JWT, or null when it is not one (its signature is the API's business). */
export function claimsOf(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Claims>;
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string') return null;
    return claims as Claims;
  } catch {
    return null;
  }
}

export interface Session {
  claims: Claims;
  signOut(notice?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}
