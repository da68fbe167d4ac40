import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  OAuthError,
  PortInUseError,
  SignInAbortedError,
  SignInTimeoutError,
  StateMismatchError,
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
    const { first, page, pageUrl, body } = await browse(callbackUrl(l, { code: CODE, state: STATE }));
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

    const { body } = await browse(callbackUrl(l, { code: CODE, state: STATE }));
    expect(body).toContain('Connected');
    await expect(l.result).resolves.toEqual({ code: CODE });
  });

  it('rejects a wrong state: the attempt fails and the page says so', async () => {
    const l = await start();
    const { first, pageUrl, page, body } = await browse(callbackUrl(l, { code: CODE, state: 'forged' }));
    expect(first.status).toBe(303);
    await expect(l.result).rejects.toBeInstanceOf(StateMismatchError);
    expect(pageUrl).toBe(`http://127.0.0.1:${l.port}/failed`);
    expect(page.status).toBe(200);
    expectSafeHeaders(page);
    expect(body).toContain('rejected');
    expect(body).not.toContain(CODE);
    expect(body).not.toContain('forged');
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
    const { pageUrl, body } = await browse(callbackUrl(l, { code: CODE, state: STATE }));
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
    const l = await start({ pageGraceMs: 50 });
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
    const { pageUrl } = await browse(callbackUrl(l, { code: CODE, state: STATE }));
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
    const first = await fetch(callbackUrl(l, { code: CODE, state: 'wrong' }), { redirect: 'manual' });
    await expect(l.result).rejects.toBeInstanceOf(StateMismatchError);
    l.cancel();
    const page = await fetch(new URL(first.headers.get('location')!, l.redirectUri));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('rejected');
    await l.closed;
  });
});
