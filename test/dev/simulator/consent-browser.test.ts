import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { VERIFIER, authorizeUrl, pkceParams, postToken } from './helpers.ts';

// Debian's Chromium, as on the development and CI machines (docs/ARCHITECTURE.md).
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const noChromium = !existsSync(CHROMIUM);
if (noChromium) {
  console.warn(
    `[chromium] skipping "consent page in a real browser": no ${CHROMIUM} (set CHROMIUM_PATH; Debian: apt-get install chromium).`,
  );
}

describe.skipIf(noChromium)('consent page in a real browser', () => {
  let browser: Browser;
  let sim: Simulator;
  let callback: Server;
  let redirectUri: string;
  let received: Promise<URL>;
  let hits: number;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });
  afterAll(() => browser.close());

  beforeEach(async () => {
    sim = await startSimulator();
    // A one-shot loopback listener, like the app's.
    let resolve: (url: URL) => void = () => {};
    received = new Promise((r) => (resolve = r));
    hits = 0;
    callback = createServer((req, res) => {
      hits += 1;
      res.end('You can close this window.');
      resolve(new URL(req.url ?? '/', redirectUri));
    });
    await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
    redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  });
  afterEach(async () => {
    callback.closeAllConnections();
    await new Promise((r) => callback.close(r));
    await sim.close();
  });

  it('Agree lands on the loopback callback with a code that exchanges for tokens', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl(sim, pkceParams({ redirect_uri: redirectUri })));
    await page.getByRole('button', { name: 'Agree' }).click();
    const url = await received;
    expect(url.searchParams.get('state')).toBe('st-123');
    const answer = await postToken(sim, {
      grant_type: 'authorization_code',
      code: url.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      client_id: pkceParams()['client_id'],
      code_verifier: VERIFIER,
    });
    expect(answer.status).toBe(200);
    await page.close();
  });

  it('Cancel lands on the callback with error=access_denied', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl(sim, pkceParams({ redirect_uri: redirectUri })));
    await page.getByRole('button', { name: 'Cancel' }).click();
    const url = await received;
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('st-123');
    await page.close();
  });

  it('shows the redirect-URI error in the page and never calls back', async () => {
    const page = await browser.newPage();
    await page.goto(
      authorizeUrl(sim, pkceParams({ redirect_uri: redirectUri.replace('127.0.0.1', 'localhost') })),
    );
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'INVALID_CLIENT: Insecure redirect URI',
    );
    expect(page.url()).toContain(sim.url);
    expect(hits).toBe(0);
    await page.close();
  });
});
