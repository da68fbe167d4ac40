import { SHARED_ERROR_CODES } from '../../shared/messages.ts';

/** "A newer search cancels the one still running": the search box's one rule about time, in one place. */

/** What a search replaced by a newer one rejects with; the renderer ignores this code. */
export class SearchCancelledError extends Error {
  override readonly name = 'SearchCancelledError';
  readonly code = SHARED_ERROR_CODES.searchCancelled;
  constructor() {
    super('A newer search replaced this one.');
  }
}

/**
 * Runs one call at a time, latest wins: starting a call aborts the one in flight (its signal fires), and
 * that older call rejects with SearchCancelledError, even when its answer had already come in.
 */
export class LatestCall {
  #current: AbortController | null = null;

  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    try {
      const result = await call(controller.signal);
      if (controller.signal.aborted) throw new SearchCancelledError();
      return result;
    } catch (error) {
      // Whatever the aborted request failed with ('aborted', a closed pool…), the caller hears "cancelled".
      if (controller.signal.aborted) throw new SearchCancelledError();
      throw error;
    } finally {
      if (this.#current === controller) this.#current = null;
    }
  }
}
