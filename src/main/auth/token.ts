/**
 * The token model. Access tokens live only in memory; what a cache persists is `StoredGrant`
 * (the refresh token and the metadata needed to use it).
 */

export interface Token {
  accessToken: string;
  tokenType: 'Bearer';
  scopes: readonly string[];
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** Absent for client credentials. */
  refreshToken?: string;
  /** Epoch ms of the user's original consent: refresh tokens die 6 months after it. */
  authorizedAt: number;
}

/** What a token cache holds: never an access token. */
export interface StoredGrant {
  clientId: string;
  refreshToken: string;
  scopes: readonly string[];
  authorizedAt: number;
}

/** Refresh this long before the access token's expiry so in-flight calls never carry a dead token. */
export const DEFAULT_EXPIRY_MARGIN_MS = 60_000;

export function isExpired(
  token: Pick<Token, 'expiresAt'>,
  nowMs: number,
  marginMs = DEFAULT_EXPIRY_MARGIN_MS,
): boolean {
  return nowMs + marginMs >= token.expiresAt;
}
