import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SEED_CLIENT_ID,
  SEED_CLIENT_SECRET,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import { loadAuthConfig } from '../../../src/main/auth/config.ts';
import {
  AuthError,
  ConfigError,
  NetworkError,
  OAuthError,
  SignInAbortedError,
  TokenRateLimitedError,
} from '../../../src/main/auth/errors.ts';
import { clientCredentials } from '../../../src/main/auth/sign-in.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import { expectNoSecrets } from './helpers.ts';

const HOUR = 3600_000;
const FAKE_REFRESH = 'AQfake-refresh-token-value-0123456789';
let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await sim.close();
});

const tokenRequests = (): number => sim.requests.count({ path: '/api/token' });

function endpoint(timeoutMs?: number): TokenEndpoint {
  return new TokenEndpoint({
    accountsUrl: sim.accountsUrl,
    clock: sim.clock,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('token endpoint errors', () => {
  it('invalid_grant for an unknown refresh token, without the token in the error', async () => {
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({
      error: 'invalid_grant',
      status: 400,
      errorDescription: 'Invalid refresh token',
    });
    expect((error as Error).message).toMatch(/Sign in again|expired/);
    expectNoSecrets(error, [FAKE_REFRESH]);
  });

  it('invalid_client tells the user to check the client ID or secret', async () => {
    const unknown = await failure(
      endpoint().refresh({
        client: { clientId: 'ffffffffffffffffffffffffffffffff' },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(unknown).toMatchObject({ error: 'invalid_client' });
    expect((unknown as Error).message).toContain('Check the client ID');
    const wrongSecret = 'badbadbadbadbadbadbadbadbadbad00';
    const badSecret = await failure(
      endpoint().clientCredentials({ client: { clientId: SEED_CLIENT_ID, clientSecret: wrongSecret } }),
    );
    expect(badSecret).toMatchObject({ error: 'invalid_client' });
    expect((badSecret as Error).message).toContain('secret');
    expectNoSecrets(badSecret, [wrongSecret]);
  });

  it('5xx → NetworkError with the status', async () => {
    sim.injectFault({ path: '/api/token', status: 502 });
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).status).toBe(502);
    expect((error as Error).message).toMatch(/Try again/);
  });

  it('connection reset → NetworkError', async () => {
    sim.injectFault({ path: '/api/token', reset: true });
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expectNoSecrets(error, [FAKE_REFRESH]);
  });

  it('unreachable server → NetworkError', async () => {
    const port = new URL(sim.accountsUrl).port;
    await sim.close();
    const error = await failure(
      new TokenEndpoint({ accountsUrl: `http://127.0.0.1:${port}` }).refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    sim = await startSimulator();
  });

  it('an unparseable success → NetworkError that does not quote the body', async () => {
    const body = `{"access_token":"BQleaked-access-token-value", broken`;
    sim.injectFault({ path: '/api/token', status: 200, body });
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expectNoSecrets(error, ['BQleaked-access-token-value', FAKE_REFRESH]);
  });

  it('a success without a usable token → NetworkError', async () => {
    sim.injectFault({ path: '/api/token', status: 200, body: '{"token_type":"Bearer","expires_in":3600}' });
    await expect(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    ).rejects.toBeInstanceOf(NetworkError);
  });

  it('a 4xx that is not an OAuth error body → NetworkError; 429 → TokenRateLimitedError', async () => {
    sim.injectFault({ path: '/api/token', status: 404, body: 'Not here' });
    await expect(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    ).rejects.toBeInstanceOf(NetworkError);
    sim.injectFault({ path: '/api/token', retryAfter: 3 });
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    // Not "offline": Spotify asked to slow down, and said for how long.
    expect(error).toBeInstanceOf(TokenRateLimitedError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: 429, code: 'rate-limited', retryAfterMs: 3_000 });
    expect((error as Error).message).toMatch(/slow down/);
    expect((error as Error).message).toMatch(/in 3 s/);
    expectNoSecrets(error, [FAKE_REFRESH]);
  });

  it('429 without Retry-After → TokenRateLimitedError without a wait', async () => {
    sim.injectFault({ method: 'POST', path: '/api/token', status: 429 });
    const error = await failure(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(TokenRateLimitedError);
    expect((error as TokenRateLimitedError).retryAfterMs).toBeUndefined();
  });

  it('causes keep only the name and code of transport errors', async () => {
    const dead = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const port = (server.address() as AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
    const error = await failure(
      new TokenEndpoint({ accountsUrl: `http://127.0.0.1:${dead}` }).refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    const cause = (error as Error).cause as Error & { code?: string };
    expect(cause.message).not.toMatch(/127\.0\.0\.1|connect/);
    expect(cause.message).toBe(cause.code === undefined ? cause.name : `${cause.name} (${cause.code})`);
  });

  it('times out → NetworkError (a refresh after refreshTimeoutMs)', async () => {
    sim.injectFault({ path: '/api/token', delayMs: 2_000 });
    const slow = new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock, refreshTimeoutMs: 100 });
    const error = await failure(
      slow.refresh({ client: { clientId: SEED_CLIENT_ID }, refreshToken: FAKE_REFRESH, authorizedAt: 0 }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/in time/);
  });

  it('a refresh outlives the exchange timeout: a late answer is read, not cut off', async () => {
    // The answer may carry a rotated refresh token, so a refresh gets far longer than timeoutMs.
    sim.injectFault({ path: '/api/token', delayMs: 400 });
    const error = await failure(
      endpoint(100).refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
      }),
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_grant');
  });

  it('a caller abort → SignInAbortedError', async () => {
    await expect(
      endpoint().refresh({
        client: { clientId: SEED_CLIENT_ID },
        refreshToken: FAKE_REFRESH,
        authorizedAt: 0,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toBeInstanceOf(SignInAbortedError);
  });

  it('refuses a code exchange without secret or verifier', async () => {
    const error = await failure(
      endpoint().exchangeCode({
        client: { clientId: SEED_CLIENT_ID },
        code: 'AQcode-value',
        redirectUri: 'x',
      }),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(tokenRequests()).toBe(0);
  });
});

describe('client credentials', () => {
  it('fetches an app token, reuses it, re-fetches once when expired', async () => {
    const config = loadAuthConfig(
      {
        clientId: SEED_CLIENT_ID,
        clientSecret: SEED_CLIENT_SECRET,
        accountsUrl: sim.accountsUrl,
        apiUrl: sim.apiUrl,
      },
      {},
    );
    const dispatcher = new Agent({ connections: 2 });
    try {
      const app = clientCredentials(config, { clock: sim.clock, dispatcher });
      const first = await app.getAccessToken();
      expect(first.length).toBeGreaterThan(20);
      expect(await app.getAccessToken()).toBe(first);
      expect(tokenRequests()).toBe(1);
      expect(app.expiresAt).toBe(sim.clock.now() + HOUR);

      sim.clock.advance(HOUR);
      const next = await Promise.all(Array.from({ length: 20 }, () => app.getAccessToken()));
      expect(new Set(next).size).toBe(1);
      expect(next[0]).not.toBe(first);
      expect(tokenRequests()).toBe(2);

      app.invalidate(first); // stale: no effect
      expect(await app.getAccessToken()).toBe(next[0]);
      app.invalidate(next[0]);
      await app.getAccessToken();
      expect(tokenRequests()).toBe(3);
    } finally {
      await dispatcher.close();
    }
  });

  it('needs the client secret', () => {
    const config = loadAuthConfig({ clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl }, {});
    expect(() => clientCredentials(config)).toThrow(ConfigError);
  });
});

describe('token request wire format (recorded by a real local server)', () => {
  interface Seen {
    headers: IncomingHttpHeaders;
    form: URLSearchParams;
  }

  async function capture(run: (accountsUrl: string) => Promise<unknown>): Promise<Seen> {
    let seen: Seen | undefined;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { headers: req.headers, form: new URLSearchParams(body) };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'BQx', token_type: 'bearer', expires_in: 60, scope: 'a b' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    } finally {
      await new Promise((r) => server.close(r));
    }
    if (!seen) throw new Error('no request');
    return seen;
  }

  it('PKCE exchange: client_id and code_verifier in the form, no Authorization', async () => {
    let token: unknown;
    const seen = await capture(async (accountsUrl) => {
      token = await new TokenEndpoint({ accountsUrl, clock: { now: () => 1_000 } }).exchangeCode({
        client: { clientId: 'cid' },
        code: 'AQcode',
        redirectUri: 'http://127.0.0.1:5555/callback',
        codeVerifier: 'v'.repeat(43),
        authorizedAt: 500,
      });
    });
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(seen.form)).toEqual({
      grant_type: 'authorization_code',
      code: 'AQcode',
      redirect_uri: 'http://127.0.0.1:5555/callback',
      code_verifier: 'v'.repeat(43),
      client_id: 'cid',
    });
    expect(token).toEqual({
      accessToken: 'BQx',
      tokenType: 'Bearer',
      scopes: ['a', 'b'],
      expiresAt: 61_000,
      authorizedAt: 500,
    });
  });

  it('PKCE refresh: client_id in the form, no Authorization', async () => {
    const seen = await capture((accountsUrl) =>
      new TokenEndpoint({ accountsUrl }).refresh({
        client: { clientId: 'cid' },
        refreshToken: 'AQr',
        authorizedAt: 0,
      }),
    );
    expect(seen.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(seen.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'AQr',
      client_id: 'cid',
    });
  });

  it('secret flows: HTTP Basic, no client_id or secret in the form', async () => {
    const basic = `Basic ${Buffer.from('cid:sec').toString('base64')}`;
    const refresh = await capture((accountsUrl) =>
      new TokenEndpoint({ accountsUrl }).refresh({
        client: { clientId: 'cid', clientSecret: 'sec' },
        refreshToken: 'AQr',
        authorizedAt: 0,
      }),
    );
    expect(refresh.headers.authorization).toBe(basic);
    expect(Object.fromEntries(refresh.form)).toEqual({ grant_type: 'refresh_token', refresh_token: 'AQr' });
    const cc = await capture((accountsUrl) =>
      new TokenEndpoint({ accountsUrl }).clientCredentials({
        client: { clientId: 'cid', clientSecret: 'sec' },
      }),
    );
    expect(cc.headers.authorization).toBe(basic);
    expect(Object.fromEntries(cc.form)).toEqual({ grant_type: 'client_credentials' });
  });
});
