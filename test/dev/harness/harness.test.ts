/** What the harness serves from electron-vite's output, with a stand-in out/ folder per test. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessNotBuiltError } from '../../../dev/harness/build-output.ts';
import { startHarness, type Harness } from '../../../dev/harness/harness.ts';
import { PRELOAD_SCRIPT_PATH } from '../../../dev/harness/preload-script.ts';
import { mediaKeysLine, shortcutLine } from '../../../src/renderer/shortcut-status.ts';
import { MEDIA_KEY_IDS, SHORTCUT_ACTIONS } from '../../../src/shared/settings.ts';

const INDEX_HTML = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'" />
<script type="module" src="./assets/index.js"></script>
</head><body></body></html>`;
/** Not a preload that runs anywhere: what matters here is that it arrives unchanged. */
const PRELOAD = 'let electron = require("electron");\n// a marker only this file has: 7f3a\n';

const dirs: string[] = [];
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function outDir(files: { renderer?: boolean; preload?: boolean }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'traytune-harness-'));
  dirs.push(dir);
  if (files.renderer === true) {
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), INDEX_HTML);
  }
  if (files.preload === true) {
    await mkdir(join(dir, 'preload'));
    await writeFile(join(dir, 'preload', 'index.cjs'), PRELOAD);
  }
  return dir;
}

describe('startHarness', () => {
  it('refuses to start without out/preload/index.cjs, and says how to build it', async () => {
    const dir = await outDir({ renderer: true });
    const failure = startHarness({ outDir: dir });
    await expect(failure).rejects.toThrow(HarnessNotBuiltError);
    await expect(failure).rejects.toMatchObject({
      path: join(dir, 'preload', 'index.cjs'),
      message: expect.stringMatching(
        /preload[/\\]index\.cjs is missing: run `npm run build` first\.$/,
      ) as unknown,
    });
  });

  it('refuses to start without the built renderer', async () => {
    const dir = await outDir({ preload: true });
    await expect(startHarness({ outDir: dir })).rejects.toMatchObject({
      name: 'HarnessNotBuiltError',
      path: join(dir, 'renderer', 'index.html'),
    });
  });

  it('serves the preload unchanged in its wrapper, and the page loads it before the renderer', async () => {
    harness = await startHarness({ outDir: await outDir({ renderer: true, preload: true }) });
    const script = await fetch(new URL(PRELOAD_SCRIPT_PATH, harness.url));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain(PRELOAD);

    const page = await (await fetch(harness.url)).text();
    const tag = page.indexOf(`<script src="${PRELOAD_SCRIPT_PATH}"></script>`);
    expect(tag).toBeGreaterThan(page.indexOf('Content-Security-Policy'));
    expect(tag).toBeLessThan(page.indexOf('<script type="module"'));
  });

  it('reports every global shortcut as unavailable, the reason the settings page shows', async () => {
    harness = await startHarness({ outDir: await outDir({ renderer: true, preload: true }) });
    await harness.app.handlers['settings:update']({ shortcuts: { playPause: 'Control+Alt+P' } });
    const status = await harness.app.handlers['settings:shortcutStatus'](undefined);
    expect(Object.keys(status).sort()).toEqual([...SHORTCUT_ACTIONS, ...MEDIA_KEY_IDS].sort());
    expect(new Set(Object.values(status))).toEqual(new Set(['unavailable']));
    expect(
      shortcutLine({ bound: true, local: undefined, reported: status.playPause, platform: 'linux' }),
    ).toEqual({
      text: 'Not available outside the desktop app',
      tone: 'off',
    });
    expect(mediaKeysLine(status)).toBe('Media keys: Not available outside the desktop app.');
  });
});
