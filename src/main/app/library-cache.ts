import type { AlbumLabel } from './library.ts';

/** What adding to a playlist needs to know of it, remembered from lists the user has seen. */
export interface PlaylistAccess {
  readonly name: string;
  readonly owner: { readonly id: string };
  readonly collaborative: boolean;
}

/** Entries kept per kind: far more than a session shows, small enough to never matter. */
const MAX_ENTRIES = 500;

/** A Map that forgets its oldest entry beyond `max`. */
class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}

/**
 * Facts one signed-in account's lists already told, kept so a later request can be saved: an album's
 * name and art (its track list names neither), a playlist's name and owner (may the user add to it?).
 * One per connection: a new sign-in starts empty.
 */
export class LibraryCache {
  readonly albums = new BoundedMap<string, AlbumLabel>(MAX_ENTRIES);
  readonly playlists = new BoundedMap<string, PlaylistAccess>(MAX_ENTRIES);
}
