import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlbumSummary, PlaylistSummary } from '../../shared/library.ts';
import { reportFailure } from '../actions.ts';
import { useServices } from '../context.ts';
import { albumLine, playlistLine } from '../format.ts';
import { Artwork } from './Artwork.tsx';
import { PagedList } from './ListStatus.tsx';
import { usePaged } from './paged.ts';
import { TrackList } from './TrackRow.tsx';

/** What the library and search can open: a playlist or an album, shown with its items. */
export type Opened =
  | { readonly kind: 'playlist'; readonly playlist: PlaylistSummary }
  | { readonly kind: 'album'; readonly album: AlbumSummary };

export interface OpenedState {
  readonly opened: Opened | null;
  /** Opens it, remembering the focused element (the row) to return to. */
  readonly open: (next: Opened) => void;
  /** Back: closes it and gives the focus back to the row that opened it. */
  readonly back: () => void;
  /** Closes it without moving the focus (the user went elsewhere). */
  readonly close: () => void;
}

/**
 * What the Library and Search panels have open. Their list stays in the page (hidden) while a view is
 * open, so the row that opened it is there to return to.
 */
export function useOpened(): OpenedState {
  const [opened, setOpened] = useState<Opened | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (opened !== null || !refocus.current) return;
    refocus.current = false;
    opener.current?.focus();
  }, [opened]);
  return {
    opened,
    open(next) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpened(next);
    },
    back() {
      refocus.current = true;
      setOpened(null);
    },
    close: () => setOpened(null),
  };
}

/**
 * An opened playlist or album: "Play" plays it from the start; a row plays it from that row. Items come
 * 50 at a time ("Load more"). The heading takes the focus when it opens; Back returns to the list.
 */
export function OpenedView({ opened, onBack }: { opened: Opened; onBack: () => void }): JSX.Element {
  const { api, actions, store } = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  const [starting, setStarting] = useState(false);
  const isPlaylist = opened.kind === 'playlist';
  const summary = isPlaylist ? opened.playlist : opened.album;
  const list = usePaged(
    (page) =>
      opened.kind === 'playlist'
        ? api.library.playlistItems({ playlistId: opened.playlist.id, ...page })
        : api.library.albumTracks({ albumId: opened.album.id, ...page }),
    50,
  );
  useEffect(() => heading.current?.focus(), []);

  const sub = isPlaylist ? playlistLine(opened.playlist) : albumLine(opened.album, true);
  const playAll = (): void => {
    setStarting(true);
    void actions
      .playContext({ context: summary.uri })
      .then((result) => reportFailure(store, result))
      .finally(() => setStarting(false));
  };

  return (
    <section
      class="panel opened-view"
      data-testid={isPlaylist ? 'playlist-view' : 'album-view'}
      aria-labelledby="opened-heading"
      aria-busy={list.loading ? 'true' : undefined}
    >
      <button type="button" class="text-button back-button" onClick={onBack}>
        ‹ Back
      </button>
      <div class="opened-head">
        <Artwork url={summary.artUrl} size="small" />
        <div class="row-text">
          <h2 id="opened-heading" ref={heading} tabIndex={-1}>
            {summary.name}
          </h2>
          <span class="row-sub">{sub}</span>
        </div>
        <button
          type="button"
          class="primary-button"
          aria-label={`Play ${summary.name}`}
          aria-busy={starting ? 'true' : undefined}
          onClick={playAll}
        >
          Play
        </button>
      </div>
      <PagedList
        list={list}
        emptyText={isPlaylist ? 'This playlist is empty.' : 'No tracks on this album.'}
        moreLabel={isPlaylist ? 'Load more items' : 'Load more tracks'}
      >
        <TrackList
          // An album's tracks come without images: they all have the album's.
          tracks={
            isPlaylist ? list.items : list.items.map((t) => ({ ...t, artUrl: t.artUrl ?? summary.artUrl }))
          }
          context={summary.uri}
          ordered
          label={summary.name}
        />
      </PagedList>
    </section>
  );
}
