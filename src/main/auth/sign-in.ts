import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../util/clock.ts';
import { buildAuthorizeUrl, createState } from './authorize-url.ts';
import { parseCallbackUrl } from './callback.ts';
import { ClientCredentialsSession } from './client-credentials.ts';
import type { AuthConfig } from './config.ts';
import { AuthError, BrowserOpenError, ConfigError } from './errors.ts';
import { startLoopbackListener } from './loopback-listener.ts';
import { createPkcePair, defaultRandomBytes, type RandomBytes } from './pkce.ts';
import { TRAYTUNE_SCOPES } from './scopes.ts';
import { AuthSession } from './session.ts';
import { TokenEndpoint, type OAuthClient } from './token-endpoint.ts';
import type { TokenCache } from './token-cache.ts';

/** Opens the system browser on a URL (injected: Electron's shell.openExternal, Playwright, a test helper). */
export type OpenBrowser = (url: string) => Promise<void>;

interface CommonOptions {
  config: AuthConfig;
  cache: TokenCache;
  clock?: Clock;
  /** Pool or agent for /api/token (tests, keep-alive). */
  dispatcher?: Dispatcher;
  scopes?: readonly string[];
  /** Show Spotify's consent page even if the user agreed before (e.g. to switch accounts). */
  showDialog?: boolean;
  /** A given state instead of a fresh random one. */
  state?: string;
  randomBytes?: RandomBytes;
}

export interface SignInOptions extends CommonOptions {
  openBrowser: OpenBrowser;
  signal?: AbortSignal;
  /** How long to wait for the browser's answer. */
  timeoutMs?: number;
  /** How long the listener keeps the result page available after the answer. */
  pageGraceMs?: number;
}

/**
 * Authorization code + PKCE with a loopback listener (no secret): the flow for Traytune's users, who
 * each register their own Spotify app. Resolves with a session whose grant is already in the cache
 * (if saving failed, `session.cacheError` says why and the session lives in memory).
 */
export async function signInWithPkce(options: SignInOptions): Promise<AuthSession> {
  return loopbackSignIn(options, { clientId: options.config.clientId });
}

/**
 * Authorization code with the client secret (HTTP Basic at /api/token). PKCE is used as well: it costs
 * nothing and protects against code injection (RFC 9700 §2.1.1).
 */
export async function signInWithAuthorizationCode(options: SignInOptions): Promise<AuthSession> {
  return loopbackSignIn(options, confidentialClient(options.config));
}

/** App-only access with the client secret: no user, nothing cached, re-fetched when expired. */
export function clientCredentials(
  config: AuthConfig,
  options: { clock?: Clock; dispatcher?: Dispatcher } = {},
): ClientCredentialsSession {
  const endpoint = new TokenEndpoint({ accountsUrl: config.accountsUrl, ...options });
  return new ClientCredentialsSession({ client: confidentialClient(config), endpoint, ...options });
}

export interface ManualSignIn {
  /** Open this in a browser; after Agree, the user pastes the address the browser ended on. */
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  readonly state: string;
  /** Validates the pasted address and exchanges its code. */
  complete(pastedUrl: string, signal?: AbortSignal): Promise<AuthSession>;
}

/**
 * The paste variant, for when no loopback listener can run: the redirect URI is used as configured
 * (a port-less loopback URI then ends on a page that fails to load, whose address holds the code).
 */
export function startManualSignIn(options: CommonOptions): ManualSignIn {
  const { config } = options;
  const random = options.randomBytes ?? defaultRandomBytes;
  const pkce = createPkcePair(random);
  const state = options.state ?? createState(random);
  const authorizeUrl = buildAuthorizeUrl({
    accountsUrl: config.accountsUrl,
    clientId: config.clientId,
    redirectUri: config.redirectUri,
    scopes: options.scopes ?? TRAYTUNE_SCOPES,
    state,
    codeChallenge: pkce.challenge,
    ...(options.showDialog ? { showDialog: true } : {}),
  });
  return {
    authorizeUrl,
    redirectUri: config.redirectUri,
    state,
    complete: (pastedUrl, signal) =>
      exchangeManualCallback({
        ...options,
        pastedUrl,
        state,
        codeVerifier: pkce.verifier,
        redirectUri: config.redirectUri,
        ...(signal ? { signal } : {}),
      }),
  };
}

export interface ManualCallbackOptions {
  config: AuthConfig;
  cache: TokenCache;
  /** What the user pasted: the full address, or just its `?code=…&state=…` part. */
  pastedUrl: string;
  state: string;
  codeVerifier: string;
  /** The redirect URI sent to /authorize. */
  redirectUri: string;
  clock?: Clock;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** The scopes asked for at /authorize (kept when Spotify's answer lists none). */
  scopes?: readonly string[];
}

export async function exchangeManualCallback(options: ManualCallbackOptions): Promise<AuthSession> {
  const { code } = parseCallbackUrl(options.pastedUrl, options.state);
  return exchangeAndSave(
    options,
    { clientId: options.config.clientId },
    code,
    options.redirectUri,
    options.codeVerifier,
  );
}

async function loopbackSignIn(options: SignInOptions, client: OAuthClient): Promise<AuthSession> {
  const { config } = options;
  const random = options.randomBytes ?? defaultRandomBytes;
  const pkce = createPkcePair(random);
  const state = options.state ?? createState(random);

  // Listen first: the authorize URL needs the port the listener actually got.
  const listener = await startLoopbackListener({
    redirectUri: config.redirectUri,
    expectedState: state,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.pageGraceMs !== undefined ? { pageGraceMs: options.pageGraceMs } : {}),
  });
  let code: string;
  try {
    const url = buildAuthorizeUrl({
      accountsUrl: config.accountsUrl,
      clientId: config.clientId,
      redirectUri: listener.redirectUri,
      scopes: options.scopes ?? TRAYTUNE_SCOPES,
      state,
      codeChallenge: pkce.challenge,
      ...(options.showDialog ? { showDialog: true } : {}),
    });
    // The opener may resolve before or after the answer arrives (or never): only its failure matters.
    const opened = Promise.resolve()
      .then(() => options.openBrowser(url))
      .catch(() => {
        throw new BrowserOpenError();
      });
    opened.catch(() => {});
    ({ code } = await Promise.race([opened.then(() => listener.result), listener.result]));
  } catch (error) {
    // After an answer (e.g. wrong state, Cancel) the listener stays up just long enough to show its page.
    listener.cancel();
    throw error;
  }
  // The browser tab waits on the result page until the exchange is done, then says how it went; the
  // listener closes itself once it has been shown.
  try {
    const session = await exchangeAndSave(options, client, code, listener.redirectUri, pkce.verifier);
    listener.finish({ ok: true });
    return session;
  } catch (error) {
    listener.finish({
      ok: false,
      error:
        error instanceof AuthError
          ? error
          : new AuthError('callback', 'Traytune could not finish signing in. Try again.'),
    });
    throw error;
  }
}

async function exchangeAndSave(
  options: {
    config: AuthConfig;
    cache: TokenCache;
    clock?: Clock;
    dispatcher?: Dispatcher;
    signal?: AbortSignal;
    scopes?: readonly string[];
  },
  client: OAuthClient,
  code: string,
  redirectUri: string,
  codeVerifier: string,
): Promise<AuthSession> {
  const clock = options.clock ?? systemClock;
  const endpoint = new TokenEndpoint({
    accountsUrl: options.config.accountsUrl,
    clock,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const token = await endpoint.exchangeCode({
    client,
    code,
    redirectUri,
    codeVerifier,
    authorizedAt: clock.now(),
    scopes: options.scopes ?? TRAYTUNE_SCOPES,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const session = new AuthSession({ client, endpoint, cache: options.cache, clock }, token);
  await session.persist();
  return session;
}

function confidentialClient(config: AuthConfig): OAuthClient {
  if (config.clientSecret === undefined) {
    throw new ConfigError(
      'This sign-in method needs the client secret of your Spotify app. Set it (TRAYTUNE_CLIENT_SECRET) or ' +
        'use the standard sign-in, which needs only the client ID.',
    );
  }
  return { clientId: config.clientId, clientSecret: config.clientSecret };
}
