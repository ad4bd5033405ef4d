/** Command-line options of `npm run bench` (after `--`). */

export const SECTIONS = ['append', 'batch', 'rebuild', 'evaluator', 'http', 'asof-growth'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Events in the generated data set (the rebuild reads them all). */
  events: number;
  quick: boolean;
  seed: number;
  /** Seconds each contender of a timed figure runs. */
  seconds: number;
  /** Commands in flight in the single-event append figure. */
  concurrency: number;
  /** HTTP connections. */
  connections: number;
  /** Cluster-years whose sittings interleave inside a period. */
  interleave: number;
  sections: Set<Section>;
  /** Run the measured child processes under --cpu-prof and summarize the profiles. */
  profile: boolean;
  /** Longest the full rebuild may run before it is stopped and its throughput taken from its progress. */
  rebuildSeconds: number;
  /** Keep the temporary data directory. */
  keep: boolean;
  /** Where the temporary SQLite files go (default: the OS temp dir, which must be on a real disk). */
  dir: string | undefined;
}

const HELP = `npm run bench -- [options]
  --events N        events in the data set (default 1000000; --quick: 100000)
  --quick           100k events, 3 s per timed contender
  --seconds S       seconds per timed contender (default 10)
  --concurrency C   commands in flight for the single-event append figure (default 32)
  --connections C   HTTP connections (default 10)
  --interleave K    cluster-years whose score sittings interleave (default 16)
  --only a,b        sections among ${SECTIONS.join(', ')}
  --rebuild-seconds S  stop the full rebuild after S s and report its measured throughput (default 240; each read model alone gets a quarter of it)
  --profile         run the rebuild and the API under --cpu-prof and print the top self-time functions
  --seed N          PRNG seed (default 20240601)
  --dir PATH        directory for the temporary SQLite files
  --keep            keep the temporary files`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const opts: BenchOptions = {
    events: 1_000_000,
    quick: false,
    seed: 20240601,
    seconds: 10,
    concurrency: 32,
    connections: 10,
    interleave: 16,
    sections: new Set(SECTIONS),
    profile: false,
    rebuildSeconds: 240,
    keep: false,
    dir: undefined,
  };
  let eventsGiven = false;
  let secondsGiven = false;
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number >= ${min}\n${HELP}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = (): string | undefined => argv[++i];
    switch (arg) {
      case '--events':
        opts.events = Math.floor(number(arg, next(), 1000));
        eventsGiven = true;
        break;
      case '--quick':
        opts.quick = true;
        break;
      case '--seconds':
        opts.seconds = number(arg, next(), 0.5);
        secondsGiven = true;
        break;
      case '--concurrency':
        opts.concurrency = Math.floor(number(arg, next(), 1));
        break;
      case '--connections':
        opts.connections = Math.floor(number(arg, next(), 1));
        break;
      case '--interleave':
        opts.interleave = Math.floor(number(arg, next(), 1));
        break;
      case '--seed':
        opts.seed = Math.floor(number(arg, next(), 0));
        break;
      case '--only': {
        const names = (next() ?? '').split(',').filter(Boolean);
        for (const name of names)
          if (!(SECTIONS as readonly string[]).includes(name))
            throw new Error(`unknown section ${name}\n${HELP}`);
        opts.sections = new Set(names as Section[]);
        break;
      }
      case '--rebuild-seconds':
        opts.rebuildSeconds = number(arg, next(), 5);
        break;
      case '--profile':
        opts.profile = true;
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--dir':
        opts.dir = next();
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${HELP}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${HELP}`);
    }
  }
  if (opts.quick) {
    if (!eventsGiven) opts.events = 100_000;
    if (!secondsGiven) opts.seconds = 3;
  }
  return opts;
}
