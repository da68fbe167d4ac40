import type { JSX } from 'preact';
import { useServices } from '../context.ts';
import { PagedList } from './ListStatus.tsx';
import { usePaged } from './paged.ts';
import { TrackList } from './TrackRow.tsx';

/**
 * Liked Songs, 20 at a time. A song plays in the Liked Songs context from itself, so Next, Previous,
 * shuffle and the queue go on within Liked Songs.
 */
export function Liked(): JSX.Element {
  const { api } = useServices();
  const list = usePaged((page) => api.library.likedSongs(page), 20);
  return (
    <section
      class="panel"
      data-testid="library-liked"
      aria-labelledby="liked-heading"
      aria-busy={list.loading ? 'true' : undefined}
    >
      <div class="panel-head">
        <h2 id="liked-heading">Liked Songs</h2>
        {list.total !== null ? <span class="muted">{list.total} songs</span> : null}
      </div>
      <PagedList
        list={list}
        emptyText="No liked songs yet. Use the heart on Now playing to save one."
        moreLabel="Load more songs"
      >
        <TrackList tracks={list.items} context="liked" liked label="Liked Songs" />
      </PagedList>
    </section>
  );
}
