import type { JSX, TargetedKeyboardEvent, TargetedWheelEvent } from 'preact';
import { useMemo } from 'preact/hooks';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { currentVolume, type UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { arrowDirection, VOLUME_STEP } from '../keyboard.ts';
import { createWheelStepper } from '../wheel.ts';
import { VolumeIcon, VolumeOffIcon } from './icons.tsx';

/**
 * Whether the volume can be changed now: an account (local mode has none: Spotify's own media interface
 * ignores volume), a device that has one, and a volume Spotify reported. `noControl` is the short line
 * shown instead of the slider, `why` the whole reason when the line is a short form of it.
 */
function volumeControl(state: UiState): { volume: number | null; noControl: string | null; why?: string } {
  if (state.snapshot?.connection.status === 'local') {
    return { volume: null, noControl: 'Volume needs an account', why: USER_MESSAGES.needsAccount };
  }
  const device = state.snapshot?.device ?? null;
  if (device !== null && !device.supportsVolume) {
    return { volume: null, noControl: `${device.name} has no volume control here` };
  }
  const volume = currentVolume(state);
  return { volume, noControl: volume === null ? 'Volume unavailable' : null };
}

/**
 * Mouse-wheel volume, one step per notch, for the slider and the artwork. It goes the slider's way (the
 * coalescer keeps one request in flight, latest wins), and the wheel over them does not scroll the panel.
 */
export function useWheelVolume(state: UiState): (event: TargetedWheelEvent<HTMLElement>) => void {
  const { actions } = useServices();
  const step = useMemo(() => createWheelStepper(), []);
  const usable = volumeControl(state).noControl === null;
  return (event) => {
    if (!usable || event.ctrlKey) return; // Ctrl+wheel is the browser's zoom
    event.preventDefault();
    const sign = step(event);
    if (sign !== 0) actions.volumeBy(sign * VOLUME_STEP);
  };
}

/** Volume: every drag value goes to the coalescer, which keeps one request in flight (latest wins). */
export function Volume({ state }: { state: UiState }): JSX.Element {
  const { actions } = useServices();
  const { volume, noControl, why } = volumeControl(state);
  const busy = state.snapshot?.pending.some((p) => p.kind === 'volume') === true;
  const onWheel = useWheelVolume(state);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>): void => {
    const sign = arrowDirection(event.key);
    if (sign === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    actions.volumeBy(sign * VOLUME_STEP);
  };

  // No slider drawn at 0 where there is no volume to show: the words say why instead.
  if (noControl !== null || volume === null) {
    return (
      <p class="volume volume-none" data-testid="volume-unavailable" title={why ?? noControl ?? undefined}>
        <VolumeOffIcon />
        <span class="volume-none-text">{noControl}</span>
      </p>
    );
  }
  return (
    <div class="volume" title={`Volume: ${volume}%`}>
      <VolumeIcon />
      <input
        type="range"
        class="slider"
        aria-label="Volume"
        aria-valuetext={`${volume}%`}
        aria-busy={busy ? 'true' : undefined}
        min={0}
        max={100}
        step={1}
        value={volume}
        onInput={(e) => actions.setVolume(Number(e.currentTarget.value))}
        onKeyDown={onKeyDown}
        onWheel={onWheel}
      />
    </div>
  );
}
