import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  NetworkError,
  OAuthError,
  PortInUseError,
  SignInAbortedError,
  SignInTimeoutError,
} from '../../../src/main/auth/errors.ts';
import { startLoopbackListener, type LoopbackListener } from '../../../src/main/auth/loopback-listener.ts';
import { ipv6Available } from './helpers.ts';

const STATE = 'c3RhdGUtZm9yLXRoZS10ZXN0';
const CODE = 'AQsecret-authorization-code';

const listeners: LoopbackListener[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(
  options: Partial<Parameters<typeof startLoopbackListener>[0]> = {},
): Promise<LoopbackListener> {
  const listener = await startLoopbackListener({
    redirectUri: 'http://127.0.0.1/callback',
    expectedState: STATE,
    ...options,
  });
  listeners.push(listener);
  return listener;
}

function callbackUrl(listener: LoopbackListener, params: Record<string, string>): string {
  return `${listener.redirectUri}?${new URLSearchParams(params)}`;
}

/** What a browser does: hit the callback, then follow the redirect to the page. */
async function browse(
  url: string,
): Promise<{ first: Response; page: Response; pageUrl: string; body: string }> {
  const first = await fetch(url, { redirect: 'manual' });
  const location = first.headers.get('location');
  expect(location).not.toBeNull();
  const pageUrl = new URL(location!, url).toString();
  const page = await fetch(pageUrl);
  return { first, page, pageUrl, body: await page.text() };
}

/** As browse(), for a code the caller exchanges: the page answers once finish() has been called. */
async function browseAndFinish(
  l: LoopbackListener,
  url: string,
): Promise<{ first: Response; page: Response; pageUrl: string; body: string }> {
  const browsing = browse(url);
  await l.result;
  l.finish({ ok: true });
  return browsing;
}

/** A raw GET with headers fetch() will not send (Host), answered with status and body. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

function expectSafeHeaders(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-security-policy')).toBe(
    "default-src 'none'; style-src 'unsafe-inline'",
  );
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('loopback listener', () => {
  it('binds 127.0.0.1 on an ephemeral port and puts that port in the redirect URI', async () => {
    const l = await start();
    expect(l.host).toBe('127.0.0.1');
    expect(l.port).toBeGreaterThan(0);
    expect(l.redirectUri).toBe(`http://127.0.0.1:${l.port}/callback`);
  });

  it('uses a fixed port when the redirect URI has one', async () => {
    const port = await freePort();
    const l = await start({ redirectUri: `http://127.0.0.1:${port}/callback` });
    expect(l.port).toBe(port);
    expect(l.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
  });

  it('receives the code, redirects to a clean page with safe headers, then closes', async () => {
    const l = await start();
    const { first, page, pageUrl, body } = await browseAndFinish(
      l,
      callbackUrl(l, { code: CODE, state: STATE }),
    );
    expect(first.status).toBe(303);
    expectSafeHeaders(first);
    await expect(l.result).resolves.toEqual({ code: CODE });

    expect(pageUrl).toBe(`http://127.0.0.1:${l.port}/done`);
    expect(pageUrl).not.toContain(CODE);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectSafeHeaders(page);
    expect(body).toContain('Connected to Spotify');
    expect(body).not.toContain(CODE);
    expect(body).not.toContain(STATE);

    await l.closed;
    expect(await refused(callbackUrl(l, { code: CODE, state: STATE }))).toBe(true);
  });

  it('answers a second callback with 410 while the page is still pending', async () => {
    const l = await start();
    const first = await fetch(callbackUrl(l, { code: CODE, state: STATE }), { redirect: 'manual' });
    expect(first.status).toBe(303);
    const second = await fetch(callbackUrl(l, { code: 'other', state: STATE }), { redirect: 'manual' });
    expect(second.status).toBe(410);
    expectSafeHeaders(second);
    await expect(l.result).resolves.toEqual({ code: CODE });
  });

  it('ignores favicon, other paths, other methods and a bare callback path', async () => {
    const l = await start();
    const base = `http://127.0.0.1:${l.port}`;
    const favicon = await fetch(`${base}/favicon.ico`);
    expect(favicon.status).toBe(404);
    expectSafeHeaders(favicon);
    expect((await fetch(`${base}/other?code=x&state=${STATE}`)).status).toBe(404);
    expect((await fetch(`${base}/done`)).status).toBe(404);
    expect((await fetch(l.redirectUri, { method: 'POST', body: 'code=x' })).status).toBe(405);
    expect((await fetch(l.redirectUri)).status).toBe(400);

    const { body } = await browseAndFinish(l, callbackUrl(l, { code: CODE, state: STATE }));
    expect(body).toContain('Connected');
    await expect(l.result).resolves.toEqual({ code: CODE });
  });

  it('a wrong state gets an error page and does not end the attempt: the right one still does', async () => {
    const l = await start();
    let settled = false;
    void l.result.then(
      () => (settled = true),
      () => (settled = true),
    );
    const strays: Record<string, string>[] = [
      { code: CODE, state: 'forged' },
      { state: 'stale-tab' },
      { error: 'access_denied', state: 'forged' },
    ];
    for (const params of strays) {
      const stray = await fetch(callbackUrl(l, params), { redirect: 'manual' });
      expect(stray.status).toBe(400);
      expectSafeHeaders(stray);
      const body = await stray.text();
      expect(body).toContain('did not match');
      expect(body).not.toContain(CODE);
      expect(body).not.toContain('forged');
    }
    expect(settled).toBe(false);
    const { body } = await browseAndFinish(l, callbackUrl(l, { code: CODE, state: STATE }));
    await expect(l.result).resolves.toEqual({ code: CODE });
    expect(body).toContain('Connected');
  });

  it('says "connected" only once the exchange succeeded; a failed exchange says what failed', async () => {
    const ok = await start();
    let pageShown = false;
    const browsing = browse(callbackUrl(ok, { code: CODE, state: STATE })).then((r) => {
      pageShown = true;
      return r;
    });
    await ok.result;
    // The browser has followed the redirect and is waiting: a request served after it proves the page
    // request reached the listener and was held.
    await fetch(`http://127.0.0.1:${ok.port}/favicon.ico`);
    expect(pageShown).toBe(false);
    ok.finish({ ok: true });
    expect((await browsing).body).toContain('Connected to Spotify');

    const bad = await start();
    const failing = browse(callbackUrl(bad, { code: CODE, state: STATE }));
    await bad.result;
    const error = new NetworkError(
      'Spotify’s sign-in service could not be reached. Check your internet connection.',
    );
    bad.finish({ ok: false, error });
    const { page, body } = await failing;
    expect(page.status).toBe(200);
    expect(body).toContain('Sign-in failed');
    expect(body).toContain('could not be reached');
    expect(body).not.toContain('Connected');
    expect(body).not.toContain(CODE);
  });

  it('refuses a Host that is not the listener (DNS rebinding) and keeps waiting', async () => {
    const l = await start();
    const query = `/callback?${new URLSearchParams({ code: CODE, state: STATE })}`;
    for (const host of [`evil.example:${l.port}`, `localhost:${l.port}`, '127.0.0.1:1']) {
      const res = await rawGet(l.port, query, { Host: host });
      expect(res.status).toBe(421);
      expect(res.body).not.toContain(CODE);
    }
    const ok = await rawGet(l.port, query, { Host: `127.0.0.1:${l.port}` });
    expect(ok.status).toBe(303);
    await expect(l.result).resolves.toEqual({ code: CODE });
  });

  it('refuses a cross-site request from a web page (Origin) and keeps waiting', async () => {
    const l = await start();
    const url = callbackUrl(l, { code: CODE, state: STATE });
    for (const origin of ['https://evil.example', 'null', `http://localhost:${l.port}`]) {
      const res = await fetch(url, { redirect: 'manual', headers: { origin } });
      expect(res.status).toBe(403);
      await res.body?.cancel();
    }
    const own = await fetch(url, { redirect: 'manual', headers: { origin: `http://127.0.0.1:${l.port}` } });
    expect(own.status).toBe(303);
    await expect(l.result).resolves.toEqual({ code: CODE });
  });

  it('reports access_denied', async () => {
    const l = await start();
    const { body } = await browse(callbackUrl(l, { error: 'access_denied', state: STATE }));
    await expect(l.result).rejects.toBeInstanceOf(AccessDeniedError);
    expect(body).toContain('Agree');
  });

  it('never reflects callback values into the page unescaped', async () => {
    const l = await start();
    const { body } = await browse(
      callbackUrl(l, {
        error: '<img src=x onerror=alert(1)>',
        error_description: '<script>x</script>',
        state: STATE,
      }),
    );
    await expect(l.result).rejects.toBeInstanceOf(OAuthError);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script>');
  });

  it('picks another page path when the redirect path is /done', async () => {
    const l = await start({ redirectUri: 'http://127.0.0.1/done' });
    const { pageUrl, body } = await browseAndFinish(l, callbackUrl(l, { code: CODE, state: STATE }));
    expect(new URL(pageUrl).pathname).toBe('/signed-in');
    expect(body).toContain('Connected');
  });

  it('reports a fixed port taken by another program', async () => {
    const blocker = createServer((_req, res) => res.end('other app'));
    servers.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    const error = await startLoopbackListener({
      redirectUri: `http://127.0.0.1:${port}/callback`,
      expectedState: STATE,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
    expect((error as Error).message).toContain(String(port));
  });

  it('can be aborted, and then refuses connections', async () => {
    const controller = new AbortController();
    const l = await start({ signal: controller.signal });
    controller.abort();
    await expect(l.result).rejects.toBeInstanceOf(SignInAbortedError);
    await l.closed;
    expect(await refused(callbackUrl(l, { code: CODE, state: STATE }))).toBe(true);
  });

  it('does not start when already aborted', async () => {
    await expect(start({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(SignInAbortedError);
  });

  it('times out with advice about the redirect URI', async () => {
    const l = await start({ timeoutMs: 200 });
    const error = await l.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInTimeoutError);
    expect((error as SignInTimeoutError).redirectUri).toBe(l.redirectUri);
    expect((error as Error).message).toContain('http://127.0.0.1/callback');
    expect((error as Error).message).toContain('Redirect URIs');
    await l.closed;
  });

  it('close() rejects a pending result as aborted', async () => {
    const l = await start();
    await l.close();
    await expect(l.result).rejects.toBeInstanceOf(SignInAbortedError);
  });

  it('closes after the grace period when the browser never fetches the page', async () => {
    const l = await start({ pageGraceMs: 50, resultWaitMs: 50 });
    await fetch(callbackUrl(l, { code: CODE, state: STATE }), { redirect: 'manual' });
    await l.closed;
    expect(await refused(callbackUrl(l, { code: CODE, state: STATE }))).toBe(true);
  });
});

describe.skipIf(!ipv6Available)('loopback listener on [::1]', () => {
  it('binds ::1 and receives the code', async () => {
    const l = await start({ redirectUri: 'http://[::1]/callback' });
    expect(l.host).toBe('::1');
    expect(l.redirectUri).toBe(`http://[::1]:${l.port}/callback`);
    const { pageUrl } = await browseAndFinish(l, callbackUrl(l, { code: CODE, state: STATE }));
    expect(pageUrl).toBe(`http://[::1]:${l.port}/done`);
    await expect(l.result).resolves.toEqual({ code: CODE });
  });
});

describe('loopback listener cancel()', () => {
  it('aborts while waiting', async () => {
    const l = await start();
    l.cancel();
    await expect(l.result).rejects.toBeInstanceOf(SignInAbortedError);
    await l.closed;
  });

  it('keeps the result page reachable once answered', async () => {
    const l = await start();
    const first = await fetch(callbackUrl(l, { error: 'access_denied', state: STATE }), {
      redirect: 'manual',
    });
    await expect(l.result).rejects.toBeInstanceOf(AccessDeniedError);
    l.cancel();
    const page = await fetch(new URL(first.headers.get('location')!, l.redirectUri));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('rejected');
    await l.closed;
  });
});
