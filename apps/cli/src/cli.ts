import { parseArgs } from 'node:util';
import type { ProjectionDefinition } from '@thidua/projections';
import { ConfigError, loadConfig } from '../../api/src/config/app-config.js';
import { digestCommand } from './commands/digest.js';
import { formatStatus, rebuildCommand, statusCommand } from './commands/projections.js';
import { tokenCommand } from './commands/token.js';
import { verifyCommand } from './commands/verify.js';
import { UsageError, type CliIo } from './io.js';

export const USAGE = `Thi Đua Ledger admin CLI (reads the same environment as the API: DATA_DIR, AUTH_JWT_SECRET, …)

  token --role ROLE --sub NAME [--unit UNIT] [--ttl 8h]   print a bearer token the API accepts (--ttl at most
                                                         AUTH_TOKEN_MAX_LIFETIME, 24h by default; its jti on stderr)
  verify [--stream STREAM] [--against digest.json]
                                                         recompute the hash chain; exit 1 on the first failure
  digest [--position N] [--no-heads]                     print a signed digest of the log (JSON)
  rebuild NAME… | --all                                  rebuild projections (stop projections elsewhere first)
  status [--json]                                        projection generations and checkpoints
  demo [--force] [--load-only]                           the API on DATA_DIR (default ./data-demo) loaded with the
                                                         demo built from the seeds, then serving (PORT)

Roles: admin, organizer, unit-officer, inspector, viewer (organizer and unit-officer need --unit).
`;

/** Runs one command; returns the process exit code (0 ok, 1 verification failed or error, 2 usage). */
export async function runCli(
  argv: string[],
  io: CliIo,
  definitions?: ProjectionDefinition[],
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    const config = loadConfig(io.env, io.cwd);
    const projections = async () => definitions ?? (await import('@thidua/projections')).allProjections;
    switch (command) {
      case 'token': {
        const args = parse(rest, { role: 'string', unit: 'string', sub: 'string', ttl: 'string' });
        const { token, secretSource, jti } = await tokenCommand(
          { role: args.str('role'), unit: args.str('unit'), sub: args.str('sub'), ttl: args.str('ttl') },
          config,
        );
        io.stderr.write(`signed with ${secretSource}; token id (jti): ${jti} (to revoke it)\n`);
        io.stdout.write(`${token}\n`);
        return 0;
      }
      case 'verify': {
        const args = parse(rest, { stream: 'string', against: 'string' });
        return await verifyCommand({ stream: args.str('stream'), against: args.str('against') }, config, io);
      }
      case 'digest': {
        const args = parse(rest, { position: 'string', 'no-heads': 'boolean' });
        const raw = args.str('position');
        const position = raw === undefined ? undefined : nonNegativeInteger(raw, '--position');
        const digest = await digestCommand({ position, heads: !args.flag('no-heads') }, config);
        io.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
        return 0;
      }
      case 'rebuild': {
        const args = parse(rest, { all: 'boolean' }, true);
        const definitions = await projections();
        const names = args.flag('all') ? definitions.map((d) => d.name) : args.positionals;
        await rebuildCommand(names, definitions, config, io);
        return 0;
      }
      case 'status': {
        const args = parse(rest, { json: 'boolean' });
        const rows = await statusCommand(await projections(), config);
        io.stdout.write(`${args.flag('json') ? JSON.stringify(rows, null, 2) : formatStatus(rows)}\n`);
        return 0;
      }
      case 'demo': {
        const args = parse(rest, { force: 'boolean', 'load-only': 'boolean' });
        // Loaded on demand: it starts the whole API, which the other commands do not need.
        const { demoCommand } = await import('./demo/demo-command.js');
        return await demoCommand(
          { force: args.flag('force'), loadOnly: args.flag('load-only') },
          io,
          definitions,
        );
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

type OptionKinds = Record<string, 'string' | 'boolean'>;

function parse(args: string[], kinds: OptionKinds, allowPositionals = false) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(kinds).map(([name, type]) => [name, { type }])),
      allowPositionals,
      strict: true,
    });
    const given = values as Record<string, string | boolean | undefined>;
    return {
      str: (name: string): string | undefined => (typeof given[name] === 'string' ? given[name] : undefined),
      flag: (name: string): boolean => given[name] === true,
      positionals,
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function nonNegativeInteger(raw: string, name: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new UsageError(`${name} must be a non-negative integer`);
  return Number(raw);
}
