import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TOKEN_TTL_S = 3600;
/** Refresh tokens die this many calendar months after the original consent (docs/SPOTIFY.md). */
const REFRESH_TOKEN_LIFETIME_MONTHS = 6;

export interface AuthorizationCode {
  clientId: string;
  userId: string;
  /** Byte-identical to the `redirect_uri` sent to /authorize. */
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | undefined;
  issuedAt: number;
  used: boolean;
}

/** One consent's chain of refresh tokens. Rotation replaces the token, never `consentAt`. */
export interface Grant {
  clientId: string;
  userId: string;
  scopes: string[];
  consentAt: number;
  /** Obtained with PKCE and no secret: may be refreshed with `client_id` alone. */
  publicClient: boolean;
}

export interface RefreshTokenRecord {
  grant: Grant;
  status: 'live' | 'rotated' | 'revoked';
}

export interface AccessTokenRecord {
  clientId: string;
  /** Absent for client-credentials tokens. */
  userId: string | undefined;
  scopes: string[];
  expiresAt: number;
}

/** Codes, refresh tokens and access tokens. Opaque random strings; expired ones are kept to tell them apart. */
export class TokenStore {
  readonly #clock: SimClock;
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refresh = new Map<string, RefreshTokenRecord>();
  readonly #access = new Map<string, AccessTokenRecord>();

  constructor(clock: SimClock) {
    this.#clock = clock;
  }

  issueCode(code: Omit<AuthorizationCode, 'issuedAt' | 'used'>): string {
    const value = opaque('AQ', 96);
    this.#codes.set(value, { ...code, issuedAt: this.#clock.now(), used: false });
    return value;
  }

  findCode(value: string): AuthorizationCode | undefined {
    return this.#codes.get(value);
  }

  codeExpired(code: AuthorizationCode): boolean {
    return this.#clock.now() >= code.issuedAt + CODE_TTL_MS;
  }

  issueRefreshToken(grant: Grant): string {
    const value = opaque('AQ', 96);
    this.#refresh.set(value, { grant, status: 'live' });
    return value;
  }

  findRefreshToken(value: string): RefreshTokenRecord | undefined {
    return this.#refresh.get(value);
  }

  refreshTokenExpired(grant: Grant): boolean {
    return this.#clock.now() >= refreshTokenExpiry(grant.consentAt);
  }

  /** The old token stops working; the new one keeps the grant (and its consent time). */
  rotate(old: RefreshTokenRecord): string {
    old.status = 'rotated';
    return this.issueRefreshToken(old.grant);
  }

  revokeRefreshTokens(userId?: string): void {
    for (const record of this.#refresh.values()) {
      if (record.status === 'live' && (userId === undefined || record.grant.userId === userId)) {
        record.status = 'revoked';
      }
    }
  }

  issueAccessToken(clientId: string, userId: string | undefined, scopes: string[]): string {
    const value = opaque('BQ', 144);
    this.#access.set(value, {
      clientId,
      userId,
      scopes,
      expiresAt: this.#clock.now() + ACCESS_TOKEN_TTL_S * 1000,
    });
    return value;
  }

  findAccessToken(value: string): AccessTokenRecord | undefined {
    return this.#access.get(value);
  }

  accessTokenExpired(token: AccessTokenRecord): boolean {
    return this.#clock.now() >= token.expiresAt;
  }
}

/** `consentAt` plus 6 calendar months (UTC), clamped to the month's last day (31 Aug → 28/29 Feb). */
export function refreshTokenExpiry(consentAt: number): number {
  const date = new Date(consentAt);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + REFRESH_TOKEN_LIFETIME_MONTHS);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

function opaque(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
