import type { Unsubscribe } from './types.ts';

/** One event's listeners, as the ports keep them: added with an unsubscribe, called in order. */
export class Listeners<T> {
  private readonly all = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.all]) listener(value);
  }

  clear(): void {
    this.all.clear();
  }
}
