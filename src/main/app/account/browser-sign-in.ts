import type { Dispatcher } from 'undici';
import {
  BrowserOpenError,
  signInWithPkce,
  type AuthConfig,
  type AuthSession,
  type TokenCache,
} from '../../auth/index.ts';
import type { Clock } from '../../util/clock.ts';
import { UserFacingError } from '../errors.ts';
import type { OpenExternal } from '../external-links.ts';

export interface BrowserSignInOptions {
  config: AuthConfig;
  cache: TokenCache;
  clock: Clock;
  dispatcher?: Dispatcher | undefined;
  signal: AbortSignal;
  timeoutMs: number;
  /** Spotify's consent page even if the user agreed before (its account chooser). */
  showDialog: boolean;
  /** The allow-listed system browser. */
  open: OpenExternal;
  /** The consent page's address (PKCE challenge and state; never the verifier or a code). */
  onLink: (url: string) => void;
  /** The browser did not open: the sign-in keeps waiting for the link to be opened by hand. */
  onBrowserFailed: (error: BrowserOpenError) => void;
}

/**
 * The PKCE sign-in through the system browser, telling the app the consent link as soon as it exists.
 * A browser that fails to open does not end the sign-in: the loopback listener keeps waiting (until the
 * sign-in timeout), so the user can paste the link into a browser themselves.
 */
export function signInThroughBrowser(options: BrowserSignInOptions): Promise<AuthSession> {
  const { open, onLink, onBrowserFailed } = options;
  return signInWithPkce({
    config: options.config,
    cache: options.cache,
    clock: options.clock,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    showDialog: options.showDialog,
    openBrowser: async (url) => {
      onLink(url);
      try {
        await open(url);
      } catch (error) {
        // Refused by the allow-list: not a link to hand to the user either, so the sign-in fails.
        if (error instanceof UserFacingError) throw error;
        onBrowserFailed(new BrowserOpenError({ cause: error }));
      }
    },
  });
}
