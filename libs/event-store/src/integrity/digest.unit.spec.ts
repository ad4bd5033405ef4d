import { generateKeyPairSync } from 'node:crypto';

import {
  digestFromHeads,
  generateSigningKeyPair,
  signDigest,
  verifyDigestSignature,
  type SignedDigest,
} from './digest.js';
import { merkleRoot, sortHeads } from './merkle.js';

const heads = [
  { streamId: 'unit-hue', revision: 2, hash: 'b'.repeat(64) },
  { streamId: 'cluster-1', revision: 0, hash: 'a'.repeat(64) },
  { streamId: 'emulation-1-2025', revision: 41, hash: 'c'.repeat(64) },
];

describe('log digest', () => {
  const keys = generateSigningKeyPair();

  it('lists heads sorted by stream id under a root anyone can recompute', () => {
    const d = digestFromHeads(120, heads);
    expect(d.position).toBe(120);
    expect(d.streamCount).toBe(3);
    expect(d.heads?.map((h) => h.streamId)).toEqual(['cluster-1', 'emulation-1-2025', 'unit-hue']);
    expect(d.root).toBe(merkleRoot(sortHeads(heads)));
    expect(digestFromHeads(120, [...heads].reverse()).root).toBe(d.root);
  });

  it('signs with Ed25519 and verifies with the embedded or a trusted key', () => {
    const signed = signDigest(digestFromHeads(120, heads), keys.privateKeyPem);
    expect(signed.algorithm).toBe('Ed25519');
    expect(signed.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(verifyDigestSignature(signed)).toBe(true);
    expect(verifyDigestSignature(signed, keys.publicKeyPem)).toBe(true);
    expect(verifyDigestSignature(signed, generateSigningKeyPair().publicKeyPem)).toBe(false);
  });

  it('rejects any change to the signed fields or to the heads', () => {
    const signed = signDigest(digestFromHeads(120, heads), keys.privateKeyPem);
    const firstHead = signed.heads?.[0];
    const tampered: SignedDigest[] = [
      { ...signed, position: 121 },
      { ...signed, streamCount: 4 },
      { ...signed, root: 'f'.repeat(64) },
      { ...signed, heads: signed.heads?.slice(1) ?? [] },
      { ...signed, heads: [{ ...firstHead!, revision: 1 }, ...(signed.heads?.slice(1) ?? [])] },
      { ...signed, signature: Buffer.from('x'.repeat(64)).toString('base64') },
      { ...signed, publicKey: generateSigningKeyPair().publicKeyPem },
      { ...signed, publicKey: 'not a key' },
    ];
    for (const t of tampered) expect(verifyDigestSignature(t)).toBe(false);
  });

  it('covers fields the caller adds before signing, such as issuedAt', () => {
    const signed = signDigest(
      { ...digestFromHeads(7, heads), issuedAt: '2025-04-01T00:00:00Z' },
      keys.privateKeyPem,
    );
    expect(signed.issuedAt).toBe('2025-04-01T00:00:00Z');
    expect(verifyDigestSignature(signed)).toBe(true);
    expect(verifyDigestSignature({ ...signed, issuedAt: '2025-05-01T00:00:00Z' } as SignedDigest)).toBe(
      false,
    );
  });

  it('still verifies a root-only digest (heads left out)', () => {
    const { heads: _heads, ...rootOnly } = signDigest(digestFromHeads(120, heads), keys.privateKeyPem);
    expect(verifyDigestSignature(rootOnly)).toBe(true);
    expect(verifyDigestSignature({ ...rootOnly, root: '0'.repeat(64) })).toBe(false);
  });

  it('refuses to sign with a key that is not Ed25519', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => signDigest(digestFromHeads(1, heads), ec.toString())).toThrow(
      expect.objectContaining({ code: 'DIGEST_KEY' }),
    );
  });
});
