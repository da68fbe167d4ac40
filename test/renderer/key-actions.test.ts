import { describe, expect, it } from 'vitest';
import { reportFailure, runKeyAction, type PlayerActions } from '../../src/renderer/actions.ts';
import { createStore, INITIAL_STATE } from '../../src/renderer/api.ts';
import { LETTER_KEYS } from '../../src/renderer/keyboard.ts';
import { playingSnapshot } from '../support/player-snapshot.ts';

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
    const store = createStore({ ...INITIAL_STATE, snapshot: playingSnapshot() });
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
      snapshot: playingSnapshot({
        item: null,
        disallows: ['skipping_next', 'skipping_prev', 'toggling_shuffle'],
      }),
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
      snapshot: playingSnapshot({ error: failed('Spotify had a problem.').error }),
    });
    reportFailure(store, failed('Spotify had a problem.'));
    expect(store.get().localError).toBeNull();
    reportFailure(store, failed('Could not add to the queue.'));
    expect(store.get().localError).toBe('Could not add to the queue.');
  });

  it('ignores successes and calls that already failed loudly (null)', () => {
    const store = createStore({ ...INITIAL_STATE, snapshot: playingSnapshot() });
    reportFailure(store, { ok: true });
    reportFailure(store, null);
    expect(store.get().localError).toBeNull();
  });
});
