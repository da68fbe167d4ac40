/**
 * The page the harness serves runs the preload users get: out/preload/index.cjs as electron-vite built it,
 * before the renderer, under the renderer's CSP, through the renderer-side electron double. These checks
 * fail if the page got its `window.traytune` any other way.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { HARNESS_CLOSED_CODE, HARNESS_CLOSED_MESSAGE } from '../../dev/harness/ipc-renderer-double.ts';
import { PRELOAD_SCRIPT_PATH } from '../../dev/harness/preload-script.ts';
import { SEED_CLIENT_ID } from '../../dev/simulator/index.ts';
import { INVOKE_CHANNELS } from '../../src/shared/ipc/channels.ts';
import type { AppState } from '../../src/shared/app-state.ts';
import { openPlayer, simHarness, type SimHarness } from './support/harness.ts';

const BUILT_PRELOAD = new URL('../../out/preload/index.cjs', import.meta.url);

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

test('the page loads out/preload/index.cjs byte for byte, before the renderer, within its CSP', async ({
  page,
}) => {
  harness = await simHarness();
  // Recorded from before the first script of the page runs (Playwright's init script is outside the CSP).
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: violations });
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await openPlayer(page, harness);

  const served = await page.request.get(new URL(PRELOAD_SCRIPT_PATH, harness.url).href);
  expect(served.ok()).toBe(true);
  expect(await served.text()).toContain(await readFile(BUILT_PRELOAD, 'utf8'));

  const html = await (await page.request.get(harness.url)).text();
  const csp = html.search(/http-equiv="Content-Security-Policy"/);
  const preloadTag = html.indexOf(`<script src="${PRELOAD_SCRIPT_PATH}"></script>`);
  const rendererScript = html.search(/<script type="module"/);
  expect(csp, 'the renderer keeps its CSP').toBeGreaterThan(-1);
  expect(preloadTag).toBeGreaterThan(csp);
  expect(preloadTag).toBeLessThan(rendererScript);

  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([]);
});

test('window.traytune is what contextBridge exposed: the contract’s channels, frozen, read-only', async ({
  page,
}) => {
  harness = await simHarness();
  await openPlayer(page, harness);

  const exposed = await page.evaluate(() => {
    const api = (window as unknown as { traytune: Record<string, unknown> }).traytune;
    const methods: string[] = [];
    let frozen = Object.isFrozen(api);
    for (const [group, value] of Object.entries(api)) {
      if (typeof value === 'function') {
        methods.push(group);
        continue;
      }
      frozen &&= Object.isFrozen(value);
      for (const [name, method] of Object.entries(value as Record<string, unknown>)) {
        if (typeof method === 'function') methods.push(`${group}:${name}`);
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(window, 'traytune');
    return {
      methods: methods.sort(),
      frozen,
      writable: descriptor?.writable,
      configurable: descriptor?.configurable,
      // The preload's CommonJS scope stays its own, as in its isolated world.
      leaked: ['require', 'module', 'exports', 'electron', 'createTraytuneApi'].filter(
        (name) => name in window,
      ),
    };
  });
  expect(exposed).toEqual({
    methods: [...INVOKE_CHANNELS, 'on'].sort(),
    frozen: true,
    writable: false,
    configurable: false,
    leaked: [],
  });
});

test('a refused call rejects with the preload’s plain error object, as contextBridge delivers it', async ({
  page,
}) => {
  harness = await simHarness();
  await openPlayer(page, harness);

  const rejection = await page.evaluate(async () => {
    const api = (
      window as unknown as { traytune: { app: { setClientId(input: unknown): Promise<unknown> } } }
    ).traytune;
    try {
      await api.app.setClientId({ clientId: 42 });
      return 'resolved';
    } catch (error) {
      const { name, code, message } = error as { name: unknown; code: unknown; message: unknown };
      // An Error would have lost its code crossing the bridge: the preload rejects with plain objects.
      return { isError: error instanceof Error, name, code, hasMessage: typeof message === 'string' };
    }
  });
  expect(rejection).toEqual({ isError: false, name: 'IpcError', code: 'validation', hasMessage: true });
});

test('a pushed event reaches a page listener through ipcRenderer.on', async ({ page }) => {
  harness = await simHarness();
  await openPlayer(page, harness);

  const received = await page.evaluate(async (clientId) => {
    type Api = {
      app: { setClientId(input: { clientId: string }): Promise<unknown> };
      on(event: 'app:state', listener: (state: AppState) => void): () => void;
    };
    const api = (window as unknown as { traytune: Api }).traytune;
    const state = await new Promise<AppState>((resolve) => {
      const off = api.on('app:state', (next) => {
        if (next.clientId !== clientId) return;
        off();
        resolve(next);
      });
      void api.app.setClientId({ clientId });
    });
    return { clientId: state.clientId, frozen: Object.isFrozen(state) };
  }, SEED_CLIENT_ID);
  // Copied across the bridge for the page, not frozen: only the exposed API is.
  expect(received).toEqual({ clientId: SEED_CLIENT_ID, frozen: false });
});

test('a call made after the harness stopped fails at once, with what to do, as an IpcError', async ({
  page,
}) => {
  harness = await simHarness();
  await openPlayer(page, harness);
  await harness.close();
  harness = undefined;

  // Awaited, not timed: a call left hanging would fail the test at its timeout.
  const rejection = await page.evaluate(async () => {
    const api = (window as unknown as { traytune: { app: { getState(): Promise<unknown> } } }).traytune;
    try {
      await api.app.getState();
      return 'resolved';
    } catch (error) {
      const { name, code, message } = error as { name: unknown; code: unknown; message: unknown };
      return { name, code, message };
    }
  });
  expect(rejection).toEqual({
    name: 'IpcError',
    code: HARNESS_CLOSED_CODE,
    message: HARNESS_CLOSED_MESSAGE,
  });
});
