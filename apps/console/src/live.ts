import { CHANGE_EVENT, changesPath, type ClusterYearChange } from '@thidua/api-client';
import { EventSource } from 'eventsource';
import { readToken } from './session';

export type LiveState = 'connecting' | 'open' | 'closed';

/**
 * Follows a cluster-year's changes (GET …/changes, Server-Sent Events). The browser's own EventSource
 * cannot send the bearer token the route requires, so the `eventsource` package (the WHATWG EventSource
 * over fetch) is given a fetch that adds it: the token stays in a header, never in a URL where logs and
 * history would keep it, and the library reconnects by itself, sending the last id as Last-Event-ID so no
 * change is missed in between. Returns the function that stops following.
 */
export function followChanges(
  clusterId: string,
  year: number,
  on: { change(change: ClusterYearChange): void; state(state: LiveState): void },
): () => void {
  const source = new EventSource(new URL(changesPath(clusterId, year), location.origin), {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init.headers, authorization: `Bearer ${readToken() ?? ''}` } }),
  });
  on.state('connecting');
  source.addEventListener('open', () => on.state('open'));
  source.addEventListener('error', () =>
    on.state(source.readyState === source.CLOSED ? 'closed' : 'connecting'),
  );
  source.addEventListener(CHANGE_EVENT, (event) => on.change(JSON.parse(event.data) as ClusterYearChange));
  return () => source.close();
}
