import { describe, expect, it } from 'vitest';
import type { PlayerSnapshot } from '../../src/shared/player.ts';
import { reportFailure, runKeyAction, type PlayerActions } from '../../src/renderer/actions.ts';
import { createStore, INITIAL_STATE } from '../../src/renderer/api.ts';
import { LETTER_KEYS } from '../../src/renderer/keyboard.ts';

function snapshot(patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot {
  return {
    at: 1_000_000,
    connection: { status: 'ok', message: null, rateLimitedUntil: null },
    item: {
      uri: 'spotify:track:abc',
      id: 'abc',
      type: 'track',
      name: 'Song',
      artists: ['Artist'],
      album: 'Album',
      artUrl: null,
      durationMs: 200_000,
      isLocal: false,
    },
    isPlaying: true,
    progressMs: 10_000,
    device: null,
    volumePercent: 50,
    shuffle: false,
    repeat: 'off',
    liked: false,
    devices: [],
    lastDeviceId: null,
    contextUri: null,
    disallows: [],
    error: null,
    pending: [],
    ...patch,
  };
}

/** PlayerActions that record which one ran (and with what). */
function recordingActions(): { actions: PlayerActions; calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): never => {
      calls.push(args.length > 0 ? `${name}(${args.join(',')})` : name);
      return undefined as never;
    };
  const actions = new Proxy({} as PlayerActions, { get: (_, name) => record(String(name)) });
  return { actions, calls };
}

describe('runKeyAction', () => {
  it('runs each key’s action (seek and volume by their steps)', () => {
    const store = createStore({ ...INITIAL_STATE, snapshot: snapshot() });
    const { actions, calls } = recordingActions();
    for (const action of [
      'togglePlay',
      'seekBack',
      'seekForward',
      'volumeUp',
      'volumeDown',
      ...LETTER_KEYS.map((entry) => entry.action),
    ] as const) {
      runKeyAction(action, actions, store);
    }
    expect(calls).toEqual([
      'togglePlay',
      'seekBy(-5000)',
      'seekBy(5000)',
      'volumeBy(5)',
      'volumeBy(-5)',
      'next',
      'previous',
      'toggleLike',
      'toggleShuffle',
      'cycleRepeat',
    ]);
  });

  it('sends nothing for a key whose button is disabled, and says why', () => {
    // During an ad Spotify disallows skipping, shuffle and repeat; an ad cannot be liked.
    const store = createStore({
      ...INITIAL_STATE,
      snapshot: snapshot({ item: null, disallows: ['skipping_next', 'skipping_prev', 'toggling_shuffle'] }),
    });
    const { actions, calls } = recordingActions();
    runKeyAction('next', actions, store);
    expect(calls).toEqual([]);
    expect(store.get().announcement?.text).toMatch(/Spotify does not allow/);
    runKeyAction('toggleShuffle', actions, store);
    expect(calls).toEqual([]);
    runKeyAction('togglePlay', actions, store);
    expect(calls).toEqual(['togglePlay']);
  });
});

describe('reportFailure', () => {
  const failed = (message: string) =>
    ({ ok: false, error: { kind: 'server', message, source: 'queue', at: 0, until: null } }) as const;

  it('shows a failure once: not again when the player’s own error already says it', () => {
    const store = createStore({
      ...INITIAL_STATE,
      snapshot: snapshot({ error: failed('Spotify had a problem.').error }),
    });
    reportFailure(store, failed('Spotify had a problem.'));
    expect(store.get().localError).toBeNull();
    reportFailure(store, failed('Could not add to the queue.'));
    expect(store.get().localError).toBe('Could not add to the queue.');
  });

  it('ignores successes and calls that already failed loudly (null)', () => {
    const store = createStore({ ...INITIAL_STATE, snapshot: snapshot() });
    reportFailure(store, { ok: true });
    reportFailure(store, null);
    expect(store.get().localError).toBeNull();
  });
});
