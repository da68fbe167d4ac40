import { empty, text, type SimResponse } from './http.ts';
import { defaultMessage, oauthError, webApiError } from './errors.ts';
import type { Fault } from './types.ts';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Faults wait here until a matching request consumes them, first queued first. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  add(fault: Fault): void {
    if (typeof fault.path !== 'string' || !fault.path.startsWith('/')) {
      throw new Error('injectFault: path must be an exact request path such as /v1/me');
    }
    const times = fault.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
      throw new Error('injectFault: times must be a positive integer or Infinity');
    }
    this.#queue.push({ fault: { ...fault }, remaining: times });
  }

  /** The first fault matching this request, with one of its `times` used up. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#queue.findIndex(
      ({ fault }) =>
        fault.path === path && (!fault.method || fault.method.toUpperCase() === method.toUpperCase()),
    );
    const entry = this.#queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.#queue = [];
  }
}

/**
 * The answer a fault sends, or `undefined` to let the normal handler answer (a delay-only fault).
 * Status defaults to 429 with `retryAfter`, else 500 when a reason, message or body is given.
 * Web API paths get `{"error":{status,message,reason}}`; accounts paths get `{"error","error_description"}`.
 */
export function faultResponse(fault: Fault, path: string): SimResponse | undefined {
  const hasAnswer =
    fault.status !== undefined || fault.retryAfter !== undefined || fault.reason !== undefined;
  if (!hasAnswer && fault.message === undefined && fault.body === undefined) return undefined;
  const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 500);
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  let response: SimResponse;
  if (fault.body !== undefined) {
    response = isJson(fault.body)
      ? { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: fault.body }
      : text(status, fault.body);
  } else if (status === 204 || status === 304) {
    response = empty(status);
  } else if (path.startsWith('/v1/')) {
    response = webApiError(status, fault.message ?? defaultMessage(status), fault.reason);
  } else {
    const error = fault.reason ?? (status >= 500 ? 'server_error' : 'invalid_request');
    response = oauthError(status, error, fault.message ?? defaultMessage(status));
  }
  return { ...response, headers: { ...response.headers, ...headers } };
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
