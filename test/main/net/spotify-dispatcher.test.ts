import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, SEED_USER_ID, startSimulator } from '../../../dev/simulator/index.ts';
import type { Simulator } from '../../../dev/simulator/types.ts';
import { loadAuthConfig, type AuthConfig } from '../../../src/main/auth/config.ts';
import { NetworkError, OAuthError } from '../../../src/main/auth/errors.ts';
import { signInWithPkce } from '../../../src/main/auth/sign-in.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import {
  SpotifyDispatcher,
  TraytuneNetworkError,
  type SpotifyDispatcherOptions,
} from '../../../src/main/net/index.ts';
import { SpotifyApiError, createSpotifyApi } from '../../../src/main/spotify/index.ts';
import { consentBrowser } from '../../support/consent.ts';
import { RecordingCache, errorText, expectNoSecrets } from '../auth/helpers.ts';
import { createTestPki, type TestPki } from './certificates.ts';
import { closedPort, startLoopbackProxy, type LoopbackProxy } from './loopback-proxy.ts';

// The simulator serves accounts and API over TLS under a CA this file makes. Sign-in talks to it as
// https://127.0.0.1:PORT and the Web API as https://localhost:PORT, so a proxy sees one CONNECT per host.

let pki: TestPki;
let browserDispatcher: Dispatcher;
let previousGlobal: Dispatcher;
let sim: Simulator;
let proxy: LoopbackProxy;
let config: AuthConfig;
let apiUrl: string;
let simHost: string;
let apiHost: string;
const dispatchers: SpotifyDispatcher[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  // The "browser" that clicks Agree trusts the CA (as a browser would trust a company's): the app's own
  // requests never use the global dispatcher, they get a SpotifyDispatcher.
  previousGlobal = getGlobalDispatcher();
  browserDispatcher = new Agent({ connect: { ca: pki.caCert } });
  setGlobalDispatcher(browserDispatcher);
});
afterAll(async () => {
  setGlobalDispatcher(previousGlobal);
  await browserDispatcher.close();
});

beforeEach(async () => {
  sim = await startSimulator({ tls: pki.server });
  proxy = await startLoopbackProxy();
  const port = new URL(sim.url).port;
  simHost = `127.0.0.1:${port}`;
  apiHost = `localhost:${port}`;
  apiUrl = `https://${apiHost}/v1`;
  config = loadAuthConfig({ clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl, apiUrl }, {});
});
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((each) => each.destroy()));
  await proxy.close();
  await sim.close();
});

function dispatcher(options: SpotifyDispatcherOptions): SpotifyDispatcher {
  const made = new SpotifyDispatcher(options);
  dispatchers.push(made);
  return made;
}

async function signIn(through: Dispatcher) {
  const browser = consentBrowser();
  const session = await signInWithPkce({
    config,
    openBrowser: browser.openBrowser,
    cache: new RecordingCache(),
    clock: sim.clock,
    dispatcher: through,
  });
  await browser.idle();
  expect(browser.errors).toEqual([]);
  return session;
}

/** A code exchange that fails at Spotify (a made-up code) once it gets there: the way there is what is tested. */
function exchange(through: Dispatcher): Promise<unknown> {
  const endpoint = new TokenEndpoint({ accountsUrl: sim.accountsUrl, dispatcher: through });
  return endpoint
    .exchangeCode({
      client: { clientId: SEED_CLIENT_ID },
      code: 'made-up-code',
      redirectUri: 'http://127.0.0.1/callback',
      codeVerifier: 'v'.repeat(43),
    })
    .then(
      () => 'signed in',
      (error: unknown) => error,
    );
}

describe('SpotifyDispatcher through a proxy', () => {
  it('sign-in (the token exchange) and a Web API call both go through the configured proxy', async () => {
    const shared = dispatcher({ network: { proxy: proxy.url, ca: [pki.caCert] } });
    const session = await signIn(shared);
    expect(proxy.connects).toEqual([simHost]);
    expect(sim.requests.count({ path: '/api/token' })).toBe(1);

    const api = createSpotifyApi({ tokens: session, baseUrl: apiUrl, dispatcher: shared });
    const me = await api.getProfile();
    expect(me.id).toBe(SEED_USER_ID);
    expect(proxy.connects).toEqual([simHost, apiHost]);
    // The client leaves the shared dispatcher open for the next connection.
    await api.client.close();
    expect(await exchange(shared)).toBeInstanceOf(OAuthError);
  });

  it('honours HTTPS_PROXY and NO_PROXY from the environment it is given', async () => {
    const viaEnv = dispatcher({
      network: { proxy: 'env', ca: [pki.caCert] },
      env: { HTTPS_PROXY: proxy.url },
    });
    expect(await exchange(viaEnv)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([simHost]);

    const exempt = dispatcher({
      network: { proxy: 'env', ca: [pki.caCert] },
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
    });
    expect(await exchange(exempt)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([simHost]);
    expect(exempt.proxyFor(sim.url)).toEqual({ hostPort: `127.0.0.1:${proxy.port}`, source: 'HTTPS_PROXY' });
  });

  it('takes the system proxy answer per host (PAC form), passing over entries it cannot use', async () => {
    const warnings: string[] = [];
    const system = dispatcher({
      network: { proxy: 'system', ca: [pki.caCert] },
      systemProxies: {
        [sim.url]: `SOCKS 127.0.0.1:9; PROXY 127.0.0.1:${proxy.port}; DIRECT`,
        [`https://${apiHost}`]: 'DIRECT',
      },
      warn: (message) => warnings.push(message),
    });
    expect(await exchange(system)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([simHost]);
    expect(warnings).toEqual([expect.stringContaining('(SOCKS)')]);
    expect(system.proxyFor(`https://${apiHost}`)).toBeNull();
  });

  it('reconfigure swaps the route for the requests that follow (the network changed), forks included', async () => {
    const shared = dispatcher({ network: { proxy: 'direct', ca: [pki.caCert] } });
    const fork = shared.fork();
    expect(await exchange(shared)).toBeInstanceOf(OAuthError);
    expect(await exchange(fork)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([]);
    shared.reconfigure({ network: { proxy: proxy.url, ca: [pki.caCert] } });
    expect(await exchange(shared)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([simHost]);
    expect(await exchange(fork)).toBeInstanceOf(OAuthError);
    expect(proxy.connects).toEqual([simHost, simHost]);
  });

  it('a closed fork refuses requests and leaves the shared dispatcher open (a connection ended)', async () => {
    const shared = dispatcher({ network: { proxy: 'direct', ca: [pki.caCert] } });
    const fork = shared.fork();
    await fork.close();
    expect(await exchange(fork)).toBeInstanceOf(NetworkError);
    expect(await exchange(shared)).toBeInstanceOf(OAuthError);
  });
});

describe('SpotifyDispatcher: a proxy that says no', () => {
  it('407: a typed error that names the proxy and what to check, never the password', async () => {
    await proxy.close();
    proxy = await startLoopbackProxy({ credentials: { user: 'alice', password: 'right-password-1234' } });
    const wrong = dispatcher({
      network: { proxy: `http://alice:wrong-password-5678@127.0.0.1:${proxy.port}`, ca: [pki.caCert] },
    });
    const error = await exchange(wrong);
    expect(error).toBeInstanceOf(NetworkError);
    const { message, cause } = error as NetworkError;
    expect(message).toBe(
      `The proxy at 127.0.0.1:${proxy.port} asks for a sign-in (HTTP 407). Put the user name and password in ` +
        'the proxy address (http://user:password@host:port) or check TRAYTUNE_PROXY; proxies that sign in ' +
        'with your system account (NTLM, Kerberos) are not supported.',
    );
    expect(cause).toBeInstanceOf(TraytuneNetworkError);
    expect((cause as TraytuneNetworkError).code).toBe('proxy-auth-required');
    expectNoSecrets(error, ['wrong-password-5678', 'made-up-code', 'v'.repeat(43)]);
    expect(errorText(error)).not.toContain('alice');

    const right = dispatcher({
      network: { proxy: `http://alice:right-password-1234@127.0.0.1:${proxy.port}`, ca: [pki.caCert] },
    });
    expect(await exchange(right)).toBeInstanceOf(OAuthError);
  });

  it('a proxy that refuses the connection: sign-in and the Web API say so, pointing at HTTPS_PROXY', async () => {
    const port = await closedPort();
    const refused = dispatcher({
      network: { proxy: 'env', ca: [pki.caCert] },
      env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
    });
    const expected =
      `The proxy at 127.0.0.1:${port} refused the connection. Check that it is running, or check ` +
      'HTTPS_PROXY (or HTTP_PROXY, NO_PROXY).';
    const error = await exchange(refused);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(expected);
    expect(((error as NetworkError).cause as TraytuneNetworkError).code).toBe('proxy-refused');

    const api = createSpotifyApi({
      tokens: { getAccessToken: () => Promise.resolve('access-token-never-shown'), invalidate: () => {} },
      baseUrl: apiUrl,
      dispatcher: refused,
      backoff: { maxRetries: 0 },
    });
    const failure = await api.getProfile().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(SpotifyApiError);
    expect(failure).toMatchObject({ kind: 'network', message: expected });
    expectNoSecrets(failure, ['access-token-never-shown']);
  });

  it('a proxy that will not tunnel to the host: says which host to have allowed', async () => {
    await proxy.close();
    proxy = await startLoopbackProxy();
    const through = dispatcher({ network: { proxy: proxy.url, ca: [pki.caCert] } });
    // The proxy itself is fine; the host behind it is gone: the proxy answers the CONNECT with an error.
    await sim.close();
    const error = await exchange(through);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(
      new RegExp(
        `^The proxy at 127\\.0\\.0\\.1:${proxy.port} would not connect to ${simHost.replace('.', '\\.')} \\(HTTP \\d{3}\\)\\.`,
      ),
    );
    sim = await startSimulator({ tls: pki.server });
  });
});

describe('SpotifyDispatcher: trusted certificate authorities', () => {
  it('trusts the simulator only when its CA is configured', async () => {
    expect(await exchange(dispatcher({ network: { proxy: 'direct', ca: [pki.caCert] } }))).toBeInstanceOf(
      OAuthError,
    );
    const untrusting = dispatcher({ network: { proxy: 'direct' } });
    const error = await exchange(untrusting);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(
      `The connection to ${simHost} is not trusted: its certificate is not signed by an authority this ` +
        'computer trusts. If your network inspects HTTPS (a company proxy), add its CA certificate to the ' +
        'system certificate store, then restart Traytune.',
    );
    expect(((error as NetworkError).cause as TraytuneNetworkError).code).toBe('untrusted-certificate');
  });

  it('through a proxy too: the CA applies to the host behind the tunnel', async () => {
    const error = await exchange(dispatcher({ network: { proxy: proxy.url } }));
    expect((error as NetworkError).message).toMatch(
      new RegExp(
        `^The connection to ${simHost.replace('.', '\\.')} \\(through the proxy at 127\\.0\\.0\\.1:${proxy.port}\\) is not trusted`,
      ),
    );
    expect(proxy.connects).toEqual([simHost]);
    expect(await exchange(dispatcher({ network: { proxy: proxy.url, ca: [pki.caCert] } }))).toBeInstanceOf(
      OAuthError,
    );
  });

  it('a Web API call to an untrusted host is a network error with the same advice', async () => {
    const api = createSpotifyApi({
      tokens: { getAccessToken: () => Promise.resolve('access-token-never-shown'), invalidate: () => {} },
      baseUrl: apiUrl,
      dispatcher: dispatcher({ network: { proxy: 'direct', systemCa: false } }),
      backoff: { maxRetries: 0 },
    });
    const failure = await api.getProfile().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(SpotifyApiError);
    expect((failure as SpotifyApiError).kind).toBe('network');
    expect((failure as SpotifyApiError).message).toContain(`The connection to ${apiHost} is not trusted`);
  });
});
