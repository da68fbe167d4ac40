/**
 * A real PKCE sign-in against the simulator (consent over HTTP, no browser), as the player tests do it.
 * `clock` (optional) is given to the token endpoint and the session, so token lifetimes run on the same
 * (simulated) time as the simulator; without it both use the real clock.
 */
import { SEED_CLIENT_ID, type Simulator } from '../../dev/simulator/index.ts';
import { MemoryTokenCache } from '../../src/main/auth/caches/memory.ts';
import {
  AuthSession,
  TRAYTUNE_SCOPES,
  TokenEndpoint,
  buildAuthorizeUrl,
  createPkcePair,
  createState,
} from '../../src/main/auth/index.ts';
import type { Clock } from '../../src/main/util/clock.ts';
import { driveConsent } from '../../test/support/consent.ts';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export async function signIn(sim: Simulator, clock?: Clock): Promise<AuthSession> {
  const pkce = createPkcePair();
  const url = buildAuthorizeUrl({
    accountsUrl: sim.accountsUrl,
    clientId: SEED_CLIENT_ID,
    redirectUri: REDIRECT_URI,
    scopes: TRAYTUNE_SCOPES,
    state: createState(),
    codeChallenge: pkce.challenge,
  });
  const { callbackUrl } = await driveConsent(url, { fetchCallback: false });
  const code = new URL(callbackUrl).searchParams.get('code');
  if (code === null) throw new Error(`consent gave no code: ${callbackUrl}`);
  const endpoint = new TokenEndpoint({ accountsUrl: sim.accountsUrl, ...(clock && { clock }) });
  const client = { clientId: SEED_CLIENT_ID };
  const token = await endpoint.exchangeCode({
    client,
    code,
    redirectUri: REDIRECT_URI,
    codeVerifier: pkce.verifier,
  });
  const session = new AuthSession(
    { client, endpoint, cache: new MemoryTokenCache(), ...(clock && { clock }) },
    token,
  );
  await session.persist();
  return session;
}
