import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSigningKeyPair } from '@thidua/event-store';

export interface SigningKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The server's Ed25519 digest-signing key: read from `file`, or created there once (mode 0600,
 * exclusive create so concurrent starts agree). Shared by the API and the CLI.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  mkdirSync(dirname(file), { recursive: true });
  try {
    const { privateKeyPem } = generateSigningKeyPair();
    writeFileSync(file, privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new Error(`${file} is readable by other users; run: chmod 600 ${file}`);
    }
  }
  return readSigningKey(file);
}

/** Reads an existing key; null when the file does not exist. */
export function readSigningKeyIfPresent(file: string): SigningKey | null {
  try {
    return readSigningKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function readSigningKey(file: string): SigningKey {
  const privateKeyPem = readFileSync(file, 'utf8');
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, publicKeyPem };
}
