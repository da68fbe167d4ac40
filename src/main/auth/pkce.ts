import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';

/** Source of cryptographic randomness; injected so tests can be deterministic. */
export type RandomBytes = (size: number) => Uint8Array;

export const defaultRandomBytes: RandomBytes = (size) => nodeRandomBytes(size);

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** RFC 7636 §4.1: 43–128 characters of [A-Za-z0-9-._~]. */
export function isValidCodeVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

/**
 * A fresh code verifier. base64url's alphabet is a subset of the unreserved characters, so encoding
 * enough random bytes and trimming to `length` gives a valid verifier with 6 bits of entropy per char.
 */
export function createCodeVerifier(randomBytes: RandomBytes = defaultRandomBytes, length = 64): string {
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new RangeError('A code verifier is 43 to 128 characters long.');
  }
  // The fewest bytes whose base64url text reaches `length` (32 bytes → 43 chars, as in RFC 7636 App. B).
  const bytes = randomBytes(Math.floor(((length - 1) * 3) / 4) + 1);
  const verifier = base64url(bytes).slice(0, length);
  if (verifier.length !== length) throw new RangeError('Not enough random bytes for a code verifier.');
  return verifier;
}

/** S256: base64url(SHA-256(ASCII(verifier))) without padding. */
export function codeChallengeS256(verifier: string): string {
  if (!isValidCodeVerifier(verifier)) throw new RangeError('Invalid code verifier.');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createPkcePair(randomBytes: RandomBytes = defaultRandomBytes): PkcePair {
  const verifier = createCodeVerifier(randomBytes);
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256' };
}
