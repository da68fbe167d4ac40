import { describe, expect, it } from 'vitest';
import type { AppState } from '../../src/shared/app-state.ts';
import type { PushEvents } from '../../src/shared/ipc/contract.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import { nextRepeatMode } from '../../src/shared/player.ts';
import { createPlayerActions } from '../../src/renderer/actions.ts';
import {
  connectStore,
  createStore,
  currentProgressMs,
  currentVolume,
  errorMessage,
  type Api,
} from '../../src/renderer/api.ts';
import { appState } from '../support/app-state.ts';
import { playingSnapshot } from '../support/player-snapshot.ts';

const APP = appState();

/** Just enough of window.traytune; every call is recorded. */
function fakeApi(overrides: { getState?: () => Promise<AppState> } = {}) {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, (payload: never) => void>();
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 5));
  const record =
    <T>(name: string, value: T) =>
    (input?: unknown): Promise<T> => {
      calls.push([name, input]);
      return later(value);
    };
  const api = {
    on: (event: string, listener: (payload: never) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    app: { getState: overrides.getState ?? (() => later(APP)) },
    player: {
      getSnapshot: () => later(playingSnapshot()),
      seek: record('seek', { ok: true }),
      setVolume: record('setVolume', { ok: true }),
      setRepeat: record('setRepeat', { ok: true }),
      togglePlay: () => Promise.reject(Object.assign(new Error('Bridge closed'), { code: 'internal' })),
    },
    settings: { get: () => later(DEFAULT_SETTINGS) },
  } as unknown as Api;
  const push = <E extends keyof PushEvents>(event: E, payload: PushEvents[E]): void =>
    listeners.get(event)?.(payload as never);
  return { api, calls, push };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('store', () => {
  it('loads the initial state, but a push that arrives first wins', async () => {
    const { api, push } = fakeApi();
    const store = createStore();
    const connecting = connectStore(api, store, () => 500);
    push('app:state', { ...APP, userName: 'Pushed' });
    await connecting;
    expect(store.get().app?.userName).toBe('Pushed');
    expect(store.get().snapshot?.progressMs).toBe(10_000);
    expect(store.get().snapshotReceivedAt).toBe(500);
  });

  it('keeps the panel main asks for, a repeat as a new request', async () => {
    const { api, push } = fakeApi();
    const store = createStore();
    await connectStore(api, store, () => 0);
    expect(store.get().requestedPanel).toBeNull();
    push('ui:showPanel', { panel: 'settings' });
    expect(store.get().requestedPanel).toEqual({ panel: 'settings', seq: 1 });
    push('ui:showPanel', { panel: 'settings' });
    expect(store.get().requestedPanel).toEqual({ panel: 'settings', seq: 2 });
    push('ui:showPanel', { panel: 'onboarding' });
    expect(store.get().requestedPanel).toEqual({ panel: 'onboarding', seq: 3 });
  });

  it('remembers the shortcuts of the first settings seen, not later ones (Wayland restart notes)', async () => {
    const { api, push } = fakeApi();
    const store = createStore();
    await connectStore(api, store, () => 0);
    expect(store.get().startupShortcuts).toEqual(DEFAULT_SETTINGS.shortcuts);
    expect(store.get().startupMediaKeys).toBe(true);
    const changed = {
      ...DEFAULT_SETTINGS,
      mediaKeys: false,
      shortcuts: { ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+F5' },
    };
    push('settings:changed', changed);
    expect(store.get().settings).toEqual(changed);
    expect(store.get().startupShortcuts).toEqual(DEFAULT_SETTINGS.shortcuts);
    expect(store.get().startupMediaKeys).toBe(true);
  });

  it('records a failed first load', async () => {
    const { api } = fakeApi({ getState: () => Promise.reject(new Error('main is gone')) });
    const store = createStore();
    await connectStore(api, store, () => 0);
    expect(store.get().loadError).toBe('main is gone');
  });

  it('announces with a fresh sequence number each time', () => {
    const store = createStore();
    store.announce('Copied');
    store.announce('Copied');
    expect(store.get().announcement).toEqual({ text: 'Copied', seq: 2 });
  });
});

describe('progress and volume to draw', () => {
  it('moves a playing snapshot on by the local time since it arrived, capped at the duration', () => {
    const store = createStore();
    store.update({ snapshot: playingSnapshot(), snapshotReceivedAt: 100 });
    expect(currentProgressMs(store.get(), 100)).toBe(10_000);
    expect(currentProgressMs(store.get(), 2_100)).toBe(12_000);
    expect(currentProgressMs(store.get(), 10_000_000)).toBe(200_000);
    store.update({ snapshot: playingSnapshot({ isPlaying: false }) });
    expect(currentProgressMs(store.get(), 2_100)).toBe(10_000);
  });

  it('draws a pending seek or volume instead of the snapshot', () => {
    const store = createStore();
    store.update({ snapshot: playingSnapshot(), seekDraftMs: 42_000, volumeDraft: 7 });
    expect(currentProgressMs(store.get(), 0)).toBe(42_000);
    expect(currentVolume(store.get())).toBe(7);
  });
});

describe('player actions', () => {
  it('coalesces a volume drag and clears the draft when the last value is answered', async () => {
    const { api, calls } = fakeApi();
    const store = createStore();
    store.update({ snapshot: playingSnapshot() });
    const actions = createPlayerActions(api, store, () => 0);
    for (const v of [51, 52, 53, 54, 55]) actions.setVolume(v);
    expect(store.get().volumeDraft).toBe(55);
    await wait(30);
    expect(calls.filter(([name]) => name === 'setVolume').map(([, input]) => input)).toEqual([
      { percent: 51 },
      { percent: 55 },
    ]);
    expect(store.get().volumeDraft).toBeNull();
  });

  it('seeks relative to the interpolated position, clamped to the track', async () => {
    const { api, calls } = fakeApi();
    const store = createStore();
    store.update({ snapshot: playingSnapshot(), snapshotReceivedAt: 0 });
    const actions = createPlayerActions(api, store, () => 1_000);
    actions.seekBy(5_000);
    expect(store.get().seekDraftMs).toBe(16_000);
    actions.seekBy(-60_000); // from the draft, not the snapshot
    expect(store.get().seekDraftMs).toBe(0);
    await wait(30);
    expect(calls.filter(([n]) => n === 'seek').at(-1)?.[1]).toEqual({ positionMs: 0 });
    expect(store.get().seekDraftMs).toBeNull();
  });

  it('volume keys stay within 0–100', () => {
    const { api } = fakeApi();
    const store = createStore();
    store.update({ snapshot: playingSnapshot({ volumePercent: 98 }) });
    createPlayerActions(api, store, () => 0).volumeBy(5);
    expect(store.get().volumeDraft).toBe(100);
  });

  it('cycles repeat off → context → track → off', async () => {
    expect(['off', 'context', 'track'].map((m) => nextRepeatMode(m as 'off'))).toEqual([
      'context',
      'track',
      'off',
    ]);
    const { api, calls } = fakeApi();
    const store = createStore();
    store.update({ snapshot: playingSnapshot({ repeat: 'context' }) });
    createPlayerActions(api, store, () => 0).cycleRepeat();
    await wait(10);
    expect(calls).toContainEqual(['setRepeat', { mode: 'track' }]);
  });

  it('shows a rejected call as a local error', async () => {
    const { api } = fakeApi();
    const store = createStore();
    createPlayerActions(api, store, () => 0).togglePlay();
    await wait(1);
    expect(store.get().localError).toBe('Bridge closed');
  });
});

describe('errorMessage', () => {
  it('uses the message of IpcError-like values and falls back otherwise', () => {
    expect(errorMessage({ code: 'validation', message: 'Not a Spotify ID' })).toBe('Not a Spotify ID');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(undefined)).toMatch(/went wrong/);
  });
});
