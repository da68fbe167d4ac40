import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { CommandKind, PlayerSnapshot, RepeatState } from '../../shared/player.ts';
import { controlState, shownItem, type PlayerControl } from '../../shared/player-controls.ts';
import type { UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { disabledProps } from '../disabled-props.ts';
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

  const shown = shownItem(snapshot);
  // Disabled before the press, with the reason as the button's description (Spotify's disallows, the item).
  const control = (name: PlayerControl) => disabledProps(controlState(snapshot, name));
  const addable = controlState(snapshot, 'addToPlaylist').enabled;
  const closePicker = (): void => {
    setPickerOpen(false);
    addButton.current?.focus();
  };

  return (
    <section class="now-playing" data-testid="now-playing" aria-labelledby="np-heading">
      <h2 id="np-heading" class="visually-hidden">
        Now playing
      </h2>
      {/* Only tracks and episodes have cover art of their own; an ad's would be Spotify's to show. */}
      <Artwork
        url={shown.kind === 'track' || shown.kind === 'episode' ? (snapshot.item?.artUrl ?? null) : null}
        size="large"
      />
      <div
        class="track-info"
        data-testid="track-info"
        data-kind={shown.kind}
        aria-busy={shown.kind === 'loading' ? 'true' : undefined}
      >
        {shown.kind === 'nothing' ? (
          <>
            <p class="title">{shown.title}</p>
            <p class="hint muted">{shown.subtitle}</p>
          </>
        ) : (
          <>
            <p class={shown.kind === 'loading' ? 'title muted' : 'title'} data-testid="track-title">
              {shown.title}
            </p>
            {shown.subtitle !== null ? (
              <p
                class={shown.kind === 'track' || shown.kind === 'episode' ? 'artists' : 'artists muted'}
                data-testid="track-artists"
              >
                {shown.subtitle}
              </p>
            ) : null}
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
          {...control('shuffle')}
          onClick={() => actions.setShuffle(!snapshot.shuffle)}
        >
          <ShuffleIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Previous track"
          aria-busy={pending(snapshot, 'previous')}
          {...control('previous')}
          onClick={actions.previous}
        >
          <PreviousIcon />
        </button>
        <button
          type="button"
          class="icon-button play-button"
          aria-label={snapshot.isPlaying ? 'Pause' : 'Play'}
          aria-busy={pending(snapshot, 'play', 'pause')}
          {...control('playPause')}
          onClick={actions.togglePlay}
        >
          {snapshot.isPlaying ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Next track"
          aria-busy={pending(snapshot, 'next')}
          {...control('next')}
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
          {...control('repeat')}
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
          {...control('like')}
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
          aria-expanded={pickerOpen && addable}
          aria-controls={pickerOpen && addable ? 'playlist-picker' : undefined}
          {...control('addToPlaylist')}
          onClick={() => setPickerOpen(!pickerOpen)}
        >
          <AddIcon />
        </button>
      </div>
      {/* The picker goes when what plays can no longer be added (an ad came, a skip is loading). */}
      {pickerOpen && addable && snapshot.item !== null ? (
        <PlaylistPicker trackName={snapshot.item.name} onClose={closePicker} />
      ) : null}
    </section>
  );
}
