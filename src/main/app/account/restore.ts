import type { Dispatcher } from 'undici';
import {
  AuthSession,
  KeychainUnavailableError,
  TokenEndpoint,
  missingScopes,
  type AuthConfig,
  type TokenCache,
} from '../../auth/index.ts';
import type { Clock } from '../../util/clock.ts';

/** What a start finds in the keychain. */
export type RestoreOutcome =
  | { readonly kind: 'session'; readonly session: AuthSession }
  /** Nothing saved (or another app's grant). */
  | { readonly kind: 'nothing' }
  /** A grant from before an update that added scopes: it would fail later with 'forbidden'. */
  | { readonly kind: 'missing-scopes' }
  /** No keychain: start signed out; a sign-in then lives in memory for this run. */
  | { readonly kind: 'no-keychain'; readonly error: KeychainUnavailableError }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Reads the saved grant of `config.clientId` into a session, without calling Spotify. Never rejects. */
export async function restoreSavedSession(options: {
  config: () => AuthConfig;
  cache: () => TokenCache;
  clock: Clock;
  dispatcher?: Dispatcher | undefined;
}): Promise<RestoreOutcome> {
  let session: AuthSession | null;
  try {
    const config = options.config();
    session = await AuthSession.restore({
      client: { clientId: config.clientId },
      endpoint: new TokenEndpoint({
        accountsUrl: config.accountsUrl,
        clock: options.clock,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      }),
      cache: options.cache(),
      clock: options.clock,
    });
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return { kind: 'no-keychain', error };
    return { kind: 'failed', error };
  }
  if (session === null) return { kind: 'nothing' };
  // An empty list means the scopes were never recorded: the API will tell.
  if (session.scopes.length > 0 && missingScopes(session.scopes).length > 0)
    return { kind: 'missing-scopes' };
  return { kind: 'session', session };
}
