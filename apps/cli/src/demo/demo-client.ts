import { signAccessToken } from '../../../api/src/auth/jwt.js';
import type { Role } from '../../../api/src/auth/roles.js';

/** Who sends a demo request: the claims of the bearer token minted for it. */
export interface DemoActor {
  /** Stable across runs: the Idempotency-Key is scoped to it, so a re-run replays instead of writing. */
  sub: string;
  role: Role;
  unitId?: string;
}

export interface DemoRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. `/clusters/bca-cum-2/years/2021/scores`. */
  path: string;
  as: DemoActor;
  body?: unknown;
  idempotencyKey?: string;
}

export interface DemoResponse {
  status: number;
  body: unknown;
}

/** How the demo talks to the API: the same HTTP requests a user sends, with a token for `as`. */
export interface DemoClient {
  send(request: DemoRequest): Promise<DemoResponse>;
}

/** A request the API refused (or answered with something other than expected). */
export class DemoRequestError extends Error {
  readonly code = 'DEMO_REQUEST_FAILED';
  constructor(
    readonly request: DemoRequest,
    readonly response: DemoResponse,
    step: string,
  ) {
    super(
      `demo step ${step}: ${request.method} ${request.path} as ${request.as.sub} answered ${response.status} ${JSON.stringify(response.body)}`,
    );
    this.name = 'DemoRequestError';
  }
}

export interface HttpClientOptions {
  /** Token lifetime (jose time span). */
  ttl?: string;
}

const MAX_THROTTLED_RETRIES = 5;

/**
 * Sends requests to a listening API over HTTP (fetch), with HS256 tokens signed by `key`, the API's own
 * secret: exactly what a user's client sends.
 */
export function createHttpClient(
  baseUrl: string,
  key: Uint8Array,
  options: HttpClientOptions = {},
): DemoClient {
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (actor: DemoActor): Promise<string> => {
    const cacheKey = `${actor.sub}\u0000${actor.role}\u0000${actor.unitId ?? ''}`;
    let token = tokens.get(cacheKey);
    if (!token) {
      token = signAccessToken(key, actor, { ttl: options.ttl ?? '1h' });
      tokens.set(cacheKey, token);
    }
    return token;
  };
  return {
    async send(request) {
      const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(request.as)}` };
      if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      for (let attempt = 0; ; attempt++) {
        const reply = await fetch(new URL(request.path, baseUrl), {
          method: request.method,
          headers,
          ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        });
        const text = await reply.text();
        // Over the API's per-client limit: wait as told and send again (same body, so an Idempotency-Key
        // keeps the retry harmless).
        if (reply.status === 429 && attempt < MAX_THROTTLED_RETRIES) {
          const seconds = Number(reply.headers.get('retry-after') ?? 1);
          await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
          continue;
        }
        const json = text.length > 0 && (reply.headers.get('content-type') ?? '').includes('json');
        return { status: reply.status, body: json ? (JSON.parse(text) as unknown) : text };
      }
    },
  };
}
