/**
 * The typed client of the Thi Đua Ledger API, for dashboards and the console: paths, parameters, bodies
 * and answers typed from the published contract (`openapi.json` beside this package, generated from the
 * running API by `npm run openapi`), requests made by openapi-fetch (fetch, no Node API: works in a browser).
 *
 *   const api = createApiClient({ baseUrl: 'http://localhost:3000', token: () => sessionStorage.getItem('token') });
 *   const { data, error } = await api.GET('/clusters/{clusterId}/years/{year}/rankings/{period}', {
 *     params: { path: { clusterId: 'bca-cum-2', year: 2021, period: 'Y' } },
 *   });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.generated.js';

export type { components, operations, paths };

/** Every schema of the contract by name: `Schemas['RankingDocument']`, `Schemas['ErrorBody']`… */
export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBody'];
export type RankingDocument = Schemas['RankingDocument'];
export type ExplainedRankingDocument = Schemas['ExplainedRankingDocument'];
export type WhatIfAnswer = Schemas['WhatIfAnswer'];
export type ClusterYearChange = Schemas['ClusterYearChange'];

export type ApiClient = Client<paths>;

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where the API is, e.g. http://localhost:3000 (no trailing slash needed). */
  baseUrl: string;
  /** The bearer token, or a function asked before every request (a token pasted into the session). */
  token?: string | (() => string | null | undefined);
}

/** A client whose every request carries `Authorization: Bearer <token>` when there is one. */
export function createApiClient({ token, ...options }: ApiClientOptions): ApiClient {
  const client = createClient<paths>(options);
  client.use({
    onRequest({ request }) {
      const value = typeof token === 'function' ? token() : token;
      if (value) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
  });
  return client;
}

/**
 * Live updates: `GET /clusters/{clusterId}/years/{year}/changes` is a Server-Sent Events stream of
 * `event: change` messages whose `data:` is a ClusterYearChange and whose `id:` is its position. It needs
 * the bearer token, which the browser's EventSource cannot send: read it with fetch (the response body
 * is a stream) and an SSE parser, and send the last id back as `Last-Event-ID` to resume.
 */
export const CHANGE_EVENT = 'change';
export const changesPath = (clusterId: string, year: number): string =>
  `/clusters/${encodeURIComponent(clusterId)}/years/${year}/changes`;
