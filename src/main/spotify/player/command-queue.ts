/**
 * Player commands, one at a time, in the order pressed: Spotify does not guarantee the order of
 * concurrent commands, so three quick "next" presses are three requests, one after another.
 * Commands with a `key` (volume, seek, play/pause, shuffle…) replace a waiting command with the same key:
 * while one request is in flight, a drag over 50 volume steps leaves just the latest value waiting.
 */

export interface QueuedCommand<R> {
  /** A waiting command with the same key is replaced by this one (latest wins). */
  key?: string | undefined;
  /** Must not reject; a rejection is turned into `onError`'s result. */
  run: () => Promise<R>;
  /** This command was replaced before it started; its caller gets the replacement's result. */
  onSuperseded?: (() => void) | undefined;
}

interface Entry<R> {
  key: string | undefined;
  run: () => Promise<R>;
  onSuperseded: (() => void) | undefined;
  waiters: ((result: R) => void)[];
}

export interface CommandQueueOptions<R> {
  onError: (error: unknown) => R;
  /** Called each time the last queued command has settled. */
  onIdle?: () => void;
}

export class CommandQueue<R> {
  readonly #waiting: Entry<R>[] = [];
  readonly #onError: (error: unknown) => R;
  readonly #onIdle: (() => void) | undefined;
  #running = false;

  constructor(options: CommandQueueOptions<R>) {
    this.#onError = options.onError;
    this.#onIdle = options.onIdle;
  }

  /** True while a command runs or waits. */
  get busy(): boolean {
    return this.#running || this.#waiting.length > 0;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with the command's result (or its replacement's). */
  enqueue(command: QueuedCommand<R>): Promise<R> {
    return new Promise<R>((resolve) => {
      const same =
        command.key === undefined ? undefined : this.#waiting.find((entry) => entry.key === command.key);
      if (same) {
        same.onSuperseded?.();
        same.run = command.run;
        same.onSuperseded = command.onSuperseded;
        same.waiters.push(resolve);
        return;
      }
      this.#waiting.push({
        key: command.key,
        run: command.run,
        onSuperseded: command.onSuperseded,
        waiters: [resolve],
      });
      if (!this.#running) void this.#pump();
    });
  }

  /** Drops every waiting command, settling its callers with `result` (the running one finishes). */
  drop(result: R): void {
    for (const entry of this.#waiting.splice(0)) for (const resolve of entry.waiters) resolve(result);
  }

  async #pump(): Promise<void> {
    this.#running = true;
    try {
      for (let entry = this.#waiting.shift(); entry; entry = this.#waiting.shift()) {
        let result: R;
        try {
          result = await entry.run();
        } catch (error) {
          result = this.#onError(error);
        }
        for (const resolve of entry.waiters) resolve(result);
      }
    } finally {
      this.#running = false;
    }
    this.#onIdle?.();
  }
}
