import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeChallengeS256,
  createCodeVerifier,
  createPkcePair,
  isValidCodeVerifier,
} from '../../../src/main/auth/pkce.ts';

// RFC 7636 Appendix B. (A commonly quoted variant, verifier dBjftJeZ4CVP-mJ0kzuZ69bGz7RZGz7R5vcKXNqv7dQ /
// challenge E9Melhoa2OwvFrEMTJguCQeC7WcMJ7ugG39WUd7k8uQ, is corrupted: neither follows from the RFC's octets
// nor hashes to the other. These are the RFC's values, checked against an independent computation below.)
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B vector', () => {
    const own = createHash('sha256').update(RFC_VERIFIER).digest('base64').replace(/=+$/, '');
    const ownUrl = own.replace(/\+/g, '-').replace(/\//g, '_');
    expect(ownUrl).toBe(RFC_CHALLENGE);
    expect(codeChallengeS256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('derives the RFC verifier from the RFC octets with injected randomness', () => {
    const verifier = createCodeVerifier((size) => {
      expect(size).toBe(32);
      return Uint8Array.from(RFC_OCTETS);
    }, 43);
    expect(verifier).toBe(RFC_VERIFIER);
  });

  it('creates valid verifiers of every allowed length', () => {
    for (const length of [43, 44, 45, 64, 100, 127, 128]) {
      const v = createCodeVerifier(undefined, length);
      expect(v).toHaveLength(length);
      expect(v).toMatch(/^[A-Za-z0-9\-._~]+$/);
      expect(isValidCodeVerifier(v)).toBe(true);
    }
    expect(() => createCodeVerifier(undefined, 42)).toThrow(RangeError);
    expect(() => createCodeVerifier(undefined, 129)).toThrow(RangeError);
  });

  it('pairs a fresh verifier with its S256 challenge, without padding', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.method).toBe('S256');
    expect(a.challenge).toBe(codeChallengeS256(a.verifier));
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses invalid verifiers', () => {
    expect(isValidCodeVerifier('short')).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(42) + '+')).toBe(false);
    expect(() => codeChallengeS256('not valid')).toThrow(RangeError);
  });
});
