import { isLoopbackHostname } from '../util/loopback.ts';
import type { SenderCheck } from './dispatcher.ts';

/**
 * Who may call the IPC contract: the frame URL of every call must belong to one of the app's own renderer
 * origins. Exact comparison, no prefixes or patterns. `file:` URLs have no real origin (every local file
 * would share it), so a `file:` entry allows that one file only.
 */

/** The packaged renderer's origin: a privileged standard scheme registered by the desktop layer. */
export const APP_ORIGIN = 'app://traytune';

export function createOriginCheck(allowedOrigins: readonly string[]): SenderCheck {
  const origins = new Set<string>();
  const files = new Set<string>();
  for (const entry of allowedOrigins) {
    const url = parseUrl(entry);
    if (url === undefined) throw new TypeError('An allowed renderer origin is not a URL.');
    if (url.protocol === 'file:') {
      if (url.host !== '' || url.search !== '' || url.hash !== '') {
        throw new TypeError('An allowed file: renderer must be a plain local file URL.');
      }
      files.add(url.pathname);
      continue;
    }
    const origin = originOf(url);
    if (origin === undefined || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      throw new TypeError('An allowed renderer origin must be scheme://host[:port] and nothing more.');
    }
    origins.add(origin);
  }

  return (senderUrl) => {
    if (typeof senderUrl !== 'string' || senderUrl === '') return false;
    const url = parseUrl(senderUrl);
    if (url === undefined) return false;
    if (url.protocol === 'file:') return url.host === '' && files.has(url.pathname);
    const origin = originOf(url);
    return origin !== undefined && origins.has(origin);
  };
}

/**
 * The origins of the app's renderer: always `app://traytune`, plus electron-vite's dev server when one is
 * given (pass `ELECTRON_RENDERER_URL` only in unpackaged runs). The dev server must be on loopback, so an
 * environment variable can never open the contract to a remote site.
 */
export function rendererOrigins(options: { readonly devServerUrl?: string | undefined } = {}): string[] {
  const origins = [APP_ORIGIN];
  const dev = options.devServerUrl;
  if (dev !== undefined && dev !== '') {
    const url = parseUrl(dev);
    const origin = url === undefined ? undefined : originOf(url);
    if (
      url === undefined ||
      origin === undefined ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      !isLoopbackHostname(url.hostname)
    ) {
      throw new TypeError('ELECTRON_RENDERER_URL must be an http(s) URL on localhost or 127.0.0.1.');
    }
    origins.push(origin);
  }
  return origins;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * `scheme://host[:port]`, or undefined when the URL has no host or carries credentials. Node's `URL.origin`
 * is "null" for custom schemes such as `app:`, so the origin is built from the parts instead.
 */
function originOf(url: URL): string | undefined {
  if (url.username !== '' || url.password !== '' || url.host === '') return undefined;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  if (url.protocol === 'blob:' || url.protocol === 'data:' || url.protocol === 'javascript:')
    return undefined;
  return `${url.protocol}//${url.host}`;
}
