import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { CommandKind, PlayerSnapshot, RepeatState } from '../../shared/player.ts';
import type { UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { formatArtists } from '../format.ts';
import { Artwork } from './Artwork.tsx';
import {
  AddIcon,
  HeartIcon,
  NextIcon,
  PauseIcon,
  PlayIcon,
  PreviousIcon,
  RepeatIcon,
  RepeatOneIcon,
  ShuffleIcon,
} from './icons.tsx';
import { PlaylistPicker } from './PlaylistPicker.tsx';
import { Progress } from './Progress.tsx';
import { Volume } from './Volume.tsx';

const REPEAT_LABEL: Record<RepeatState, string> = {
  off: 'Repeat: off',
  context: 'Repeat: all',
  track: 'Repeat: one track',
};

function pending(snapshot: PlayerSnapshot, ...kinds: CommandKind[]): 'true' | undefined {
  return snapshot.pending.some((p) => kinds.includes(p.kind)) ? 'true' : undefined;
}

/** The main panel: artwork, title, seek bar, transport, volume, like and "add to playlist". */
export function NowPlaying({ state }: { state: UiState }): JSX.Element {
  const { actions } = useServices();
  const [pickerOpen, setPickerOpen] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const snapshot = state.snapshot;

  if (snapshot === null) {
    return (
      <section class="now-playing" data-testid="now-playing" aria-labelledby="np-heading" aria-busy="true">
        <h2 id="np-heading">Now playing</h2>
        <p class="muted">Loading…</p>
      </section>
    );
  }

  const item = snapshot.item;
  const no = (action: string): boolean => snapshot.disallows.includes(action);
  const playDisallowed = snapshot.isPlaying ? no('pausing') : no('resuming');
  const closePicker = (): void => {
    setPickerOpen(false);
    addButton.current?.focus();
  };

  return (
    <section class="now-playing" data-testid="now-playing" aria-labelledby="np-heading">
      <h2 id="np-heading" class="visually-hidden">
        Now playing
      </h2>
      <Artwork url={item?.artUrl ?? null} size="large" />
      <div class="track-info">
        {item === null ? (
          <>
            <p class="title">Nothing playing</p>
            <p class="hint muted">Start something in Spotify, or pick a song from Liked.</p>
          </>
        ) : (
          <>
            <p class="title" data-testid="track-title">
              {item.name}
            </p>
            <p class="artists" data-testid="track-artists">
              {formatArtists(item.artists)}
            </p>
          </>
        )}
        {snapshot.device !== null ? <p class="device-name muted">On {snapshot.device.name}</p> : null}
      </div>

      <Progress state={state} />

      <div class="transport" role="group" aria-label="Playback">
        <button
          type="button"
          class="icon-button"
          aria-label="Shuffle"
          aria-pressed={snapshot.shuffle}
          aria-busy={pending(snapshot, 'shuffle')}
          disabled={no('toggling_shuffle')}
          onClick={() => actions.setShuffle(!snapshot.shuffle)}
        >
          <ShuffleIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Previous track"
          aria-busy={pending(snapshot, 'previous')}
          disabled={no('skipping_prev')}
          onClick={actions.previous}
        >
          <PreviousIcon />
        </button>
        <button
          type="button"
          class="icon-button play-button"
          aria-label={snapshot.isPlaying ? 'Pause' : 'Play'}
          aria-busy={pending(snapshot, 'play', 'pause')}
          disabled={playDisallowed}
          onClick={actions.togglePlay}
        >
          {snapshot.isPlaying ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Next track"
          aria-busy={pending(snapshot, 'next')}
          disabled={no('skipping_next')}
          onClick={actions.next}
        >
          <NextIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={REPEAT_LABEL[snapshot.repeat]}
          aria-pressed={snapshot.repeat !== 'off'}
          aria-busy={pending(snapshot, 'repeat')}
          onClick={actions.cycleRepeat}
        >
          {snapshot.repeat === 'track' ? <RepeatOneIcon /> : <RepeatIcon />}
        </button>
      </div>

      <div class="extras">
        <button
          type="button"
          class="icon-button"
          aria-label="Like"
          aria-pressed={snapshot.liked === true}
          aria-busy={pending(snapshot, 'like')}
          disabled={item === null || item.isLocal}
          onClick={actions.toggleLike}
        >
          <HeartIcon filled={snapshot.liked === true} />
        </button>
        <Volume state={state} />
        <button
          ref={addButton}
          type="button"
          class="icon-button"
          aria-label="Add to playlist"
          aria-expanded={pickerOpen}
          aria-controls={pickerOpen ? 'playlist-picker' : undefined}
          disabled={item === null || item.isLocal}
          onClick={() => setPickerOpen(!pickerOpen)}
        >
          <AddIcon />
        </button>
      </div>
      {pickerOpen && item !== null ? <PlaylistPicker trackName={item.name} onClose={closePicker} /> : null}
    </section>
  );
}
