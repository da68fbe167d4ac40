import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { LibraryTrack } from '../../shared/library.ts';
import type { UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { formatArtists, formatTime } from '../format.ts';
import { Artwork } from './Artwork.tsx';
import { usePaged } from './paged.ts';

/** Liked Songs, 20 at a time; choosing one plays it. */
export function Liked({ state }: { state: UiState }): JSX.Element {
  const { api, actions } = useServices();
  const list = usePaged((page) => api.library.likedSongs(page), 20);
  const [starting, setStarting] = useState<string | null>(null);
  const currentUri = state.snapshot?.item?.uri ?? null;

  const play = (track: LibraryTrack): void => {
    setStarting(track.uri);
    void actions.playTrack(track.uri).finally(() => setStarting(null));
  };

  return (
    <section class="panel" aria-labelledby="liked-heading" aria-busy={list.loading ? 'true' : undefined}>
      <div class="panel-head">
        <h2 id="liked-heading">Liked Songs</h2>
        {list.total !== null ? <span class="muted">{list.total} songs</span> : null}
      </div>
      {list.error !== null ? (
        <p class="inline-error" role="alert">
          {list.error}{' '}
          <button type="button" class="text-button" onClick={list.reload}>
            Try again
          </button>
        </p>
      ) : null}
      {!list.loading && list.error === null && list.items.length === 0 ? (
        <p class="muted">No liked songs yet. Use the heart on Now playing to save one.</p>
      ) : null}
      <ul class="list">
        {list.items.map((track) => (
          <li key={track.uri}>
            <TrackButton
              track={track}
              current={track.uri === currentUri}
              busy={starting === track.uri}
              onPlay={() => play(track)}
            />
          </li>
        ))}
      </ul>
      {list.loading ? <p class="muted">Loading…</p> : null}
      {list.hasMore && !list.loading ? (
        <button type="button" class="secondary-button wide" onClick={list.loadMore}>
          Load more songs
        </button>
      ) : null}
    </section>
  );
}

export function TrackButton(props: {
  track: LibraryTrack;
  current: boolean;
  busy?: boolean;
  onPlay?: () => void;
}): JSX.Element {
  const { track } = props;
  const artists = formatArtists(track.artists);
  const playable = props.onPlay !== undefined;
  // The button's name comes from its content ("Play <title> by <artists>"), so it matches what is shown.
  const body = (
    <>
      <Artwork url={track.artUrl} size="small" />
      <span class="row-text">
        <span class="row-title">
          {playable ? <span class="visually-hidden">Play </span> : null}
          {track.name}
        </span>
        <span class="row-sub">
          <span class="visually-hidden">by </span>
          {artists}
        </span>
      </span>
      <span class="row-time">{formatTime(track.durationMs)}</span>
    </>
  );
  if (props.onPlay === undefined) {
    return (
      <div class="row" aria-current={props.current ? 'true' : undefined}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      class="row-button"
      aria-current={props.current ? 'true' : undefined}
      aria-busy={props.busy === true ? 'true' : undefined}
      onClick={props.onPlay}
    >
      {body}
    </button>
  );
}
