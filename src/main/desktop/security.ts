import { app, net, protocol, session, type Session } from 'electron';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN } from '../ipc/index.ts';

/**
 * The renderer's trust boundary: a strict CSP on everything it loads, no navigation, no new windows, no
 * permissions, and in production the `app://traytune` scheme serving only the built renderer files.
 */

const APP_SCHEME = new URL(APP_ORIGIN).protocol.slice(0, -1);

/** Spotify's image CDNs (cover art); everything else the renderer needs is its own. */
const IMAGE_HOSTS = 'https://i.scdn.co https://*.scdn.co https://*.spotifycdn.com';

export function contentSecurityPolicy(devServerUrl: string | undefined): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Vite injects styles as <style> elements in development only.
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    `img-src 'self' data: ${IMAGE_HOSTS}`,
    "font-src 'self'",
    // Vite's hot reload talks over a WebSocket to its own dev server.
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Must run before `app` is ready: `app://` as a standard, secure scheme (a real origin, fetch, CSP). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `app://traytune/<path>` from the renderer directory, nothing outside it, with the CSP header. */
export function serveRenderer(rendererDir: string, csp: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response(null, { status: 404 });
    const file = resolve(root, `.${decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)}`);
    if (file !== root && !file.startsWith(root + sep)) return new Response(null, { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Adds the CSP to http(s) responses too (the dev server) and refuses every permission request. */
export function hardenSession(csp: string, target: Session = session.defaultSession): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/** No web contents of the app navigates away or opens a window; links go through the allow-listed opener. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
