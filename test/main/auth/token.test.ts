import { describe, expect, it } from 'vitest';
import { isExpired } from '../../../src/main/auth/token.ts';

describe('isExpired', () => {
  it('treats a token inside the margin as expired', () => {
    expect(isExpired({ expiresAt: 100_000 }, 50_000, 60_000)).toBe(true);
    expect(isExpired({ expiresAt: 200_000 }, 50_000, 60_000)).toBe(false);
  });
});
