import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { controlState } from '../../shared/player-controls.ts';
import { currentProgressMs, type UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { disabledProps } from '../disabled-props.ts';
import { formatPosition, formatTime } from '../format.ts';
import { arrowDirection, SEEK_STEP_MS } from '../keyboard.ts';

/**
 * The seek bar: a native range (whole seconds), moved locally between snapshots with `progressAt` on
 * each animation frame; main is only asked when the user seeks.
 */
export function Progress({ state }: { state: UiState }): JSX.Element {
  const { actions, store, now } = useServices();
  const item = state.snapshot?.item ?? null;
  const playing = state.snapshot?.isPlaying === true;
  /** Seconds under the thumb while the user drags (nothing is sent until release). */
  const [drag, setDrag] = useState<number | null>(null);
  const [, setShownSecond] = useState(0);

  useEffect(() => {
    if (!playing || drag !== null) return;
    // Re-render only when the shown second changes: cheap, yet in step with the snapshot.
    let frame = 0;
    const tick = (): void => {
      setShownSecond(Math.floor(currentProgressMs(store.get(), now()) / 1000));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, drag, store, now]);

  const durationMs = item?.durationMs ?? 0;
  const positionMs = item === null ? 0 : drag !== null ? drag * 1000 : currentProgressMs(state, now());
  // Nothing loaded, a length Spotify does not give, an ad, or seeking disallowed: with the reason.
  const seek = disabledProps(
    state.snapshot === null ? { enabled: false, reason: null } : controlState(state.snapshot, 'seek'),
  );
  const busy = state.snapshot?.pending.some((p) => p.kind === 'seek') === true;

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>): void => {
    // Arrows seek by the same step as the window's ←/→ (the native step of one second is too fine).
    const sign = arrowDirection(event.key);
    if (sign === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    actions.seekBy(sign * SEEK_STEP_MS);
  };

  return (
    <div class="progress">
      <input
        type="range"
        class="slider"
        aria-label="Seek"
        aria-valuetext={formatPosition(positionMs, durationMs)}
        aria-busy={busy ? 'true' : undefined}
        min={0}
        max={Math.max(1, Math.ceil(durationMs / 1000))}
        step={1}
        value={Math.floor(positionMs / 1000)}
        {...seek}
        onInput={(e) => setDrag(Number(e.currentTarget.value))}
        onChange={(e) => {
          actions.seekTo(Number(e.currentTarget.value) * 1000);
          setDrag(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div class="times" aria-hidden="true">
        <span>{formatTime(positionMs)}</span>
        <span>{formatTime(durationMs)}</span>
      </div>
    </div>
  );
}
