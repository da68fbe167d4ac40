import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useServices } from '../context.ts';
import { Liked } from './Liked.tsx';
import { ListStatus, PagedList } from './ListStatus.tsx';
import { useLoaded, usePaged } from './paged.ts';
import { planRecent } from './play-plan.ts';
import { OpenedView, useOpened, type Opened } from './PlaylistView.tsx';
import { Tabs, type TabSpec } from './Tabs.tsx';
import { AlbumRow, PlaylistRow } from './SummaryRows.tsx';
import { RowList, TrackList } from './TrackRow.tsx';

type LibraryView = 'liked' | 'playlists' | 'albums' | 'recent';

const VIEWS: readonly TabSpec<LibraryView>[] = [
  { id: 'liked', label: 'Liked' },
  { id: 'playlists', label: 'Playlists' },
  { id: 'albums', label: 'Albums' },
  { id: 'recent', label: 'Recent' },
];

/** The view last shown, so the Library tab opens where the user left it. */
let lastView: LibraryView = 'liked';

/** Liked Songs, playlists, saved albums and recently played, as sub-tabs; a playlist or album opens here. */
export function Library(): JSX.Element {
  const [view, setView] = useState<LibraryView>(lastView);
  const { opened, open, back, close } = useOpened();

  const choose = (next: LibraryView): void => {
    lastView = next;
    setView(next);
    close();
  };

  return (
    <div class="library">
      <Tabs
        tabs={VIEWS}
        current={view}
        onSelect={choose}
        label="Library"
        idPrefix="library-"
        className="subtabs"
      />
      <div role="tabpanel" id={`library-panel-${view}`} aria-labelledby={`library-tab-${view}`}>
        {opened !== null ? <OpenedView key={JSON.stringify(opened)} opened={opened} onBack={back} /> : null}
        <div hidden={opened !== null}>
          {view === 'liked' ? <Liked /> : null}
          {view === 'playlists' ? <Playlists onOpen={open} /> : null}
          {view === 'albums' ? <Albums onOpen={open} /> : null}
          {view === 'recent' ? <Recent /> : null}
        </div>
      </div>
    </div>
  );
}

function Playlists({ onOpen }: { onOpen: (opened: Opened) => void }): JSX.Element {
  const { api } = useServices();
  const list = usePaged((page) => api.library.playlists(page), 50);
  return (
    <section
      class="panel"
      data-testid="library-playlists"
      aria-labelledby="playlists-heading"
      aria-busy={list.loading ? 'true' : undefined}
    >
      <h2 id="playlists-heading">Playlists</h2>
      <PagedList list={list} emptyText="No playlists yet." moreLabel="Load more playlists">
        <RowList label="Playlists">
          {list.items.map((playlist) => (
            <PlaylistRow
              key={playlist.id}
              playlist={playlist}
              onOpen={() => onOpen({ kind: 'playlist', playlist })}
            />
          ))}
        </RowList>
      </PagedList>
    </section>
  );
}

function Albums({ onOpen }: { onOpen: (opened: Opened) => void }): JSX.Element {
  const { api } = useServices();
  const list = usePaged((page) => api.library.savedAlbums(page), 50);
  return (
    <section
      class="panel"
      data-testid="library-albums"
      aria-labelledby="albums-heading"
      aria-busy={list.loading ? 'true' : undefined}
    >
      <h2 id="albums-heading">Albums</h2>
      <PagedList
        list={list}
        emptyText="No saved albums yet. Save one in Spotify to find it here."
        moreLabel="Load more albums"
      >
        <RowList label="Albums">
          {list.items.map((album) => (
            <AlbumRow key={album.id} album={album} onOpen={() => onOpen({ kind: 'album', album })} />
          ))}
        </RowList>
      </PagedList>
    </section>
  );
}

/** The last plays, newest first; each plays again in the context it was played from, when it had one. */
function Recent(): JSX.Element {
  const { api } = useServices();
  const recent = useLoaded(() => api.library.recentlyPlayed());
  const plays = recent.value ?? [];
  return (
    <section
      class="panel"
      data-testid="library-recent"
      aria-labelledby="recent-heading"
      aria-busy={recent.loading ? 'true' : undefined}
    >
      <h2 id="recent-heading">Recently played</h2>
      <TrackList
        tracks={plays.map((play) => play.track)}
        context={null}
        plan={(_, index) => planRecent(plays[index]!)}
        label="Recently played"
      />
      <ListStatus
        loading={recent.loading}
        error={recent.error}
        empty={recent.value !== null && plays.length === 0}
        emptyText="Nothing played recently."
        onRetry={recent.reload}
      />
    </section>
  );
}
