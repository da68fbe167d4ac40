/**
 * Preloaded (`node --import`) into Electron's own installer, node_modules/electron/install.js, by
 * dev/scripts/electron-install.ts. The installer downloads through the global `fetch` (@electron/get's
 * FetchDownloader) with no timeout, so on a network that drops packets it would wait for minutes. This
 * wraps `fetch` so that a download which makes no progress fails fast, and a slow one that does never
 * fails:
 *  - the response (DNS, connect, TLS, redirects, headers) must arrive within TRAYTUNE_DOWNLOAD_RESPONSE_MS
 *    (default 10 s);
 *  - after that, data must keep arriving: no gap longer than TRAYTUNE_DOWNLOAD_STALL_MS (default 30 s).
 * The first failure is written as JSON ({ url, host, reason }) to TRAYTUNE_DOWNLOAD_REPORT, for the
 * launcher's message; the installer itself only prints "fetch failed".
 */
import { writeFileSync } from 'node:fs';
import { describeFetchError, type DownloadFailure } from './electron-install.ts';

const RESPONSE_MS = positive(process.env['TRAYTUNE_DOWNLOAD_RESPONSE_MS'], 10_000);
const STALL_MS = positive(process.env['TRAYTUNE_DOWNLOAD_STALL_MS'], 30_000);
const REPORT_FILE = process.env['TRAYTUNE_DOWNLOAD_REPORT'];

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Our own abort reasons (describeFetchError tells them from the network's errors by name). */
class DownloadTimeout extends Error {
  override readonly name = 'DownloadTimeout';
}

let reported = false;
function report(failure: DownloadFailure): void {
  if (reported || REPORT_FILE === undefined || REPORT_FILE === '') return;
  reported = true;
  writeFileSync(REPORT_FILE, `${JSON.stringify(failure)}\n`);
}

const originalFetch = globalThis.fetch;

async function watchedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const host = new URL(url).host;
  const controller = new AbortController();
  init?.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason), { once: true });
  const fail = (reason: string): void => {
    report({ url, host, reason });
    controller.abort(new DownloadTimeout(reason));
  };
  let timer = setTimeout(() => fail(`no response from ${host} within ${seconds(RESPONSE_MS)}`), RESPONSE_MS);
  let response: Response;
  try {
    response = await originalFetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    clearTimeout(timer);
    report({ url, ...describeFetchError(error, host) });
    throw error;
  }
  clearTimeout(timer);
  if (!response.ok) {
    report({
      url: response.url || url,
      host: new URL(response.url || url).host,
      reason: httpReason(response),
    });
    return response;
  }
  if (response.body === null) return response;
  const stalled = (): void => fail(`the download from ${host} stalled (no data for ${seconds(STALL_MS)})`);
  timer = setTimeout(stalled, STALL_MS);
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, stream) {
        clearTimeout(timer);
        timer = setTimeout(stalled, STALL_MS);
        stream.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function httpReason(response: Response): string {
  const status = `HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  return response.status === 404 ? `${status}: the mirror has no Electron binary at ${response.url}` : status;
}

globalThis.fetch = watchedFetch;
