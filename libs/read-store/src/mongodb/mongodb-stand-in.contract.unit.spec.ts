import { describeReadStoreContract } from '../testing/read-store.contract.js';
import { MongoStandIn } from '../testing/mongo-stand-in.js';
import { mongoReadStoreOn } from './mongodb-read-store.js';

// The read-store contract against the driver stand-in, on a replica set (transactions) and on a
// standalone server (the replay-safe path). It proves the suite and the adapter agree with the stand-in;
// it is not the suite run against MongoDB (README).
for (const replicaSet of [true, false]) {
  const standIn = new MongoStandIn(replicaSet);
  describeReadStoreContract(
    `mongodb adapter on the driver stand-in, ${replicaSet ? 'replica set' : 'standalone'} (not a server)`,
    () => mongoReadStoreOn(standIn.client as never, standIn.db as never),
  );
}
