import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JWT_SECRET_FILE = 'jwt-secret';

export interface JwtSecret {
  key: Uint8Array;
  source: 'env' | 'file' | 'generated';
}

/**
 * The one place the HS256 secret is resolved, shared by the API and the CLI so a token printed by
 * `cli token` verifies in the API: AUTH_JWT_SECRET when set, else `${dataDir}/jwt-secret`,
 * created once (mode 0600, exclusive create so two processes starting together agree).
 */
export function resolveJwtSecret(options: { dataDir: string; secret?: string | undefined }): JwtSecret {
  if (options.secret !== undefined) return { key: new TextEncoder().encode(options.secret), source: 'env' };
  const file = join(options.dataDir, JWT_SECRET_FILE);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return { key: readSecretFile(file), source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users; run: chmod 600 ${file}`);
  }
  return { key: readSecretFile(file), source: 'file' };
}

function readSecretFile(file: string): Uint8Array {
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`);
  return new TextEncoder().encode(text);
}
