import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/**
 * The script that runs the built preload in the harness page, as Electron runs a sandboxed preload: before
 * any of the page's scripts, in a CommonJS wrapper whose `require('electron')` is the renderer-side double
 * (preload-page.ts). out/preload/index.cjs goes in unmodified; only the wrapper is the harness's.
 */

/** Where the page loads it from (a file on the page's own origin, so the renderer's CSP allows it). */
export const PRELOAD_SCRIPT_PATH = '/__harness/preload.js';

/** The global name the page bundle is assigned to, inside the wrapper's own scope only. */
const PAGE_BUNDLE_NAME = 'TraytuneHarnessPreloadPage';

/** Thrown when the renderer's index.html has no `<head>` to put the preload's script tag in. */
export class PreloadInjectionError extends Error {
  override readonly name = 'PreloadInjectionError';
  constructor() {
    super('The built index.html has no <head>, so the harness cannot load the preload before the renderer.');
  }
}

/** The served script: the page bundle and out/preload/index.cjs (as given) in the CommonJS wrapper. */
export async function buildPreloadScript(preloadSource: string): Promise<string> {
  return wrapPreload(await buildPageBundle(), preloadSource);
}

export function wrapPreload(pageBundle: string, preloadSource: string): string {
  // Each part in its own function: the page bundle's "use strict" stays in its scope, and the preload's
  // top-level declarations stay out of the page's global, as in its own world under contextIsolation.
  return [
    "// Traytune harness: out/preload/index.cjs in a sandboxed preload's CommonJS wrapper (dev/harness/preload-script.ts).",
    '(function () {',
    `var require = (function () {\n${pageBundle}\nreturn ${PAGE_BUNDLE_NAME}.requireInPreload;\n})();`,
    'var module = { exports: {} };',
    '(function (exports, require, module) {',
    preloadSource,
    '})(module.exports, require, module);',
    '})();',
    '',
  ].join('\n');
}

/**
 * index.html with the preload's script tag first thing after the CSP meta tag (so the CSP covers it and
 * the WebSocket it opens), before every script of the renderer: a classic script blocks the parser, so
 * the preload has run before the renderer's module script starts.
 */
export function injectPreloadScript(indexHtml: string): string {
  const tag = `<script src="${PRELOAD_SCRIPT_PATH}"></script>`;
  const csp = /<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(indexHtml);
  const firstScript = indexHtml.search(/<script[\s>]/i);
  if (csp !== null && (firstScript === -1 || csp.index < firstScript)) {
    const end = csp.index + csp[0].length;
    return `${indexHtml.slice(0, end)}\n    ${tag}${indexHtml.slice(end)}`;
  }
  const head = /<head(\s[^>]*)?>/i.exec(indexHtml);
  if (head === null) throw new PreloadInjectionError();
  const end = head.index + head[0].length;
  return `${indexHtml.slice(0, end)}\n    ${tag}${indexHtml.slice(end)}`;
}

/** Thrown when bundling preload-page.ts produced no script (vite's own build errors pass through). */
class PreloadPageBuildError extends Error {
  override readonly name = 'PreloadPageBuildError';
  constructor() {
    super('The harness could not bundle dev/harness/preload-page.ts for the page. Reinstall with `npm ci`.');
  }
}

let pageBundle: Promise<string> | undefined;

/** preload-page.ts and what it imports, as one classic script (built once per process, in memory). */
function buildPageBundle(): Promise<string> {
  pageBundle ??= bundlePage().catch((error: unknown) => {
    pageBundle = undefined;
    throw error;
  });
  return pageBundle;
}

async function bundlePage(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./preload-page.ts', import.meta.url)),
        formats: ['iife'],
        name: PAGE_BUNDLE_NAME,
        fileName: 'preload-page',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new PreloadPageBuildError();
  return chunk.code;
}
