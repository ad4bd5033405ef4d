/**
 * The 20,000-event cluster-year of the as-of and what-if figures (or one of another size, for the as-of
 * growth figures), written to its own store file.
 */
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

/**
 * Members of a cluster whose year reaches `events`: 64 give a little over 20,000 events (the year is cut
 * there, in its year-end period); other sizes scale them so that every size is cut at the same point.
 */
export function membersFor(events: number): number {
  return Math.max(4, Math.round((64 * events) / BIG_YEAR_EVENTS));
}

export async function buildBigYear(
  file: string,
  seed: number,
  targetEvents: number = BIG_YEAR_EVENTS,
): Promise<BigYear> {
  const prng = new Prng(seed ^ 0x5bd1e995);
  const year = 2025;
  const world = planBigCluster(prng, year, membersFor(targetEvents));
  const cluster = world.clusters[0];
  if (!cluster) throw new Error('the big world has no cluster');
  const streamId = emulationStream(cluster.id, year);
  const generator = new DataSetGenerator(world, prng, { interleave: 1 });
  function* untilFull(): Generator<PlannedAppend> {
    for (const a of generator.appends()) {
      yield a;
      if (generator.streamLength(streamId) >= targetEvents) return;
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
