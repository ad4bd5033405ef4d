import { type ProjectionDefinition, ProjectionRunner } from '@thidua/projections';
import type { AppConfig } from '../../../api/src/config/app-config.js';
import { UsageError, type CliIo } from '../io.js';
import { ProgressBar } from '../progress-bar.js';
import { withStores } from './stores.js';

export interface StoredProjectionStatus {
  name: string;
  version: number;
  /** Generation the read store serves, null before the first run. */
  generation: number | null;
  /** Version that built the served generation (differs from `version` until a rebuild switches). */
  storedVersion: number | null;
  position: number;
  head: number;
  lag: number;
}

/**
 * Projection status as the read store records it (served generation and checkpoint). A stall lives
 * in the running process: ask GET /admin/projections or the projector's /health for that.
 */
export async function statusCommand(
  definitions: ProjectionDefinition[],
  config: AppConfig,
): Promise<StoredProjectionStatus[]> {
  return withStores(config, async (events, reads) => {
    const head = await events.headPosition();
    const rows: StoredProjectionStatus[] = [];
    for (const d of definitions) {
      const generation = await reads.activeGeneration(d.name);
      const checkpoint =
        generation === null ? null : await reads.checkpoint({ projection: d.name, generation });
      const position = checkpoint?.position ?? 0;
      rows.push({
        name: d.name,
        version: d.version,
        generation,
        storedVersion: checkpoint?.version ?? null,
        position,
        head,
        lag: Math.max(0, head - position),
      });
    }
    return rows;
  });
}

export function formatStatus(rows: StoredProjectionStatus[]): string {
  if (rows.length === 0) return 'no projections are defined';
  const header = ['projection', 'version', 'generation', 'position', 'head', 'lag'];
  const lines = rows.map((r) => [
    r.name,
    r.storedVersion === null || r.storedVersion === r.version
      ? String(r.version)
      : `${r.storedVersion}→${r.version}`,
    r.generation === null ? '-' : String(r.generation),
    String(r.position),
    String(r.head),
    String(r.lag),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines]
    .map((cols) =>
      cols
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Rebuilds the named projections from the log, each into a new generation, and switches to them, with a
 * progress bar (the slowest one). Only these projections run in this process, reading the log once between
 * them, so disjoint sets may be rebuilt by several processes at once (one per core: a rebuild is CPU-bound).
 * The API (PROJECTIONS_IN_PROCESS) and apps/projector must not run the same projections meanwhile, or two
 * runners would write the same read models.
 */
export async function rebuildCommand(
  names: string[],
  definitions: ProjectionDefinition[],
  config: AppConfig,
  io: CliIo,
): Promise<void> {
  if (names.length === 0) throw new UsageError('rebuild needs a projection name (or --all)');
  for (const name of names) {
    if (!definitions.some((d) => d.name === name)) {
      const known = definitions.map((d) => d.name).join(', ') || 'none';
      throw new UsageError(`no projection named ${name} (known: ${known})`);
    }
  }
  io.stderr.write(
    'warning: stop the API projections (or apps/projector) on these stores first; two runners must not write the same read models\n',
  );
  await withStores(config, async (events, reads) => {
    const runner = new ProjectionRunner(
      events,
      reads,
      definitions.filter((d) => names.includes(d.name)),
    );
    const bar = new ProgressBar(io.stderr);
    const progress = new Map<string, number>();
    await runner.start();
    try {
      await Promise.all(
        names.map((name) =>
          runner.rebuild(name, (position, head) => {
            progress.set(name, position);
            bar.update(Math.min(...names.map((n) => progress.get(n) ?? 0)), head);
          }),
        ),
      );
      bar.finish();
    } finally {
      await runner.stop();
    }
    for (const status of await runner.status()) {
      io.stdout.write(
        `rebuilt ${status.name}: generation ${status.generation} at position ${status.position}\n`,
      );
    }
  });
}
