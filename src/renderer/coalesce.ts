/**
 * Latest-value-wins sending: at most one request in flight; values pushed meanwhile collapse into the
 * newest, sent when the current one settles. A volume drag thus sends a handful of requests, not one
 * per pixel, and the last value always goes out.
 */
export interface Coalescer<T> {
  push(value: T): void;
  readonly busy: boolean;
}

export interface CoalescerHooks {
  /** Nothing in flight and nothing queued any more. */
  readonly onIdle?: () => void;
  readonly onError?: (error: unknown) => void;
}

export function createCoalescer<T>(
  send: (value: T) => Promise<unknown>,
  hooks: CoalescerHooks = {},
): Coalescer<T> {
  let inFlight = false;
  let queued: { value: T } | null = null;

  const run = (value: T): void => {
    inFlight = true;
    void Promise.resolve()
      .then(() => send(value))
      .catch((error: unknown) => hooks.onError?.(error))
      .finally(() => {
        if (queued !== null) {
          const next = queued.value;
          queued = null;
          run(next);
        } else {
          inFlight = false;
          hooks.onIdle?.();
        }
      });
  };

  return {
    push(value) {
      if (inFlight) queued = { value };
      else run(value);
    },
    get busy() {
      return inFlight;
    },
  };
}
