import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values every log line written while serving the request should carry. */
export interface RequestContext {
  correlationId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
