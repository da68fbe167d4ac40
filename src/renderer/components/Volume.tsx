import type { JSX, TargetedKeyboardEvent } from 'preact';
import { currentVolume, type UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { arrowDirection, VOLUME_STEP } from '../keyboard.ts';
import { VolumeIcon } from './icons.tsx';

/** Volume: every drag value goes to the coalescer, which keeps one request in flight (latest wins). */
export function Volume({ state }: { state: UiState }): JSX.Element {
  const { actions } = useServices();
  const volume = currentVolume(state);
  const device = state.snapshot?.device ?? null;
  const unsupported = volume === null || (device !== null && !device.supportsVolume);
  const busy = state.snapshot?.pending.some((p) => p.kind === 'volume') === true;

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>): void => {
    const sign = arrowDirection(event.key);
    if (sign === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    actions.volumeBy(sign * VOLUME_STEP);
  };

  return (
    <div class="volume">
      <VolumeIcon />
      <input
        type="range"
        class="slider"
        aria-label={unsupported ? 'Volume (not available on this device)' : 'Volume'}
        aria-valuetext={volume === null ? 'unavailable' : `${volume}%`}
        aria-busy={busy ? 'true' : undefined}
        min={0}
        max={100}
        step={1}
        value={volume ?? 0}
        disabled={unsupported}
        onInput={(e) => actions.setVolume(Number(e.currentTarget.value))}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
