import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@thidua/domain';
import type { VerifiedAnchor } from '@thidua/event-store';
import type { SigningKey } from '../audit/signing-key.js';

/** Beside the signing key and the JWT secret: the last position the start-up check verified. */
export const VERIFIED_ANCHOR_FILE = 'verified-position.json';

const KIND = 'thi-dua-ledger/verified-position/v1';

interface AnchorFile extends VerifiedAnchor {
  kind: typeof KIND;
  verifiedAt: string;
  /** Base64 Ed25519 signature (the audit signing key) over the canonical JSON of the other fields. */
  signature: string;
}

function payload(anchor: Omit<AnchorFile, 'signature'>): Buffer {
  return Buffer.from(canonicalJson(anchor), 'utf8');
}

/**
 * The anchor kept at the last start, if its signature is ours; undefined when there is none or it does not
 * verify (then the whole log is checked: a forged or stale anchor never shortens the check).
 */
export function readVerifiedAnchor(
  dataDir: string,
  key: SigningKey,
): { anchor?: VerifiedAnchor; problem?: string } {
  const file = join(dataDir, VERIFIED_ANCHOR_FILE);
  let parsed: AnchorFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as AnchorFile;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { problem: `${file} is unreadable: ${(error as Error).message}` };
  }
  const { signature, ...signed } = parsed;
  const valid =
    signed.kind === KIND &&
    Number.isSafeInteger(signed.position) &&
    typeof signature === 'string' &&
    verify(null, payload(signed), createPublicKey(key.publicKeyPem), Buffer.from(signature, 'base64'));
  if (!valid)
    return { problem: `${file} does not carry a valid signature of the audit key: the whole log is checked` };
  const { position, hash, logHash } = signed;
  return {
    anchor: {
      position,
      ...(hash === undefined ? {} : { hash }),
      ...(logHash === undefined ? {} : { logHash }),
    },
  };
}

/** Writes the anchor signed with the audit key (a temporary file renamed over the old one). */
export function writeVerifiedAnchor(
  dataDir: string,
  anchor: VerifiedAnchor,
  key: SigningKey,
  now: Date = new Date(),
): void {
  const unsigned: Omit<AnchorFile, 'signature'> = { kind: KIND, ...anchor, verifiedAt: now.toISOString() };
  const signature = sign(null, payload(unsigned), createPrivateKey(key.privateKeyPem)).toString('base64');
  const file = join(dataDir, VERIFIED_ANCHOR_FILE);
  // Its own temporary name: replicas sharing DATA_DIR may start together.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...unsigned, signature }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
