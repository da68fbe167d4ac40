import { describe, expect, it } from 'vitest';
import { SpotifyApiError } from '../../../../src/main/spotify/errors.ts';
import { CommandQueue } from '../../../../src/main/spotify/player/command-queue.ts';
import { ConnectionTracker } from '../../../../src/main/spotify/player/connection.ts';
import { effectOf } from '../../../../src/main/spotify/player/failures.ts';
import {
  progressOf,
  toPlaybackModel,
  trackEndsAt,
  type PlayerView,
} from '../../../../src/main/spotify/player/model.ts';
import { applyAll, applyOptimistic } from '../../../../src/main/spotify/player/optimistic.ts';
import { PlayerStore } from '../../../../src/main/spotify/player/store.ts';
import { nextRepeatMode } from '../../../../src/main/spotify/player/types.ts';
import type { PlaybackState } from '../../../../src/main/spotify/schemas.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CommandQueue', () => {
  it('runs commands one at a time, in order', async () => {
    const log: string[] = [];
    const queue = new CommandQueue<string>({ onError: () => 'error' });
    const gates = [deferred(), deferred(), deferred()];
    const results = gates.map((gate, i) =>
      queue.enqueue({
        run: async () => {
          log.push(`start ${i}`);
          await gate.promise;
          log.push(`end ${i}`);
          return `r${i}`;
        },
      }),
    );
    expect(queue.busy).toBe(true);
    gates[2]!.resolve();
    gates[1]!.resolve();
    gates[0]!.resolve();
    expect(await Promise.all(results)).toEqual(['r0', 'r1', 'r2']);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(queue.busy).toBe(false);
  });

  it('latest wins among waiting commands with the same key; every caller gets the final result', async () => {
    const sent: number[] = [];
    let idle = 0;
    const queue = new CommandQueue<number>({ onError: () => -1, onIdle: () => idle++ });
    const gate = deferred();
    const superseded: number[] = [];
    const results: Promise<number>[] = [];
    for (let value = 1; value <= 50; value++) {
      results.push(
        queue.enqueue({
          key: 'volume',
          run: async () => {
            sent.push(value);
            if (value === 1) await gate.promise;
            return value;
          },
          onSuperseded: () => superseded.push(value),
        }),
      );
    }
    expect(queue.waiting).toBe(1);
    gate.resolve();
    const settled = await Promise.all(results);
    expect(sent).toEqual([1, 50]);
    expect(settled[0]).toBe(1);
    expect(settled.slice(1).every((v) => v === 50)).toBe(true);
    expect(superseded).toHaveLength(48);
    expect(idle).toBe(1);
  });

  it('does not merge commands without a key, or across keys', async () => {
    const sent: string[] = [];
    const queue = new CommandQueue<void>({ onError: () => undefined });
    const gate = deferred();
    const run = (name: string) => async () => {
      sent.push(name);
      if (name === 'first') await gate.promise;
    };
    const all = [
      queue.enqueue({ run: run('first') }),
      queue.enqueue({ run: run('next') }),
      queue.enqueue({ run: run('next') }),
      queue.enqueue({ key: 'seek', run: run('seek') }),
      queue.enqueue({ key: 'volume', run: run('volume') }),
    ];
    gate.resolve();
    await Promise.all(all);
    expect(sent).toEqual(['first', 'next', 'next', 'seek', 'volume']);
  });

  it('turns a rejecting command into onError and carries on', async () => {
    const queue = new CommandQueue<string>({ onError: (e) => `error: ${(e as Error).message}` });
    const a = queue.enqueue({ run: () => Promise.reject(new Error('boom')) });
    const b = queue.enqueue({ run: () => Promise.resolve('fine') });
    expect(await a).toBe('error: boom');
    expect(await b).toBe('fine');
  });

  it('drop() settles the waiting commands with the given result', async () => {
    const queue = new CommandQueue<string>({ onError: () => 'error' });
    const gate = deferred();
    const running = queue.enqueue({ run: () => gate.promise.then(() => 'ran') });
    const waiting = queue.enqueue({ run: () => Promise.resolve('never') });
    queue.drop('dropped');
    gate.resolve();
    expect(await running).toBe('ran');
    expect(await waiting).toBe('dropped');
  });
});

const STATE: PlaybackState = {
  context: { type: 'album', uri: 'spotify:album:a' },
  timestamp: 0,
  progress_ms: 10_000,
  is_playing: true,
  currently_playing_type: 'track',
  actions: { skipping_prev: true },
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
    id: 't1',
    uri: 'spotify:track:t1',
    name: 'Song',
    duration_ms: 100_000,
    explicit: false,
    is_local: false,
    artists: [
      { id: 'a1', name: 'One', uri: 'spotify:artist:a1' },
      { id: 'a2', name: 'Two', uri: 'spotify:artist:a2' },
    ],
    album: {
      id: 'al',
      name: 'Album',
      uri: 'spotify:album:a',
      images: [
        { url: 'small', width: 64, height: 64 },
        { url: 'big', width: 640, height: 640 },
      ],
    },
  },
};

describe('player model', () => {
  const T = 5_000_000;
  const model = toPlaybackModel(STATE, T);

  it('maps what the UI needs', () => {
    expect(model.item).toEqual({
      uri: 'spotify:track:t1',
      id: 't1',
      type: 'track',
      name: 'Song',
      artists: ['One', 'Two'],
      album: 'Album',
      artUrl: 'big',
      durationMs: 100_000,
      isLocal: false,
    });
    expect(model).toMatchObject({
      volumePercent: 40,
      contextUri: 'spotify:album:a',
      disallows: ['skipping_prev'],
    });
  });

  it('interpolates progress while playing, capped at the duration', () => {
    expect(progressOf(model, T + 5_000)).toBe(15_000);
    expect(progressOf(model, T + 500_000)).toBe(100_000);
    expect(progressOf({ ...model, isPlaying: false }, T + 5_000)).toBe(10_000);
    expect(trackEndsAt(model, T + 1_000)).toBe(T + 90_000);
    expect(trackEndsAt({ ...model, isPlaying: false }, T)).toBeNull();
  });

  describe('optimistic changes', () => {
    const view: PlayerView = { playback: model, liked: { uri: 'spotify:track:t1', value: false } };

    it('pause freezes progress where it stood; play restarts it from there', () => {
      const paused = applyOptimistic(view, { kind: 'pause', at: T + 3_000 }).playback!;
      expect(paused.isPlaying).toBe(false);
      expect(progressOf(paused, T + 60_000)).toBe(13_000);
      const resumed = applyOptimistic(
        { playback: paused, liked: null },
        { kind: 'play', at: T + 60_000 },
      ).playback!;
      expect(progressOf(resumed, T + 61_000)).toBe(14_000);
    });

    it('play allows pausing and pause allows resuming before Spotify confirms (other disallows stay)', () => {
      const paused = { ...model, isPlaying: false, disallows: ['pausing', 'skipping_prev'] };
      const playing = applyOptimistic({ playback: paused, liked: null }, { kind: 'play', at: T }).playback!;
      expect(playing.disallows).toEqual(['skipping_prev']);
      const playingModel = { ...model, disallows: ['resuming', 'skipping_prev'] };
      const pausedNow = applyOptimistic(
        { playback: playingModel, liked: null },
        { kind: 'pause', at: T },
      ).playback!;
      expect(pausedNow.disallows).toEqual(['skipping_prev']);
    });

    it('seek, volume, shuffle, repeat, transfer, like', () => {
      const changed = applyAll(view, [
        { kind: 'seek', at: T, positionMs: 50_000 },
        { kind: 'volume', percent: 70 },
        { kind: 'shuffle', on: true },
        { kind: 'repeat', mode: 'track' },
        { kind: 'like', uri: 'spotify:track:t1', liked: true },
      ]);
      expect(progressOf(changed.playback!, T + 1_000)).toBe(51_000);
      expect(changed.playback).toMatchObject({ volumePercent: 70, shuffle: true, repeat: 'track' });
      expect(changed.playback!.device!.volumePercent).toBe(70);
      expect(changed.liked).toEqual({ uri: 'spotify:track:t1', value: true });
      const moved = applyOptimistic(view, {
        kind: 'transfer',
        device: { ...model.device!, id: 'd2', name: 'Phone', isActive: false, volumePercent: 90 },
      });
      expect(moved.playback!.device).toMatchObject({ id: 'd2', isActive: true });
      expect(moved.playback!.volumePercent).toBe(90);
      // The last read is left alone.
      expect(view.playback!.volumePercent).toBe(40);
    });

    it('seek past the end is capped; nothing to change when idle', () => {
      expect(applyOptimistic(view, { kind: 'seek', at: T, positionMs: 1e9 }).playback!.progressMs).toBe(
        100_000,
      );
      const idle: PlayerView = { playback: null, liked: null };
      expect(applyOptimistic(idle, { kind: 'volume', percent: 3 })).toBe(idle);
    });

    it('repeat cycles off → context → track → off', () => {
      expect([nextRepeatMode('off'), nextRepeatMode('context'), nextRepeatMode('track')]).toEqual([
        'context',
        'track',
        'off',
      ]);
    });
  });
});

describe('ConnectionTracker', () => {
  it('shows the most important status first', () => {
    const gate: { until?: number } = {};
    const tracker = new ConnectionTracker(() => gate.until);
    const status = () => tracker.describe(1_000).status;
    expect(tracker.describe(1_000)).toEqual({ status: 'ok', message: null, rateLimitedUntil: null });
    tracker.noDevice = true;
    expect(status()).toBe('no-device');
    tracker.apply('premium-required', new SpotifyApiError({ kind: 'premium-required' }));
    expect(status()).toBe('premium-required');
    gate.until = 6_000;
    expect(tracker.describe(1_000)).toMatchObject({ status: 'rate-limited', rateLimitedUntil: 6_000 });
    // The same words throughout the pause: the time left is the UI's live countdown, not the message's.
    expect(tracker.describe(1_000).message).toMatch(/slow down/);
    expect(tracker.describe(1_000).message).not.toMatch(/\d/);
    expect(tracker.describe(5_000).message).toBe(tracker.describe(1_000).message);
    expect(tracker.describe(6_000).status).toBe('premium-required'); // the pause is over
    tracker.apply('offline', new SpotifyApiError({ kind: 'network' }));
    expect(status()).toBe('offline');
    tracker.apply('quota-exceeded', new SpotifyApiError({ kind: 'quota-exceeded' }));
    expect(status()).toBe('quota-exceeded');
    expect(tracker.blocked).toBe(true);
    tracker.apply('reconnect-needed', new Error('x'));
    expect(status()).toBe('reconnect-needed');
    tracker.apply('signed-out', new Error('y'));
    expect(status()).toBe('signed-out');
  });
});

describe('ConnectionTracker: what decides offline', () => {
  it('a read that got no answer means offline; a command that got none does not', () => {
    const tracker = new ConnectionTracker(() => undefined);
    tracker.apply('offline', new SpotifyApiError({ kind: 'timeout' }), 'command');
    expect(tracker.describe(0).status).toBe('ok');
    tracker.apply('offline', new SpotifyApiError({ kind: 'network' }), 'command');
    expect(tracker.describe(0).status).toBe('ok');
    tracker.apply('offline', new SpotifyApiError({ kind: 'timeout' })); // a read
    expect(tracker.describe(0).status).toBe('offline');
    // Other effects count the same from a command (Premium, device, rate limit…).
    const fromCommand = new ConnectionTracker(() => undefined);
    fromCommand.apply('premium-required', new SpotifyApiError({ kind: 'premium-required' }), 'command');
    expect(fromCommand.describe(0).status).toBe('premium-required');
  });
});

describe('effectOf', () => {
  it.each([
    ['rate-limited', 'rate-limited'],
    ['quota-exceeded', 'quota-exceeded'],
    ['premium-required', 'premium-required'],
    ['no-active-device', 'no-device'],
    ['network', 'offline'],
    ['timeout', 'offline'],
    ['server', 'transient'],
    ['malformed-response', 'transient'],
    ['restricted', 'refused'],
    ['forbidden', 'refused'],
    ['aborted', 'aborted'],
  ] as const)('%s → %s', (kind, effect) => {
    const session = { reconnectNeeded: false, signedIn: true };
    expect(effectOf(new SpotifyApiError({ kind }), session)).toBe(effect);
  });

  it('an unauthorized answer depends on the session', () => {
    const error = new SpotifyApiError({ kind: 'unauthorized' });
    expect(effectOf(error, { reconnectNeeded: false, signedIn: true })).toBe('transient');
    expect(effectOf(error, { reconnectNeeded: true, signedIn: false })).toBe('reconnect-needed');
    expect(
      effectOf(new SpotifyApiError({ kind: 'signed-out' }), { reconnectNeeded: false, signedIn: false }),
    ).toBe('signed-out');
    expect(
      effectOf(new SpotifyApiError({ kind: 'reconnect-needed' }), {
        reconnectNeeded: false,
        signedIn: false,
      }),
    ).toBe('reconnect-needed');
    expect(effectOf(new Error('?'), { reconnectNeeded: false, signedIn: true })).toBe('transient');
  });
});

describe('PlayerStore: a local report', () => {
  const T = 5_000_000;
  const read = toPlaybackModel({ ...STATE, is_playing: true, progress_ms: 10_000 }, T);
  const next = { ...read.item!, uri: 'spotify:track:t2', id: 't2', name: 'Next', artUrl: null };
  const store = (): PlayerStore => {
    const s = new PlayerStore({ settleMs: 2_000, lastDeviceId: null });
    s.applyRead(read, s.seq, T, T);
    return s;
  };

  it('shows a new item from its start, and a pause where the item stood', () => {
    const s = store();
    s.applyLocal({ item: next, isPlaying: true, positionMs: null }, T + 1_000);
    expect(s.shown()).toMatchObject({ item: next, isPlaying: true, progressMs: 0, progressAt: T + 1_000 });
    s.applyLocal({ item: next, isPlaying: false, positionMs: null }, T + 4_000);
    expect(progressOf(s.shown()!, T + 9_000)).toBe(3_000);
    // The player's own position wins where it gives one.
    s.applyLocal({ item: next, isPlaying: false, positionMs: 42_000 }, T + 5_000);
    expect(s.shown()?.progressMs).toBe(42_000);
  });

  it('keeps the read item (richer) while the report names the same one', () => {
    const s = store();
    s.applyLocal({ item: { ...read.item!, artUrl: null }, isPlaying: false, positionMs: null }, T + 1_000);
    expect(s.shown()?.item?.artUrl).toBe('big');
    expect(s.shown()?.isPlaying).toBe(false);
  });

  it('is not undone by a stale read started within the settle time, and gives way to a later one', () => {
    const s = store();
    s.applyLocal({ item: next, isPlaying: true, positionMs: null }, T + 1_000);
    s.applyRead(read, s.seq, T + 1_500, T + 1_800); // still the old track: Spotify's reads lag
    expect(s.shown()?.item?.uri).toBe('spotify:track:t2');
    s.applyRead(read, s.seq, T + 3_500, T + 3_700); // past the settle time: the read's truth
    expect(s.shown()?.item?.uri).toBe('spotify:track:t1');
    // And it asks for no read of its own.
    expect(s.settleDeadline(null)).toBeNull();
  });
});
