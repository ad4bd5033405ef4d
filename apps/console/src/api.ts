import { createApiClient, type ErrorBody } from '@thidua/api-client';
import { readToken } from './session';

/** The typed client of the API this page was served by (same origin: no CORS, no configuration). */
export const api = createApiClient({ baseUrl: location.origin, token: readToken });

/** An answer that is not a success, with the API's error body when it sent one. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** Fired when the API refuses the token (401): the app signs out. */
export const UNAUTHORIZED_EVENT = 'thidua:unauthorized';

/** The data of a client call, or an ApiProblem. */
export async function must<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  throw new ApiProblem(response.status, isErrorBody(error) ? error : undefined);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
