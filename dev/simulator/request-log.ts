import type { LoggedRequest, RequestLogView } from './types.ts';

/** Query parameters that carry secrets; their values never reach the log. */
const SECRET_PARAMS = new Set(['code', 'code_verifier', 'refresh_token', 'access_token', 'client_secret']);

/** Every request the simulator answered (control-surface calls excluded), in answer order. */
export class RequestLog implements RequestLogView {
  #entries: LoggedRequest[] = [];

  get entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  record(method: string, path: string, query: URLSearchParams, status: number, at: number): void {
    this.#entries.push(Object.freeze({ method, path, query: redact(query), status, at }));
  }

  count(filter: { method?: string; path?: string; status?: number } = {}): number {
    const method = filter.method?.toUpperCase();
    return this.#entries.filter(
      (entry) =>
        (method === undefined || entry.method === method) &&
        (filter.path === undefined || entry.path === filter.path) &&
        (filter.status === undefined || entry.status === filter.status),
    ).length;
  }

  /** Starts a new list; arrays read from `entries` earlier stay as they were. */
  reset(): void {
    this.#entries = [];
  }
}

function redact(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of query) out[name] = SECRET_PARAMS.has(name) ? '[redacted]' : value;
  return out;
}
