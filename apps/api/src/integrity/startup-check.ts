import type { Logger } from 'pino';
import { verifyTail, type VerifyingEventStore } from '@thidua/event-store';
import type { SigningKey } from '../audit/signing-key.js';
import { readVerifiedAnchor, writeVerifiedAnchor } from './verified-anchor.js';

/**
 * Before a process serves (API or projector): the log after the last verified position is read through
 * the verifying store; a failure is recorded there (readiness 503, appends refused) rather than stopping
 * the process, so it can say what is wrong. The anchor moves to the last event verified.
 */
export async function checkLogAtStart(
  store: VerifyingEventStore,
  dataDir: string,
  key: SigningKey,
  logger: Logger,
): Promise<void> {
  const { anchor, problem } = readVerifiedAnchor(dataDir, key);
  if (problem) logger.warn({ problem }, 'verified-position anchor ignored');
  const started = Date.now();
  const from = anchor?.position ?? 0;
  const result = await verifyTail(store, anchor);
  const took = Date.now() - started;
  if (result.failure) {
    logger.error(
      { failure: result.failure, from, checkedEvents: result.checkedEvents, ms: took },
      `integrity failure in the log: ${result.failure.detail}`,
    );
  } else {
    logger.info(
      { from, to: result.anchor.position, checkedEvents: result.checkedEvents, ms: took },
      'log verified from the last verified position to the head',
    );
  }
  if (result.anchor.position > from) writeVerifiedAnchor(dataDir, result.anchor, key);
}
