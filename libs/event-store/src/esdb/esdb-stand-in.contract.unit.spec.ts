import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { EsdbStandIn } from '../testing/esdb-stand-in.js';
import { EsdbEventStore } from './esdb-event-store.js';

// The contract suite against the client stand-in: one "server" for the whole suite, already holding
// other data (too much to read from the start), refusing positions that are not events' as 24.x servers
// do. It proves the suite and the adapter agree with the stand-in; it is not the suite run against
// EventStoreDB (README).
const standIn = new EsdbStandIn({ otherEvents: 200, longHistory: true });
describeEventStoreContract(
  'esdb adapter on the client stand-in (not a server)',
  async () => new EsdbEventStore(standIn.client),
);
