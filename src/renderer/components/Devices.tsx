import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlayerDevice } from '../../shared/player.ts';
import { controlState } from '../../shared/player-controls.ts';
import type { UiState } from '../api.ts';
import { useServices } from '../context.ts';
import { deviceDetail } from '../format.ts';
import { LockIcon } from './icons.tsx';

function usable(device: PlayerDevice): device is PlayerDevice & { id: string } {
  return device.id !== null && !device.isRestricted;
}

/**
 * The device picker: a radio group where the checked radio is the active device. Arrows move focus
 * only; Space or Enter picks (selection does not follow focus, so browsing never moves playback).
 */
export function Devices({ state }: { state: UiState }): JSX.Element {
  const { actions, store } = useServices();
  const devices = state.snapshot?.devices ?? [];
  const isPlaying = state.snapshot?.isPlaying === true;
  const [moving, setMoving] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const radios = useRef<(HTMLElement | null)[]>([]);
  const busy = moving !== null || state.snapshot?.pending.some((p) => p.kind === 'transfer') === true;
  // Spotify may disallow moving playback (during an ad): every other device says why, before the press.
  const transferRefusal = state.snapshot === null ? null : controlState(state.snapshot, 'transfer').reason;
  const blocked = (device: PlayerDevice): boolean => transferRefusal !== null && !device.isActive;

  // The list is only fetched on demand (polling it would cost quota).
  useEffect(() => actions.refreshDevices(), [actions]);

  useEffect(() => {
    const active = devices.findIndex((d) => d.isActive);
    setFocusIndex((i) => (active >= 0 ? active : Math.min(i, Math.max(0, devices.length - 1))));
  }, [devices]);

  const pick = (device: PlayerDevice): void => {
    if (!usable(device) || device.isActive || blocked(device) || moving !== null) return;
    setMoving(device.id);
    void actions.transfer(device.id).then((result) => {
      setMoving(null);
      if (result?.ok === true) store.announce(`Playing on ${device.name}`);
    });
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLElement>, index: number): void => {
    const last = devices.length - 1;
    const to =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to !== null) {
      event.preventDefault();
      setFocusIndex(to);
      radios.current[to]?.focus();
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const device = devices[index];
      if (device !== undefined) pick(device);
    }
  };

  return (
    <section class="panel" aria-labelledby="devices-heading" aria-busy={busy ? 'true' : undefined}>
      <div class="panel-head">
        <h2 id="devices-heading">Devices</h2>
        <button type="button" class="text-button" onClick={actions.refreshDevices}>
          Refresh devices
        </button>
      </div>
      {devices.length === 0 ? (
        <p class="muted">
          No devices found. Open Spotify on a phone, computer or speaker, then choose Refresh devices.
        </p>
      ) : (
        <div class="list device-list" role="radiogroup" aria-labelledby="devices-heading">
          {devices.map((device, index) => (
            <div
              key={device.id ?? `${device.name}-${index}`}
              ref={(el) => {
                radios.current[index] = el;
              }}
              role="radio"
              class={usable(device) ? 'row-button device' : 'row-button device restricted'}
              aria-checked={device.isActive}
              aria-disabled={usable(device) && !blocked(device) ? undefined : 'true'}
              title={blocked(device) ? (transferRefusal ?? undefined) : undefined}
              aria-busy={moving !== null && moving === device.id ? 'true' : undefined}
              aria-describedby={`device-detail-${index}`}
              tabIndex={index === focusIndex ? 0 : -1}
              onClick={() => pick(device)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              <span class="check" aria-hidden="true">
                {device.isActive ? '✓' : usable(device) ? '' : <LockIcon />}
              </span>
              <span class="row-text">
                <span class="row-title">{device.name}</span>
                <span class="row-sub" id={`device-detail-${index}`}>
                  {deviceDetail(device, isPlaying)}
                </span>
              </span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** For the 'no-device' banner: one "Play here" button per device that can take playback. */
export function PlayHereList({ devices }: { devices: readonly PlayerDevice[] }): JSX.Element {
  const { actions, store } = useServices();
  const [moving, setMoving] = useState<string | null>(null);
  const targets = devices.filter(usable);
  if (targets.length === 0) {
    return (
      <p>
        <button type="button" class="text-button" onClick={actions.refreshDevices}>
          Refresh devices
        </button>
      </p>
    );
  }
  return (
    <ul class="list play-here">
      {targets.map((device) => (
        <li key={device.id}>
          <span class="row-title" title={device.name}>
            {device.name}
          </span>
          <button
            type="button"
            class="small-button play-here-button"
            aria-label={`Play here: ${device.name}`}
            aria-busy={moving === device.id ? 'true' : undefined}
            disabled={moving !== null}
            onClick={() => {
              setMoving(device.id);
              void actions.transfer(device.id, true).then((result) => {
                setMoving(null);
                if (result?.ok === true) store.announce(`Playing on ${device.name}`);
              });
            }}
          >
            Play here
          </button>
        </li>
      ))}
    </ul>
  );
}
