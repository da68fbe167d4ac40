/**
 * When a read confirms an optimistic Previous. The e2e failure this pins down (issue 9): Next to B, then
 * Previous a second later; Spotify's reads lag, and the stale read still showing B near its start was
 * taken for "Previous restarted B", so the overlay went and the title stayed on B while Spotify was on A.
 */
import { describe, expect, it } from 'vitest';
import { toPlaybackModel } from '../../../../src/main/spotify/player/model.ts';
import { confirms, type OptimisticChange } from '../../../../src/main/spotify/player/optimistic.ts';
import { PlayerStore } from '../../../../src/main/spotify/player/store.ts';
import type { PlaybackState } from '../../../../src/main/spotify/schemas.ts';

const T = 1_000_000;

function stateOn(id: string, progressMs: number): PlaybackState {
  return {
    context: { type: 'playlist', uri: 'spotify:playlist:p' },
    timestamp: 0,
    progress_ms: progressMs,
    is_playing: true,
    currently_playing_type: 'track',
    actions: {},
    shuffle_state: false,
    repeat_state: 'off',
    device: {
      id: 'd1',
      is_active: true,
      is_private_session: false,
      is_restricted: false,
      name: 'Desk',
      type: 'Computer',
      volume_percent: 40,
      supports_volume: true,
    },
    item: {
      type: 'track',
      id,
      uri: `spotify:track:${id}`,
      name: id,
      duration_ms: 200_000,
      explicit: false,
      is_local: false,
      artists: [{ id: 'a1', name: 'One', uri: 'spotify:artist:a1' }],
      album: { id: 'al', name: 'Album', uri: 'spotify:album:al', images: [] },
    },
  };
}

function previous(fromId: string, fromProgressMs: number | null, at: number): OptimisticChange {
  return { kind: 'skip', direction: 'previous', fromUri: `spotify:track:${fromId}`, fromProgressMs, at };
}

function view(id: string, progressMs: number, readAt: number) {
  return { playback: toPlaybackModel(stateOn(id, progressMs), readAt), liked: null };
}

describe('confirms: Previous', () => {
  it('a stale read of the item just skipped to (near its start, as at the press) does not confirm it', () => {
    // Pressed 1.5 s into B; the read 0.8 s later still shows B, 2.3 s in: nothing jumped back.
    const change = previous('b', 1_500, T);
    expect(confirms(change, view('b', 2_300, T + 800), T + 800)).toBe(false);
  });

  it('a read of another item confirms it', () => {
    expect(confirms(previous('b', 1_500, T), view('a', 300, T + 800), T + 800)).toBe(true);
  });

  it('late in a track, the same item back near its start confirms it (Spotify restarted it)', () => {
    expect(confirms(previous('b', 60_000, T), view('b', 500, T + 800), T + 800)).toBe(true);
  });

  it('late in a track, the same item still far in does not (a stale read)', () => {
    expect(confirms(previous('b', 60_000, T), view('b', 60_700, T + 800), T + 800)).toBe(false);
  });

  it('without a read position at the press, the same item never confirms it (the deadline decides)', () => {
    const change = previous('b', null, T);
    expect(confirms(change, view('b', 200, T + 800), T + 800)).toBe(false);
  });
});

describe('PlayerStore: Previous right after Next', () => {
  it('holds the skip over a stale read and ends it with the read that shows the previous item', () => {
    const store = new PlayerStore({ settleMs: 2_000, lastDeviceId: null });
    // The read that confirmed Next: B, 1 s in.
    store.applyRead(toPlaybackModel(stateOn('b', 1_000), T), store.seq, T, T);
    const pressedAt = T + 500;
    expect(store.readProgressMs(pressedAt)).toBe(1_500);
    const op = store.addOperation('previous', {
      kind: 'skip',
      direction: 'previous',
      fromUri: store.readItem?.uri ?? null,
      fromProgressMs: store.readProgressMs(pressedAt),
      at: pressedAt,
    });
    store.operationSucceeded(op.id, pressedAt + 100);
    expect(store.shown()?.item).toBeNull();

    // The read after the command, before the settle deadline: Spotify's answer still lags (B, 2.3 s in).
    const staleAt = pressedAt + 800;
    store.applyRead(toPlaybackModel(stateOn('b', 2_300), staleAt), store.seq, staleAt - 50, staleAt);
    expect(store.shown()?.item).toBeNull();
    expect(store.settleDeadline(staleAt - 50)).toBe(pressedAt + 100 + 2_000);

    // The next read shows A: the skip is confirmed and A shown.
    const freshAt = pressedAt + 1_500;
    store.applyRead(toPlaybackModel(stateOn('a', 1_000), freshAt), store.seq, freshAt - 50, freshAt);
    expect(store.shown()?.item?.uri).toBe('spotify:track:a');
    expect(store.settleDeadline(freshAt - 50)).toBeNull();
  });
});
