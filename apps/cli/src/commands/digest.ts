import { computeDigest, signDigest, type SignedDigest } from '@thidua/event-store';
import { loadOrCreateSigningKey } from '../../../api/src/audit/signing-key.js';
import type { AppConfig } from '../../../api/src/config/app-config.js';
import { withEventStore } from './stores.js';

/**
 * The signed digest of the log, the same as GET /audit/digest: stream heads at a position, their
 * Merkle root, `issuedAt` (signed too), signed with the server's key in DATA_DIR (created if absent).
 */
export async function digestCommand(
  options: { position?: number | undefined; heads?: boolean },
  config: AppConfig,
  now: Date = new Date(),
): Promise<SignedDigest & { issuedAt: string }> {
  const key = loadOrCreateSigningKey(config.signingKeyFile);
  // Read through the integrity check: a broken log is never signed.
  const digest = await withEventStore(config, (events) => computeDigest(events, options.position), {
    verified: true,
  });
  const body = options.heads === false ? { ...digest, heads: undefined } : digest;
  return signDigest({ ...body, issuedAt: now.toISOString() }, key.privateKeyPem);
}
