/** Public API of the sign-in core (plain Node, no Electron). */
export { buildAuthorizeUrl, createState, type AuthorizeUrlParams } from './authorize-url.ts';
export { parseCallbackParams, parseCallbackUrl, statesEqual, type CallbackResult } from './callback.ts';
export { ClientCredentialsSession, type ClientCredentialsSessionOptions } from './client-credentials.ts';
export {
  DEFAULT_REDIRECT_URI,
  SPOTIFY_ACCOUNTS_URL,
  SPOTIFY_API_URL,
  loadAuthConfig,
  validateClientId,
  type AuthConfig,
  type AuthConfigInput,
  type Env,
} from './config.ts';
export * from './errors.ts';
export {
  DEFAULT_SIGN_IN_TIMEOUT_MS,
  startLoopbackListener,
  type ExchangeOutcome,
  type LoopbackListener,
  type LoopbackListenerOptions,
} from './loopback-listener.ts';
export {
  codeChallengeS256,
  createCodeVerifier,
  createPkcePair,
  isValidCodeVerifier,
  type PkcePair,
  type RandomBytes,
} from './pkce.ts';
export {
  loopbackBinding,
  parseRedirectUri,
  redirectUriWithPort,
  type LoopbackBinding,
  type LoopbackRedirectUri,
  type RedirectUri,
} from './redirect-uri.ts';
export { TRAYTUNE_SCOPES, formatScopes, missingScopes, parseScopes } from './scopes.ts';
export {
  AuthSession,
  DEFAULT_FLUSH_TIMEOUT_MS,
  REFRESH_TOKEN_LIFETIME_MONTHS,
  addCalendarMonths,
  type AccessTokenProvider,
  type AuthSessionEvents,
  type AuthSessionOptions,
  type PersistRetryOptions,
  type TokenInfo,
} from './session.ts';
export {
  clientCredentials,
  exchangeManualCallback,
  signInWithAuthorizationCode,
  signInWithPkce,
  startManualSignIn,
  type ManualCallbackOptions,
  type ManualSignIn,
  type OpenBrowser,
  type SignInOptions,
} from './sign-in.ts';
export {
  DEFAULT_REFRESH_TIMEOUT_MS,
  DEFAULT_TOKEN_TIMEOUT_MS,
  TokenEndpoint,
  type OAuthClient,
  type TokenEndpointOptions,
} from './token-endpoint.ts';
export { clearIfHolds, type TokenCache } from './token-cache.ts';
export { classifyRefreshRefusal, refreshRefusedReason, type RefreshRefusal } from './refresh-refused.ts';
export { scrubSecrets } from './scrub.ts';
export { isExpired, type StoredGrant, type Token } from './token.ts';
