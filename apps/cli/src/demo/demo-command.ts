import type { AddressInfo } from 'node:net';
import type { ProjectionDefinition } from '@thidua/projections';
import { createApp } from '../../../api/src/bootstrap.js';
import { resolveJwtSecret } from '../../../api/src/auth/jwt-secret.js';
import { signAccessToken } from '../../../api/src/auth/jwt.js';
import { loadConfig, type AppConfig } from '../../../api/src/config/app-config.js';
import { withEventStore } from '../commands/stores.js';
import type { CliIo } from '../io.js';
import { DEMO_ADMIN, DEMO_INSPECTOR, DEMO_VIEWER } from './demo-actors.js';
import { createHttpClient } from './demo-client.js';
import { demoGuide, describeOutcome, describeSection } from './demo-guide.js';
import { loadDemo, waitForReadModels, type DemoLoadReport } from './load-demo.js';

export const DEMO_DATA_DIR = './data-demo';
const PRINTED_TOKEN_TTL = '24h';

export interface DemoCommandOptions {
  /** Load even into an event log the demo did not write. */
  force: boolean;
  /** Load, report and stop instead of serving. */
  loadOnly: boolean;
}

/** The API's configuration, with the demo's own data directory and quieter logs unless told otherwise. */
export function demoConfig(env: Record<string, string | undefined>, cwd: string): AppConfig {
  return loadConfig(
    {
      ...env,
      DATA_DIR: env['DATA_DIR']?.trim() || DEMO_DATA_DIR,
      LOG_LEVEL: env['LOG_LEVEL']?.trim() || 'warn',
    },
    cwd,
  );
}

type LogState = { kind: 'empty' } | { kind: 'demo'; head: number } | { kind: 'other'; head: number };

/** Empty, written by the demo (its first event is the demo administrator registering Bộ Công an), or else. */
export async function inspectLog(config: AppConfig): Promise<LogState> {
  return withEventStore(config, async (events) => {
    const head = await events.headPosition();
    if (head === 0) return { kind: 'empty' };
    const [first] = await events.readAll({ after: 0, batchSize: 1 });
    const byDemo = first?.type === 'UnitRegistered' && first.metadata.actor.id === DEMO_ADMIN.sub;
    return { kind: byDemo ? 'demo' : 'other', head };
  });
}

/**
 * `demo`: the API on a data directory of its own (DATA_DIR, default ./data-demo), loaded with the demo
 * through its HTTP commands, then serving until stopped. Returns only with --load-only (or on failure).
 */
export async function demoCommand(
  options: DemoCommandOptions,
  io: CliIo,
  projections?: ProjectionDefinition[],
): Promise<number> {
  const config = demoConfig(io.env, io.cwd);
  io.stderr.write(`demo data directory: ${config.dataDir}\n`);
  const log = await inspectLog(config);
  if (log.kind === 'other' && !options.force) {
    io.stderr.write(
      `error: ${config.dataDir} holds an event log (head at position ${log.head}) that the demo did not write.\n` +
        `Point DATA_DIR at an empty directory, or pass --force to load the demo into it anyway.\n`,
    );
    return 1;
  }
  io.stderr.write(
    log.kind === 'empty'
      ? 'the event log is empty: loading the demo\n'
      : `the event log already holds ${log.kind === 'demo' ? 'the demo' : 'events (--force)'} (head ${log.head}): loading again records only what is missing\n`,
  );

  const app = await createApp(config, projections ? { projections } : {});
  let serving = false;
  try {
    // Listen first: the demo is loaded over HTTP, like any client would send it. --load-only stays private.
    if (options.loadOnly) await app.listen(0, '127.0.0.1');
    else await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as AddressInfo;
    const secret = resolveJwtSecret({ dataDir: config.dataDir, secret: config.authJwtSecret });
    const client = createHttpClient(`http://${loopback(config, options)}:${address.port}`, secret.key);
    const report = await loadDemo(client, { onSection: (s) => io.stderr.write(describeSection(s)) });
    await waitForReadModels(client, report.headAfter);
    io.stdout.write(describeOutcome(report));
    if (options.loadOnly) return 0;
    serving = true;
    io.stdout.write(await guide(address.port, config, secret.key, report));
    // Serve until a signal: Nest's shutdown hooks (enabled by createApp) close the app and end the process.
    return await new Promise<number>(() => undefined);
  } finally {
    if (!serving) await app.close();
  }
}

/** Where this process reaches its own listener. */
function loopback(config: AppConfig, options: DemoCommandOptions): string {
  if (options.loadOnly || config.host === '0.0.0.0' || config.host === '') return '127.0.0.1';
  if (config.host === '::') return '[::1]';
  return config.host.includes(':') ? `[${config.host}]` : config.host;
}

async function guide(
  port: number,
  config: AppConfig,
  key: Uint8Array,
  report: DemoLoadReport,
): Promise<string> {
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const sign = (actor: typeof DEMO_ADMIN) => signAccessToken(key, actor, { ttl: PRINTED_TOKEN_TTL });
  return demoGuide({
    baseUrl,
    dataDir: config.dataDir,
    tokenTtl: PRINTED_TOKEN_TTL,
    tokens: {
      inspector: await sign(DEMO_INSPECTOR),
      viewer: await sign(DEMO_VIEWER),
      admin: await sign(DEMO_ADMIN),
    },
    report,
  });
}
