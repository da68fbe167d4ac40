import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SpotifyDispatcher } from '../../../src/main/net/index.ts';
import { signIn, startApp, type AppHarness } from '../app/harness.ts';
import { createTestPki } from './certificates.ts';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy.ts';

// The app as the desktop builds it: one SpotifyDispatcher handed to TraytuneApp carries sign-in, the
// restore (refresh) of a later run and every Web API call through the proxy.

let h: AppHarness | undefined;
let proxy: LoopbackProxy | undefined;
let shared: SpotifyDispatcher | undefined;

afterEach(async () => {
  await h?.close();
  await shared?.destroy();
  await proxy?.close();
  h = undefined;
  shared = undefined;
  proxy = undefined;
});

const paths = (lines: readonly string[]): string[] =>
  lines.map((line) => {
    const [method = '', url = ''] = line.split(' ');
    return `${method} ${new URL(url).pathname}`;
  });

describe('TraytuneApp with a shared SpotifyDispatcher', () => {
  it('signs in, reads the player and restores in a later run, all through the proxy', async () => {
    proxy = await startLoopbackProxy();
    shared = new SpotifyDispatcher({ network: { proxy: proxy.url, systemCa: false } });
    h = await startApp({ deps: { dispatcher: shared } });
    await signIn(h);
    await h.clock.settle();
    const seen = paths(proxy.forwarded);
    expect(seen).toContain('POST /api/token');
    expect(seen.some((line) => line.startsWith('GET /v1/me/player'))).toBe(true);
    // Every request the simulator counted came through the proxy (the consent page is the browser's).
    const apiRequests = h.sim.requests.count({ path: '/v1/me/player' });
    expect(apiRequests).toBeGreaterThan(0);
    expect(seen.filter((line) => line === 'GET /v1/me/player')).toHaveLength(apiRequests);

    await h.app.stop();
    const before = proxy.forwarded.length;
    const again = await h.restart();
    await h.clock.settle();
    expect(again.getState().account).toBe('signed-in');
    expect(paths(proxy.forwarded.slice(before))).toContain('GET /v1/me/player');
  });
});

describe('TraytuneApp over HTTPS under a test CA, through the proxy', () => {
  it('signs in and plays, trusting the test CA it was given', async () => {
    const pki = await createTestPki();
    const browserAgent = new Agent({ connect: { ca: pki.caCert } });
    try {
      proxy = await startLoopbackProxy();
      shared = new SpotifyDispatcher({ network: { proxy: proxy.url, ca: [pki.caCert], systemCa: false } });
      h = await startApp({
        simulator: { tls: pki.server },
        consent: { accountsDispatcher: browserAgent },
        deps: { dispatcher: shared },
      });
      expect(h.sim.accountsUrl).toMatch(/^https:/);
      await signIn(h);
      await h.clock.settle();
      expect(h.sim.player.snapshot().isPlaying).toBe(false);

      const result = await h.app.handlers['player:togglePlay'](undefined);
      expect(result).toMatchObject({ ok: true });
      await h.clock.settle();
      expect(h.sim.player.snapshot().isPlaying).toBe(true);
      // HTTPS through a proxy is tunnelled: the token exchange and the Web API went by CONNECT to the simulator.
      const simHost = new URL(h.sim.url).host;
      expect(proxy.connects.length).toBeGreaterThan(0);
      expect(new Set(proxy.connects)).toEqual(new Set([simHost]));
    } finally {
      await browserAgent.close();
    }
  });
});
