import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchResults } from '../../shared/library.ts';
import { SHARED_ERROR_CODES } from '../../shared/messages.ts';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { ROW_STOP_ATTRIBUTE } from '../keyboard.ts';
import { useRovingList } from './list-navigation.ts';
import { ListStatus } from './ListStatus.tsx';
import { OpenedView, useOpened } from './PlaylistView.tsx';
import { AlbumRow, PlaylistRow } from './SummaryRows.tsx';
import { ContextRow, RowList, TrackList } from './TrackRow.tsx';

/** How long typing must pause before a search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

const BOX_ID = 'search-box';

/** Ctrl/⌘+F asked for the box before the panel was there: the panel focuses it when it mounts. */
let focusWhenShown = false;
/** The last query and its results, for when the panel is opened again. */
let remembered: { query: string; results: SearchResults | null } = { query: '', results: null };

/** Focuses the search box (now, or as soon as the Search panel shows). */
export function focusSearchBox(): void {
  const box = document.getElementById(BOX_ID);
  if (box instanceof HTMLInputElement) box.select();
  else focusWhenShown = true;
}

/** Forgets a Ctrl/⌘+F that found no box (local mode's Search says it needs an account instead). */
export function cancelSearchBoxFocus(): void {
  focusWhenShown = false;
}

/** A search main cancelled because a newer one started: not an error anyone needs to see. */
function isCancelled(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === SHARED_ERROR_CODES.searchCancelled
  );
}

/**
 * One box for songs, albums, playlists and artists (at most 10 of each). A search goes out once typing
 * pauses, never for an empty or unchanged query; an answer to an older query is dropped. Every result
 * plays; albums and playlists open too. ↓ from the box goes to the first result.
 */
export function Search(): JSX.Element {
  const { api } = useServices();
  const [query, setQuery] = useState(remembered.query);
  const [results, setResults] = useState(remembered.results);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { opened, open, back, close } = useOpened();
  const box = useRef<HTMLInputElement>(null);
  /** The trimmed query last sent (or answered): the same one is not sent again. */
  const sent = useRef(remembered.results?.query ?? '');
  const latest = useRef(0);
  const nav = useRovingList();

  useEffect(() => {
    if (focusWhenShown) box.current?.focus();
    focusWhenShown = false;
    return () => {
      latest.current++; // an answer after the panel closed is dropped
    };
  }, []);

  const search = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed === sent.current) return;
    sent.current = trimmed;
    const mine = ++latest.current;
    const current = (): boolean => mine === latest.current;
    setError(null);
    if (trimmed === '') {
      setResults(null);
      setLoading(false);
      remembered = { query: text, results: null };
      return;
    }
    setLoading(true);
    api.library
      .search({ query: trimmed })
      .then((found) => {
        if (!current()) return;
        setResults(found);
        remembered = { query: text, results: found };
      })
      .catch((e: unknown) => {
        if (!current() || isCancelled(e)) return;
        sent.current = ''; // the same query may be tried again
        setError(errorMessage(e));
      })
      .finally(() => {
        if (current()) setLoading(false);
      });
  };

  useEffect(() => {
    const timer = setTimeout(() => search(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const onBoxKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      const first = nav.container()?.querySelector<HTMLElement>(`[${ROW_STOP_ATTRIBUTE}]`);
      if (first == null) return;
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Escape' && query !== '') {
      // Escape clears the box first; on an empty box it hides the window as everywhere.
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
      search('');
    }
  };

  const shown = results;
  const count =
    shown === null
      ? 0
      : shown.tracks.length + shown.albums.length + shown.playlists.length + shown.artists.length;

  return (
    <section
      class="panel search"
      data-testid="search-panel"
      aria-labelledby="search-heading"
      aria-busy={loading ? 'true' : undefined}
    >
      <h2 id="search-heading" class="visually-hidden">
        Search
      </h2>
      <form
        role="search"
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          search(query);
        }}
      >
        <label for={BOX_ID} class="visually-hidden">
          Search Spotify
        </label>
        <input
          ref={box}
          id={BOX_ID}
          type="search"
          class="search-box"
          placeholder="Songs, albums, playlists, artists"
          autocomplete="off"
          spellcheck={false}
          value={query}
          onInput={(e) => {
            const text = e.currentTarget.value;
            remembered = { ...remembered, query: text };
            setQuery(text);
            close();
          }}
          onKeyDown={onBoxKeyDown}
        />
      </form>
      {opened !== null ? <OpenedView key={JSON.stringify(opened)} opened={opened} onBack={back} /> : null}
      <div
        class="search-results"
        hidden={opened !== null}
        ref={nav.ref}
        onKeyDown={nav.onKeyDown}
        onFocusIn={nav.onFocusIn}
      >
        <ListStatus
          loading={loading}
          loadingText="Searching…"
          error={error}
          empty={shown !== null && count === 0}
          emptyText={`No results for “${shown?.query ?? ''}”.`}
          onRetry={() => search(query)}
        />
        {shown === null && !loading && error === null ? (
          <p class="muted">Find songs, albums, playlists and artists on Spotify.</p>
        ) : null}
        {shown !== null && shown.tracks.length > 0 ? (
          <>
            <h3>Songs</h3>
            <TrackList tracks={shown.tracks} context={null} roving={false} label="Songs" />
          </>
        ) : null}
        {shown !== null && shown.albums.length > 0 ? (
          <>
            <h3>Albums</h3>
            <RowList roving={false} label="Albums">
              {shown.albums.map((album) => (
                <AlbumRow key={album.id} album={album} onOpen={() => open({ kind: 'album', album })} />
              ))}
            </RowList>
          </>
        ) : null}
        {shown !== null && shown.playlists.length > 0 ? (
          <>
            <h3>Playlists</h3>
            <RowList roving={false} label="Playlists">
              {shown.playlists.map((playlist) => (
                <PlaylistRow
                  key={playlist.id}
                  playlist={playlist}
                  onOpen={() => open({ kind: 'playlist', playlist })}
                />
              ))}
            </RowList>
          </>
        ) : null}
        {shown !== null && shown.artists.length > 0 ? (
          <>
            <h3>Artists</h3>
            <RowList roving={false} label="Artists">
              {shown.artists.map((artist) => (
                <ContextRow
                  key={artist.id}
                  uri={artist.uri}
                  name={artist.name}
                  sub="Artist"
                  artUrl={artist.artUrl}
                />
              ))}
            </RowList>
          </>
        ) : null}
      </div>
    </section>
  );
}
