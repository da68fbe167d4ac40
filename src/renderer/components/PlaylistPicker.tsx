import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AddToPlaylistResult } from '../../shared/ipc/contract.ts';
import type { PlaylistSummary } from '../../shared/library.ts';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { countLabel } from '../format.ts';
import { Artwork } from './Artwork.tsx';
import { usePaged } from './paged.ts';
import { showToast } from './Toast.tsx';

/**
 * "Add to playlist": the user's playlists that accept items (`canAdd`). Picking one adds `uri`, or what is
 * playing when no `uri` is given. A song already there is not added twice unasked: "Already in …" offers
 * "Add anyway". Success is a toast the live region also says.
 */
export function PlaylistPicker({
  trackName,
  uri,
  id = 'playlist-picker',
  onClose,
}: {
  trackName: string;
  /** The track or episode to add; without it, the current one (`library:addCurrentToPlaylist`). */
  uri?: string;
  /** The region's id (for `aria-controls`), unique in the window. */
  id?: string;
  onClose: () => void;
}): JSX.Element {
  const { api, store } = useServices();
  const list = usePaged((page) => api.library.playlists(page), 50);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<PlaylistSummary | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const addAnyway = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Opened below a row or the player's controls: it may start below the window's fold.
    region.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, []);
  useEffect(() => {
    if (duplicate !== null) addAnyway.current?.focus();
  }, [duplicate]);

  const add = (playlist: PlaylistSummary, allowDuplicate: boolean): void => {
    setAdding(playlist.id);
    setError(null);
    setDuplicate(null);
    const options = allowDuplicate ? { allowDuplicate } : {};
    const call: Promise<AddToPlaylistResult> =
      uri === undefined
        ? api.library.addCurrentToPlaylist({ playlistId: playlist.id, ...options })
        : api.library.addToPlaylist({ playlistId: playlist.id, uri, ...options });
    call
      .then((result) => {
        if (result.ok) {
          showToast(store, `Added “${trackName}” to ${playlist.name}`);
          onClose();
        } else if ('alreadyThere' in result) {
          setDuplicate(playlist);
        } else {
          setError(result.error.message);
        }
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setAdding(null));
  };

  const cancelDuplicate = (): void => {
    setDuplicate(null);
    heading.current?.focus();
  };

  const addable = list.items.filter((p) => p.canAdd);
  const headingId = `${id}-heading`;
  return (
    <div
      ref={region}
      id={id}
      class="popover"
      role="region"
      aria-labelledby={headingId}
      aria-busy={list.loading || adding !== null ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          e.preventDefault();
          if (duplicate !== null) cancelDuplicate();
          else onClose();
        }
      }}
    >
      <div class="popover-head">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          Add to playlist
        </h3>
        <button type="button" class="text-button" onClick={onClose}>
          Close
        </button>
      </div>
      {duplicate !== null ? (
        <div class="banner warning" role="alert" data-testid="duplicate-warning">
          <p>
            Already in {duplicate.name}. Add “{trackName}” again?
          </p>
          <div class="button-row">
            <button
              ref={addAnyway}
              type="button"
              class="secondary-button"
              onClick={() => add(duplicate, true)}
            >
              Add anyway
            </button>
            <button type="button" class="secondary-button" onClick={cancelDuplicate}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
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
              onClick={() => add(playlist, false)}
            >
              <Artwork url={playlist.artUrl} size="small" />
              <span class="row-text">
                <span class="row-title">
                  <span class="visually-hidden">Add to </span>
                  {playlist.name}
                </span>
                <span class="row-sub">{countLabel(playlist.trackCount)}</span>
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
