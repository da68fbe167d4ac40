import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  PRELOAD_SCRIPT_PATH,
  PreloadInjectionError,
  injectPreloadScript,
  wrapPreload,
} from '../../../dev/harness/preload-script.ts';

const TAG = `<script src="${PRELOAD_SCRIPT_PATH}"></script>`;

/** A stand-in for the page bundle: what the wrapper expects of it (a named global with requireInPreload). */
const PAGE_BUNDLE = `"use strict";
var TraytuneHarnessPreloadPage = { requireInPreload: function (id) { return { required: id }; } };`;

describe('wrapPreload', () => {
  it('runs the preload as CommonJS with the page’s require, in its own sloppy-mode scope', () => {
    const preload = [
      'var electron = require("electron");',
      'function topLevel() {}',
      // Sloppy mode, as Electron runs a preload without "use strict": `this` in a plain call is the global.
      'world.result = { electron: electron, sloppy: (function () { return this; })() === globalThis, ' +
        'hasExports: module.exports === exports };',
      'module.exports.loaded = true;',
    ].join('\n');
    const world: Record<string, unknown> = {};
    const context: Record<string, unknown> = { world };
    runInNewContext(wrapPreload(PAGE_BUNDLE, preload), context);

    expect(world['result']).toEqual({ electron: { required: 'electron' }, sloppy: true, hasExports: true });
    // Nothing of the preload or the wrapper lands on the page's global.
    for (const name of [
      'electron',
      'topLevel',
      'require',
      'module',
      'exports',
      'TraytuneHarnessPreloadPage',
    ]) {
      expect(context, name).not.toHaveProperty(name);
    }
  });

  it('keeps the preload byte for byte, a trailing line comment included', () => {
    const preload = 'world.ran = true;\n//# sourceMappingURL=index.cjs.map';
    const script = wrapPreload(PAGE_BUNDLE, preload);
    expect(script).toContain(preload);
    const world: Record<string, unknown> = {};
    runInNewContext(script, { world });
    expect(world['ran']).toBe(true);
  });
});

describe('injectPreloadScript', () => {
  it('puts the preload right after the CSP meta tag, before the renderer’s scripts', () => {
    const html = [
      '<!doctype html><html><head>',
      '<meta charset="utf-8" />',
      '<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src \'self\'; script-src \'self\'"\n/>',
      '<script type="module" crossorigin src="./assets/index.js"></script>',
      '</head><body></body></html>',
    ].join('\n');
    const page = injectPreloadScript(html);
    const csp = page.indexOf('Content-Security-Policy');
    const preload = page.indexOf(TAG);
    expect(preload).toBeGreaterThan(csp);
    expect(preload).toBeLessThan(page.indexOf('<script type="module"'));
    expect(page.replace(`\n    ${TAG}`, '')).toBe(html);
  });

  it('falls back to the start of <head> without a CSP, or when a script comes before it', () => {
    expect(injectPreloadScript('<html><head lang="en"><title>x</title></head></html>')).toBe(
      `<html><head lang="en">\n    ${TAG}<title>x</title></head></html>`,
    );
    const late =
      '<head><script src="a.js"></script><meta http-equiv="Content-Security-Policy" content="x"></head>';
    expect(injectPreloadScript(late).indexOf(TAG)).toBeLessThan(injectPreloadScript(late).indexOf('a.js'));
  });

  it('refuses a page without <head>', () => {
    expect(() => injectPreloadScript('<body></body>')).toThrow(PreloadInjectionError);
  });
});
