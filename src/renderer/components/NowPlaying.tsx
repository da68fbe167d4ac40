import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { CommandKind, PlayerDevice, PlayerSnapshot, RepeatState } from '../../shared/player.ts';
import { controlState, shownItem, type PlayerControl, type ShownItem } from '../../shared/player-controls.ts';
import { errorMessage, type UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { disabledProps } from '../disabled-props.ts';
import { deviceLine } from '../format.ts';
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
import { Marquee } from './Marquee.tsx';
import { PlaylistPicker } from './PlaylistPicker.tsx';
import { Progress } from './Progress.tsx';
import { useWheelVolume, Volume } from './Volume.tsx';

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
  const onWheel = useWheelVolume(state);
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
  // Disabled before the press, with the reason as the button's description (Spotify's disallows, the item);
  // enabled, the tooltip says what the button does (every icon button has one).
  const control = (name: PlayerControl, tooltip: string) =>
    disabledProps(controlState(snapshot, name), tooltip);
  const addable = controlState(snapshot, 'addToPlaylist').enabled;
  const closePicker = (): void => {
    setPickerOpen(false);
    addButton.current?.focus();
  };
  const playing = snapshot.isPlaying;

  return (
    <section
      class="now-playing"
      data-testid="now-playing"
      data-mode={snapshot.connection.status === 'local' ? 'local' : undefined}
      aria-labelledby="np-heading"
    >
      <h2 id="np-heading" class="visually-hidden">
        Now playing
      </h2>
      {/* The art takes the room the controls leave; the wheel over it changes the volume, as on the slider. */}
      <div class="art-frame" data-testid="art-frame" onWheel={onWheel}>
        {/* Only tracks and episodes have cover art of their own; an ad's would be Spotify's to show. */}
        <Artwork
          url={shown.kind === 'track' || shown.kind === 'episode' ? (snapshot.item?.artUrl ?? null) : null}
          size="large"
        />
      </div>
      <div
        class="track-info"
        data-testid="track-info"
        data-kind={shown.kind}
        aria-busy={shown.kind === 'loading' ? 'true' : undefined}
      >
        <TrackLines shown={shown} />
        {snapshot.device !== null ? <DeviceLine snapshot={snapshot} device={snapshot.device} /> : null}
      </div>

      <Progress state={state} />

      <div class="transport" role="group" aria-label="Playback">
        <button
          type="button"
          class="icon-button state-toggle"
          aria-label="Shuffle"
          aria-pressed={snapshot.shuffle}
          aria-busy={pending(snapshot, 'shuffle')}
          data-icon={snapshot.shuffle ? 'shuffle-on' : 'shuffle'}
          {...control('shuffle', snapshot.shuffle ? 'Shuffle: on' : 'Shuffle: off')}
          onClick={() => actions.setShuffle(!snapshot.shuffle)}
        >
          <ShuffleIcon />
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Previous track"
          aria-busy={pending(snapshot, 'previous')}
          {...control('previous', 'Previous track')}
          onClick={actions.previous}
        >
          <PreviousIcon />
        </button>
        <button
          type="button"
          class="icon-button play-button"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-busy={pending(snapshot, 'play', 'pause')}
          {...control('playPause', playing ? 'Pause (Space)' : 'Play (Space)')}
          onClick={actions.togglePlay}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Next track"
          aria-busy={pending(snapshot, 'next')}
          {...control('next', 'Next track')}
          onClick={actions.next}
        >
          <NextIcon />
        </button>
        <button
          type="button"
          class="icon-button state-toggle"
          aria-label={REPEAT_LABEL[snapshot.repeat]}
          aria-pressed={snapshot.repeat !== 'off'}
          aria-busy={pending(snapshot, 'repeat')}
          data-icon={
            snapshot.repeat === 'track'
              ? 'repeat-one'
              : snapshot.repeat === 'context'
                ? 'repeat-on'
                : 'repeat'
          }
          {...control('repeat', REPEAT_LABEL[snapshot.repeat])}
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
          {...control('like', snapshot.liked === true ? 'Remove from Liked Songs' : 'Save to Liked Songs')}
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
          {...control('addToPlaylist', 'Add to playlist')}
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

function DeviceLine({ snapshot, device }: { snapshot: PlayerSnapshot; device: PlayerDevice }): JSX.Element {
  const line = deviceLine(device, snapshot.connection.status === 'local');
  return (
    <p class="device-name muted" data-testid="device-line" title={line}>
      {line}
    </p>
  );
}

/**
 * Title and artists. Each line is cut to fit and scrolls while hovered or focused; the whole reads in the
 * tooltip. For a track or an episode the lines are a button that copies "title — artist".
 */
function TrackLines({ shown }: { shown: ShownItem }): JSX.Element {
  const { api, store } = useServices();
  if (shown.kind === 'nothing') {
    return (
      <>
        <p class="title">{shown.title}</p>
        <p class="hint muted">{shown.subtitle}</p>
      </>
    );
  }
  const full = shown.subtitle !== null ? `${shown.title} — ${shown.subtitle}` : shown.title;
  const lines = (
    <>
      <Marquee
        class={shown.kind === 'loading' ? 'title muted' : 'title'}
        text={shown.title}
        testId="track-title"
      />
      {shown.subtitle !== null ? (
        <Marquee
          class={shown.kind === 'track' || shown.kind === 'episode' ? 'artists' : 'artists muted'}
          text={shown.subtitle}
          testId="track-artists"
        />
      ) : null}
    </>
  );
  if (shown.kind !== 'track' && shown.kind !== 'episode') {
    return (
      <div class="marquee-host track-lines" title={full}>
        {lines}
      </div>
    );
  }
  const copy = (): void => {
    api.ui.copyText({ text: full }).then(
      () => store.announce(`Copied “${full}”`),
      (e: unknown) => store.update({ localError: `Could not copy the title: ${errorMessage(e)}` }),
    );
  };
  return (
    <button
      type="button"
      class="marquee-host track-lines track-copy"
      title={`${full}\nClick to copy`}
      onClick={copy}
    >
      {lines}
    </button>
  );
}
