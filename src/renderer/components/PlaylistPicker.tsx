import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlaylistSummary } from '../../shared/library.ts';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { Artwork } from './Artwork.tsx';
import { usePaged } from './paged.ts';

/** "Add to playlist": the user's playlists that accept items; picking one adds the current track. */
export function PlaylistPicker({
  trackName,
  onClose,
}: {
  trackName: string;
  onClose: () => void;
}): JSX.Element {
  const { api, store } = useServices();
  const list = usePaged((page) => api.library.playlists(page), 50);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const add = (playlist: PlaylistSummary): void => {
    setAdding(playlist.id);
    setError(null);
    api.library
      .addCurrentToPlaylist({ playlistId: playlist.id })
      .then((result) => {
        if (result.ok) {
          store.announce(`Added “${trackName}” to ${playlist.name}`);
          onClose();
        } else if ('error' in result) {
          setError(result.error.message);
        }
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setAdding(null));
  };

  const addable = list.items.filter((p) => p.canAdd);
  return (
    <div
      id="playlist-picker"
      class="popover"
      role="region"
      aria-labelledby="picker-heading"
      aria-busy={list.loading || adding !== null ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="popover-head">
        <h3 id="picker-heading" ref={heading} tabIndex={-1}>
          Add to playlist
        </h3>
        <button type="button" class="text-button" onClick={onClose}>
          Close
        </button>
      </div>
      {error !== null ? (
        <p class="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {list.error !== null ? (
        <p class="inline-error" role="alert">
          {list.error}{' '}
          <button type="button" class="text-button" onClick={list.reload}>
            Try again
          </button>
        </p>
      ) : null}
      {!list.loading && list.error === null && addable.length === 0 ? (
        <p class="muted">No playlists you can add to. Create one in Spotify first.</p>
      ) : null}
      <ul class="list">
        {addable.map((playlist) => (
          <li key={playlist.id}>
            <button
              type="button"
              class="row-button"
              aria-busy={adding === playlist.id ? 'true' : undefined}
              disabled={adding !== null}
              onClick={() => add(playlist)}
            >
              <Artwork url={playlist.artUrl} size="small" />
              <span class="row-text">
                <span class="row-title">
                  <span class="visually-hidden">Add to </span>
                  {playlist.name}
                </span>
                <span class="row-sub">
                  {playlist.trackCount} {playlist.trackCount === 1 ? 'song' : 'songs'}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {list.loading ? <p class="muted">Loading playlists…</p> : null}
      {list.hasMore && !list.loading ? (
        <button type="button" class="text-button" onClick={list.loadMore}>
          Load more playlists
        </button>
      ) : null}
    </div>
  );
}
