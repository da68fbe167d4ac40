import { SEED_CLIENT_ID, type Simulator } from '../../dev/simulator/index.ts';
import { buildAuthorizeUrl, createState } from '../../src/main/auth/authorize-url.ts';
import { MemoryTokenCache } from '../../src/main/auth/caches/memory.ts';
import { createPkcePair } from '../../src/main/auth/pkce.ts';
import { TRAYTUNE_SCOPES } from '../../src/main/auth/scopes.ts';
import { AuthSession } from '../../src/main/auth/session.ts';
import { TokenEndpoint } from '../../src/main/auth/token-endpoint.ts';
import type { Clock } from '../../src/main/util/clock.ts';
import { driveConsent } from './consent.ts';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export interface SimulatorSessionOptions {
  /** The session's clock: the real one by default, so it learns of the simulated hour's end from a 401. */
  readonly clock?: Clock;
  readonly scopes?: readonly string[];
}

/**
 * A real PKCE sign-in against the simulator (consent driven over HTTP, no loopback listener), with the
 * grant saved in a memory cache the caller can look at. For tests and benchmarks of what builds on a session.
 */
export async function signInToSimulator(
  sim: Simulator,
  options: SimulatorSessionOptions = {},
): Promise<{ session: AuthSession; cache: MemoryTokenCache }> {
  const pkce = createPkcePair();
  const url = buildAuthorizeUrl({
    accountsUrl: sim.accountsUrl,
    clientId: SEED_CLIENT_ID,
    redirectUri: REDIRECT_URI,
    scopes: options.scopes ?? TRAYTUNE_SCOPES,
    state: createState(),
    codeChallenge: pkce.challenge,
  });
  const { callbackUrl } = await driveConsent(url, { fetchCallback: false });
  const code = new URL(callbackUrl).searchParams.get('code');
  if (code === null) throw new Error(`consent gave no code: ${callbackUrl}`);
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  const endpoint = new TokenEndpoint({ accountsUrl: sim.accountsUrl, ...clock });
  const client = { clientId: SEED_CLIENT_ID };
  const token = await endpoint.exchangeCode({
    client,
    code,
    redirectUri: REDIRECT_URI,
    codeVerifier: pkce.verifier,
  });
  const cache = new MemoryTokenCache();
  const session = new AuthSession({ client, endpoint, cache, ...clock }, token);
  await session.persist();
  return { session, cache };
}
