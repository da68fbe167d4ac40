import type { ComponentChildren, JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import type { LibraryTrack } from '../../shared/library.ts';
import { reportFailure } from '../actions.ts';
import { errorMessage } from '../api.ts';
import { useServices, useUiState } from '../context.ts';
import { formatArtists, formatTime } from '../format.ts';
import { ROW_STOP_ATTRIBUTE } from '../keyboard.ts';
import { Artwork } from './Artwork.tsx';
import { MoreIcon, PlaylistAddIcon, PlaySmallIcon, QueueIcon } from './list-icons.tsx';
import { isMenuKey, useRovingList } from './list-navigation.ts';
import { planNote, planPlay, type ListContext, type PlayPlan } from './play-plan.ts';
import { PlaylistPicker } from './PlaylistPicker.tsx';
import { queuedHere } from './queued-here.ts';
import { RowMenu, type MenuAction } from './RowActions.tsx';
import { showToast } from './Toast.tsx';

const STOP = { [ROW_STOP_ATTRIBUTE]: '' };

/**
 * A list of rows with roving focus (list-navigation.ts). `roving: false` for a list inside a bigger roving
 * group (the search results move across their sections).
 */
export function RowList({
  children,
  label,
  ordered = false,
  roving = true,
}: {
  children: ComponentChildren;
  label?: string;
  ordered?: boolean;
  roving?: boolean;
}): JSX.Element {
  const nav = useRovingList();
  const props = roving ? { ref: nav.ref, onKeyDown: nav.onKeyDown, onFocusIn: nav.onFocusIn } : {};
  return ordered ? (
    <ol class="list" aria-label={label} {...props}>
      {children}
    </ol>
  ) : (
    <ul class="list" aria-label={label} {...props}>
      {children}
    </ul>
  );
}

/** Tracks or episodes in a context: each row plays from itself there (play-plan.ts). */
export function TrackList({
  tracks,
  context,
  plan = (track, index) => planPlay(track, context, index),
  liked,
  label,
  ordered,
  roving,
}: {
  tracks: readonly LibraryTrack[];
  context: ListContext;
  plan?: (track: LibraryTrack, index: number) => PlayPlan;
  /** Known for every row (Liked Songs); otherwise asked when a row's menu opens. */
  liked?: boolean;
  label?: string;
  ordered?: boolean;
  roving?: boolean;
}): JSX.Element {
  const currentUri = useUiState().snapshot?.item?.uri ?? null;
  return (
    <RowList label={label} ordered={ordered} roving={roving}>
      {tracks.map((track, index) => (
        // Keyed by position: a playlist may hold a song twice.
        <TrackRow
          key={`${index}:${track.uri}`}
          track={track}
          plan={plan(track, index)}
          current={track.uri === currentUri}
          liked={liked}
        />
      ))}
    </RowList>
  );
}

type Panel = 'menu' | 'picker' | null;

/**
 * One track or episode: the row plays it; "Add to queue" and "Add to playlist" show on hover and focus;
 * "More actions" (also right-click, the Menu key, Shift+F10) opens every action: play, add to queue, add
 * to playlist, like or unlike, copy the link, open in Spotify. A local file offers only what works for it.
 */
function TrackRow({
  track,
  plan,
  current,
  liked: knownLiked,
}: {
  track: LibraryTrack;
  plan: PlayPlan;
  current: boolean;
  liked?: boolean | undefined;
}): JSX.Element {
  const { api, store, actions } = useServices();
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  const [liked, setLiked] = useState<boolean | null>(knownLiked ?? null);
  const [likedProblem, setLikedProblem] = useState<string | null>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const id = useId();
  const fail = (e: unknown): void => store.update({ localError: errorMessage(e) });
  const note = planNote(track, plan);
  const name = `“${track.name}”`;
  const canEdit = !track.isLocal;

  const play = (): void => {
    if (plan.kind === 'none' || busy) return;
    setBusy(true);
    const call = plan.kind === 'context' ? actions.playContext(plan.input) : actions.playTrack(plan.uri);
    void call.then((result) => reportFailure(store, result)).finally(() => setBusy(false));
  };
  const queue = (): void => {
    void actions.addToQueue(track.uri).then((result) => {
      if (result?.ok !== true) return reportFailure(store, result);
      queuedHere.note(track.uri);
      showToast(store, `Added ${name} to the queue`);
    });
  };
  const toggleLike = (): void => {
    if (liked === null) return;
    api.library
      .setLiked({ uri: track.uri, liked: !liked })
      .then((result) => {
        if (!result.ok) return reportFailure(store, result);
        setLiked(!liked);
        showToast(store, liked ? `Removed ${name} from Liked Songs` : `Added ${name} to Liked Songs`);
      })
      .catch(fail);
  };
  const openMenu = (): void => {
    setPanel('menu');
    if (liked !== null || !canEdit) return;
    setLikedProblem(null);
    api.library
      .likedState({ uris: [track.uri] })
      .then(([state]) => setLiked(state ?? null))
      .catch((e: unknown) => setLikedProblem(errorMessage(e)));
  };
  const close = (refocus: boolean): void => {
    setPanel(null);
    if (refocus) primary.current?.focus();
  };

  const menu: MenuAction[] = [
    { label: 'Play', run: play, unavailable: plan.kind === 'none' ? plan.reason : null },
  ];
  if (canEdit) {
    menu.push(
      { label: 'Add to queue', run: queue },
      { label: 'Add to playlist…', run: () => setPanel('picker') },
      {
        label: liked === true ? 'Unlike' : 'Like',
        run: toggleLike,
        unavailable: liked !== null ? null : (likedProblem ?? 'Checking whether it is liked…'),
      },
    );
  }
  const { link } = track;
  if (link !== null) {
    menu.push(
      {
        label: track.type === 'episode' ? 'Copy episode link' : 'Copy song link',
        run: () => {
          api.ui
            .copyText({ text: link })
            .then(() => showToast(store, 'Link copied'))
            .catch(fail);
        },
      },
      { label: 'Open in Spotify', run: () => void api.ui.openInSpotify({ uri: track.uri }).catch(fail) },
    );
  }

  return (
    <li data-row class="track-row">
      <div
        class="row-line"
        onContextMenu={(e) => {
          e.preventDefault();
          openMenu();
        }}
        onKeyDown={(e) => {
          if (!isMenuKey(e)) return;
          e.preventDefault();
          openMenu();
        }}
      >
        <button
          ref={primary}
          type="button"
          class="row-button"
          {...STOP}
          aria-current={current ? 'true' : undefined}
          aria-busy={busy ? 'true' : undefined}
          aria-disabled={plan.kind === 'none' ? 'true' : undefined}
          title={plan.kind === 'none' ? plan.reason : undefined}
          onClick={play}
        >
          <Artwork url={track.artUrl} size="small" />
          <span class="row-text">
            <span class="row-title">
              {/* Also on a row that cannot play: aria-disabled, and its note says why. */}
              <span class="visually-hidden">Play </span>
              {track.name}
            </span>
            <span class="row-sub">
              <span class="visually-hidden">by </span>
              {formatArtists(track.artists)}
            </span>
            {note !== null ? <span class="row-note">{note}</span> : null}
          </span>
          <span class="row-time">{formatTime(track.durationMs)}</span>
        </button>
        <span class="row-actions">
          {canEdit ? (
            <>
              <IconButton label="Add to queue" hoverOnly onClick={queue}>
                <QueueIcon />
              </IconButton>
              <IconButton
                label="Add to playlist"
                hoverOnly
                expanded={panel === 'picker'}
                controls={`${id}-picker`}
                onClick={() => setPanel(panel === 'picker' ? null : 'picker')}
              >
                <PlaylistAddIcon />
              </IconButton>
            </>
          ) : null}
          <IconButton
            label="More actions"
            menu
            expanded={panel === 'menu'}
            onClick={() => (panel === 'menu' ? close(true) : openMenu())}
          >
            <MoreIcon />
          </IconButton>
        </span>
      </div>
      {panel === 'menu' ? <RowMenu label={`Actions for ${name}`} actions={menu} onClose={close} /> : null}
      {panel === 'picker' ? (
        <PlaylistPicker
          id={`${id}-picker`}
          trackName={track.name}
          uri={track.uri}
          onClose={() => close(true)}
        />
      ) : null}
    </li>
  );
}

function IconButton(props: {
  label: string;
  onClick: () => void;
  children: ComponentChildren;
  hoverOnly?: boolean;
  menu?: boolean;
  expanded?: boolean;
  controls?: string;
}): JSX.Element {
  return (
    <button
      type="button"
      class={props.hoverOnly === true ? 'row-icon hover-only' : 'row-icon'}
      {...STOP}
      aria-label={props.label}
      title={props.label}
      aria-haspopup={props.menu === true ? 'menu' : undefined}
      aria-expanded={props.expanded}
      aria-controls={props.expanded === true ? props.controls : undefined}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/**
 * An album, playlist or artist: the row opens it (albums, playlists) or plays it (artists); "Play" plays
 * it as a context from the start.
 */
export function ContextRow({
  uri,
  name,
  sub,
  artUrl,
  onOpen,
}: {
  uri: string;
  name: string;
  sub: string;
  artUrl: string | null;
  onOpen?: (() => void) | undefined;
}): JSX.Element {
  const { actions, store } = useServices();
  const [busy, setBusy] = useState(false);
  const play = (): void => {
    setBusy(true);
    void actions
      .playContext({ context: uri })
      .then((result) => reportFailure(store, result))
      .finally(() => setBusy(false));
  };
  return (
    <li data-row class="track-row">
      <div class="row-line">
        <button
          type="button"
          class="row-button"
          {...STOP}
          aria-busy={busy && onOpen === undefined ? 'true' : undefined}
          onClick={onOpen ?? play}
        >
          <Artwork url={artUrl} size="small" />
          <span class="row-text">
            <span class="row-title">
              <span class="visually-hidden">{onOpen !== undefined ? 'Open ' : 'Play '}</span>
              {name}
            </span>
            <span class="row-sub">{sub}</span>
          </span>
        </button>
        {onOpen !== undefined ? (
          <span class="row-actions">
            <button
              type="button"
              class="row-icon"
              {...STOP}
              aria-label={`Play ${name}`}
              title="Play"
              aria-busy={busy ? 'true' : undefined}
              onClick={play}
            >
              <PlaySmallIcon />
            </button>
          </span>
        ) : null}
      </div>
    </li>
  );
}
