import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyLog, type SignedDigest, type VerifyReport } from '@thidua/event-store';
import { readSigningKeyIfPresent } from '../../../api/src/audit/signing-key.js';
import type { AppConfig } from '../../../api/src/config/app-config.js';
import { UsageError, type CliIo } from '../io.js';
import { ProgressBar } from '../progress-bar.js';
import { withEventStore } from './stores.js';

export interface VerifyCommandOptions {
  stream?: string | undefined;
  /** Path of a digest saved from GET /audit/digest or `cli digest`. */
  against?: string | undefined;
}

/**
 * Recomputes the hash chain (one stream or the whole log), optionally against an earlier digest,
 * with a progress bar on stderr. Exit code 0 when intact, 1 with the first failure printed.
 */
export async function verifyCommand(
  options: VerifyCommandOptions,
  config: AppConfig,
  io: CliIo,
): Promise<number> {
  const against = options.against === undefined ? undefined : readDigest(resolve(io.cwd, options.against));
  // Only digests this server signed are trusted when its key is at hand.
  const trusted = readSigningKeyIfPresent(config.signingKeyFile)?.publicKeyPem;
  if (against && !trusted) {
    io.stderr.write(
      `warning: no signing key at ${config.signingKeyFile}; any valid signature on the digest is accepted\n`,
    );
  }
  const bar = new ProgressBar(io.stderr);
  const report = await withEventStore(config, (events) =>
    verifyLog(events, {
      ...(options.stream === undefined ? {} : { streamId: options.stream }),
      ...(against ? { against } : {}),
      ...(against && trusted ? { trustedPublicKeyPem: trusted } : {}),
      onProgress: (position, head) => bar.update(position, head),
    }),
  );
  bar.finish();
  io.stdout.write(`${describeReport(report, options)}\n`);
  return report.ok ? 0 : 1;
}

export function describeReport(report: VerifyReport, options: VerifyCommandOptions = {}): string {
  const scope = options.stream === undefined ? 'the log' : `stream ${options.stream}`;
  const digest = options.against === undefined ? '' : ' and agrees with the digest';
  if (report.ok) {
    return `OK: ${scope} is intact${digest} (${report.checkedEvents} events in ${report.checkedStreams} streams, head ${report.headPosition})`;
  }
  const f = report.firstFailure!;
  const where = [
    f.position === undefined ? undefined : `position ${f.position}`,
    f.streamId === undefined ? undefined : `stream ${f.streamId}`,
    f.revision === undefined ? undefined : `revision ${f.revision}`,
    f.eventId === undefined ? undefined : `event ${f.eventId}`,
  ].filter(Boolean);
  return `FAILED: ${f.problem}${where.length ? ` at ${where.join(', ')}` : ''}\n  ${f.detail}`;
}

function readDigest(path: string): SignedDigest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the digest ${path}: ${(error as Error).message}`);
  }
  const d = parsed as Partial<SignedDigest>;
  if (typeof d?.position !== 'number' || typeof d.root !== 'string' || typeof d.signature !== 'string') {
    throw new UsageError(`${path} is not a signed digest (position, root and signature are required)`);
  }
  return d as SignedDigest;
}
