import type { PushEvents } from '../../shared/ipc/contract.ts';

export type PushListener<E extends keyof PushEvents> = (payload: PushEvents[E]) => void;

/** The events main pushes to the renderer, typed by the contract. `on` returns the unsubscribe. */
export class PushEmitter {
  readonly #listeners = new Map<keyof PushEvents, Set<(payload: never) => void>>();

  on<E extends keyof PushEvents>(event: E, listener: PushListener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends keyof PushEvents>(event: E, payload: PushEvents[E]): void {
    const set = this.#listeners.get(event) as Set<PushListener<E>> | undefined;
    for (const listener of [...(set ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // A broken listener (a closed window) must not break the app or the other listeners.
        console.error(`[app] ${event} listener failed:`, error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
