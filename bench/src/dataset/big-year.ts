/** The 20,000-event cluster-year of the as-of and what-if figures, written to its own store file. */
import { emulationStream } from '@thidua/domain';
import { openSqliteEventStore, type StoredEvent } from '@thidua/event-store';
import { loadIntoStore } from '../benches/load.js';
import { Prng } from '../util/prng.js';
import { DataSetGenerator, type PlannedAppend } from './generator.js';
import { MINISTRY, planBigCluster } from './world.js';

export const BIG_YEAR_EVENTS = 20_000;

export interface BigYear {
  file: string;
  streamId: string;
  clusterId: string;
  year: number;
  organizerUnitId: string;
  units: string[];
  /** The cluster-year's events as the store returns them. */
  events: StoredEvent[];
  /** Every event of the file (units, cluster, membership registry and the cluster-year). */
  totalEvents: number;
}

export async function buildBigYear(file: string, seed: number): Promise<BigYear> {
  const prng = new Prng(seed ^ 0x5bd1e995);
  const year = 2025;
  const world = planBigCluster(prng, year);
  const cluster = world.clusters[0];
  if (!cluster) throw new Error('the big world has no cluster');
  const streamId = emulationStream(cluster.id, year);
  const generator = new DataSetGenerator(world, prng, { interleave: 1 });
  function* untilFull(): Generator<PlannedAppend> {
    for (const a of generator.appends()) {
      yield a;
      if (generator.streamLength(streamId) >= BIG_YEAR_EVENTS) return;
    }
  }
  const load = await loadIntoStore(file, untilFull(), { window: 500, poolEvents: 0 });
  const store = await openSqliteEventStore(file);
  const events = await store.readStream(streamId);
  await store.close();
  return {
    file,
    streamId,
    clusterId: cluster.id,
    year,
    organizerUnitId: MINISTRY,
    units: cluster.units,
    events,
    totalEvents: load.events,
  };
}
