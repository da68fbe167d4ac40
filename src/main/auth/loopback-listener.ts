import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCallbackParams, type CallbackResult } from './callback.ts';
import {
  AuthError,
  PortInUseError,
  RedirectUriError,
  SignInAbortedError,
  SignInTimeoutError,
  StateMismatchError,
} from './errors.ts';
import {
  loopbackBinding,
  parseRedirectUri,
  redirectUriWithPort,
  type LoopbackRedirectUri,
  type RedirectUri,
} from './redirect-uri.ts';
import { PAGE_HEADERS, renderPage } from './result-page.ts';

/** The page for any request that is not the callback this listener waits for. */
const NOT_OURS = 'This address is not used by Traytune.';

/**
 * "Authorize locally": a one-shot HTTP listener on the loopback redirect URI (RFC 8252 §7.3).
 * Only a request on the redirect path carrying this attempt's `state` decides it; one with another state
 * (a stray tab, a forged link) gets an error page and the listener keeps waiting. Requests must name the
 * listener itself in `Host` (no DNS rebinding) and must not come from another site's page (`Origin`).
 * The deciding request is answered with a 303 to a clean page (/done or /failed) so the code does not
 * stay in the address bar. On success that page waits for `finish()`: it says "connected" only once the
 * caller's code exchange has succeeded, and what failed otherwise. The listener closes after serving it
 * (or after a grace period when the browser never asks for it).
 */

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_PAGE_GRACE_MS = 10_000;
/** How long the success page waits for finish() before it shows a neutral page. */
const DEFAULT_RESULT_WAIT_MS = 60_000;

/** What the caller did with the code, for the browser tab. */
export type ExchangeOutcome = { ok: true } | { ok: false; error: AuthError };

export interface LoopbackListenerOptions {
  /** The configured redirect URI (string or already parsed). Must be a loopback http URI. */
  redirectUri: string | RedirectUri;
  /** The `state` sent to /authorize. */
  expectedState: string;
  signal?: AbortSignal;
  /** Time allowed for the callback to arrive, counted from start. */
  timeoutMs?: number;
  /** How long the result page stays reachable after the callback (after finish() on success). */
  pageGraceMs?: number;
  /** How long the success page waits for finish() before it gives a neutral answer. */
  resultWaitMs?: number;
}

export interface LoopbackListener {
  /** The redirect URI with the bound port: send exactly this to /authorize and /api/token. */
  readonly redirectUri: string;
  readonly host: string;
  readonly port: number;
  /** Settles once: the code, or a typed AuthError (state mismatch, access denied, timeout, abort…). */
  readonly result: Promise<CallbackResult>;
  /** Resolves when the server and all its connections are closed. */
  readonly closed: Promise<void>;
  /**
   * Gives up waiting: a pending result rejects with SignInAbortedError and the listener closes. Once the
   * answer has arrived this does nothing, so the browser can still load the result page.
   */
  cancel(): void;
  /** Closes now, result page or not. A still-pending result rejects with SignInAbortedError. */
  close(): Promise<void>;
  /**
   * After a code was received: what the browser tab says, once the caller has exchanged it. Until then
   * the tab waits; `{ ok: false, error }` shows the error's message (which never holds a secret).
   */
  finish(outcome: ExchangeOutcome): void;
}

type Phase = 'waiting' | 'answered' | 'closed';

export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const parsed =
    typeof options.redirectUri === 'string' ? parseRedirectUri(options.redirectUri) : options.redirectUri;
  const binding = loopbackBinding(parsed);
  const redirect = parsed as LoopbackRedirectUri;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  const pageGraceMs = options.pageGraceMs ?? DEFAULT_PAGE_GRACE_MS;
  const resultWaitMs = options.resultWaitMs ?? DEFAULT_RESULT_WAIT_MS;
  const { signal } = options;
  if (signal?.aborted) throw new SignInAbortedError();

  // The clean result pages must not collide with the redirect path itself.
  const donePath = binding.pathname === '/done' ? '/signed-in' : '/done';
  const failedPath = binding.pathname === '/failed' ? '/sign-in-failed' : '/failed';

  let phase: Phase = 'waiting';
  // '' while a received code is being exchanged (the success page waits for finish()).
  let resultPage = '';
  let resultPath = '';
  const waitingForPage: ServerResponse[] = [];
  let resultWaitTimer: NodeJS.Timeout | undefined;
  let resolveResult!: (r: CallbackResult) => void;
  let rejectResult!: (e: AuthError) => void;
  const result = new Promise<CallbackResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // Callers may attach their handler later (after opening the browser); never an unhandled rejection.
  result.catch(() => {});

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  let timeoutTimer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let actualRedirectUri = '';

  const server = createServer((req, res) => handle(req, res));

  function settle(outcome: { ok: true; value: CallbackResult } | { ok: false; error: AuthError }): void {
    if (phase !== 'waiting') return;
    phase = 'answered';
    clearTimeout(timeoutTimer);
    signal?.removeEventListener('abort', onAbort);
    resultPath = outcome.ok ? donePath : failedPath;
    if (outcome.ok) {
      // Not "connected" yet: that is known only once the caller has exchanged the code.
      resultWaitTimer = setTimeout(() => {
        setPage(
          renderPage(
            'info',
            'Spotify answered',
            'Traytune received Spotify’s answer. Go back to Traytune to see whether sign-in finished.',
          ),
        );
      }, resultWaitMs);
      resultWaitTimer.unref();
      resolveResult(outcome.value);
    } else {
      setPage(renderPage('failure', 'Sign-in rejected', outcome.error.message));
      rejectResult(outcome.error);
    }
  }

  /** Sets the result page once and serves it to a browser already waiting for it. */
  function setPage(page: string): void {
    if (resultPage !== '' || phase === 'closed') return;
    clearTimeout(resultWaitTimer);
    resultPage = page;
    for (const res of waitingForPage.splice(0)) servePage(res);
    graceTimer = setTimeout(shutdown, pageGraceMs);
    graceTimer.unref();
  }

  function servePage(res: ServerResponse): void {
    res.on('close', shutdown);
    send(res, 200, resultPage);
  }

  function finish(outcome: ExchangeOutcome): void {
    if (phase !== 'answered' || resultPath !== donePath) return;
    setPage(
      outcome.ok
        ? renderPage(
            'success',
            'Connected to Spotify',
            'Traytune is signed in. You can close this tab and go back to Traytune.',
          )
        : renderPage('failure', 'Sign-in failed', outcome.error.message),
    );
  }

  function shutdown(): void {
    if (phase === 'closed') return;
    phase = 'closed';
    clearTimeout(timeoutTimer);
    clearTimeout(graceTimer);
    clearTimeout(resultWaitTimer);
    signal?.removeEventListener('abort', onAbort);
    server.close(() => resolveClosed());
    server.closeAllConnections();
  }

  function fail(error: AuthError): void {
    settle({ ok: false, error });
    shutdown();
  }

  function onAbort(): void {
    fail(new SignInAbortedError());
  }

  function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', ...extra });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    // Host must name this listener (a page on another name resolving to 127.0.0.1 is DNS rebinding);
    // an Origin, when sent, must be its own (a navigation to the callback carries none).
    if (!hostAllowed(req.headers.host)) {
      send(res, 421, renderPage('info', 'Wrong address', NOT_OURS));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin()) {
      send(
        res,
        403,
        renderPage('info', 'Not allowed', 'Another web page tried to reach Traytune. Nothing was done.'),
      );
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://loopback.invalid');
    } catch {
      send(res, 400, renderPage('info', 'Bad request', NOT_OURS));
      return;
    }
    const isGet = req.method === 'GET' || req.method === 'HEAD';

    if (url.pathname === binding.pathname) {
      if (!isGet) {
        send(res, 405, renderPage('info', 'Not allowed', 'This address only accepts GET.'), { Allow: 'GET' });
        return;
      }
      if (phase !== 'waiting') {
        send(
          res,
          410,
          renderPage(
            'info',
            'Already used',
            'This sign-in answer was already received. Go back to Traytune.',
          ),
        );
        return;
      }
      const q = url.searchParams;
      if (!q.has('state') && !q.has('code') && !q.has('error')) {
        // Not an OAuth answer at all (e.g. someone opened the bare address): not the one shot.
        send(
          res,
          400,
          renderPage('info', 'Waiting for Spotify', 'Traytune is waiting for Spotify’s answer.'),
        );
        return;
      }
      let outcome: { ok: true; value: CallbackResult } | { ok: false; error: AuthError };
      try {
        outcome = { ok: true, value: parseCallbackParams(q, options.expectedState) };
      } catch (error) {
        if (error instanceof StateMismatchError) {
          // Not this attempt's answer (a stale tab, a forged link): say so, and keep waiting for Spotify.
          send(
            res,
            400,
            renderPage(
              'failure',
              'Sign-in answer ignored',
              'This answer did not match the sign-in Traytune is waiting for, so it was ignored. Finish ' +
                'signing in in the tab Traytune opened, or start sign-in again in Traytune.',
            ),
          );
          return;
        }
        outcome = {
          ok: false,
          error:
            error instanceof AuthError
              ? error
              : new AuthError('callback', 'The sign-in answer could not be read. Start sign-in again.'),
        };
      }
      settle(outcome);
      // 303 to a clean address: the code leaves the address bar and the browser history entry.
      send(res, 303, '', { Location: resultPath, 'Content-Length': '0' });
      server.unref();
      return;
    }

    if (phase === 'answered' && isGet && url.pathname === resultPath) {
      if (resultPage !== '') {
        servePage(res);
      } else {
        // The code is being exchanged: answer once finish() says how it went.
        waitingForPage.push(res);
        res.on('close', () => {
          const i = waitingForPage.indexOf(res);
          if (i >= 0) waitingForPage.splice(i, 1);
        });
      }
      return;
    }

    send(res, 404, renderPage('info', 'Not found', NOT_OURS));
  }

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, binding.port, binding.host));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: binding.host, port: binding.port, exclusive: true });
  });
  // After listening, server errors are not expected; never let one crash the process.
  server.on('error', () =>
    fail(new AuthError('callback', 'Receiving the sign-in answer failed. Try again.')),
  );

  const port = (server.address() as AddressInfo).port;
  actualRedirectUri = redirectUriWithPort(redirect, port);
  const hostLiteral = binding.host === '::1' ? '[::1]' : binding.host;
  function ownOrigin(): string {
    return `http://${hostLiteral}${port === 80 ? '' : `:${port}`}`;
  }
  function hostAllowed(host: string | undefined): boolean {
    const h = (host ?? '').toLowerCase();
    return h === `${hostLiteral}:${port}` || (port === 80 && h === hostLiteral);
  }

  if (signal) {
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  }
  if (phase === 'waiting') {
    timeoutTimer = setTimeout(() => fail(new SignInTimeoutError(actualRedirectUri, timeoutMs)), timeoutMs);
  }

  return {
    redirectUri: actualRedirectUri,
    host: binding.host,
    port,
    result,
    closed,
    cancel: () => {
      if (phase === 'waiting') fail(new SignInAbortedError());
    },
    close: async () => {
      fail(new SignInAbortedError());
      await closed;
    },
    finish,
  };
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): AuthError {
  if (error.code === 'EADDRINUSE') return new PortInUseError(port);
  if (host === '::1' && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT')) {
    return new RedirectUriError(
      'This computer has no IPv6 loopback address, so http://[::1]/… cannot be used. Use ' +
        'http://127.0.0.1/callback instead, in Traytune and in the Spotify developer dashboard.',
    );
  }
  if (error.code === 'EACCES') {
    return new RedirectUriError(
      `Traytune is not allowed to listen on port ${port}. Register http://127.0.0.1/callback (without a ` +
        'port) so Traytune can pick a free one.',
    );
  }
  return new AuthError('callback', 'Traytune could not start receiving the sign-in answer. Try again.', {
    cause: error,
  });
}
