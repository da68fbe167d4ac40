import type { AppState, RequestedPanel } from '../shared/app-state.ts';
import type { TraytuneApi } from '../shared/ipc/contract.ts';
import { USER_MESSAGES } from '../shared/messages.ts';
import { progressAt, type PlayerSnapshot } from '../shared/player.ts';
import type { Settings } from '../shared/settings.ts';

/**
 * The renderer's only door to the app is `window.traytune`. This module finds it and keeps the latest
 * AppState, PlayerSnapshot and Settings in a small store that components subscribe to.
 */

export type Api = TraytuneApi;

/** The API from the preload, or from the harness bridge, which may install it a moment after load. */
export async function waitForApi(timeoutMs = 10_000, pollMs = 50): Promise<Api> {
  const started = Date.now();
  while (window.traytune === undefined) {
    if (Date.now() - started > timeoutMs)
      throw new Error('The player is not connected to Traytune. Quit Traytune and start it again.');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return window.traytune;
}

/** Rejections carry `IpcError {code, message}` (or something like it after a bridge): the message, for the user. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message } = error;
    if (typeof message === 'string' && message !== '') return message;
  }
  if (typeof error === 'string' && error !== '') return error;
  return USER_MESSAGES.internal;
}

interface Announcement {
  readonly text: string;
  /** Bumped on every announce, so saying the same words twice is still a change. */
  readonly seq: number;
}

export interface UiState {
  readonly app: AppState | null;
  readonly snapshot: PlayerSnapshot | null;
  /** `now()` when `snapshot` arrived: progress is interpolated from there, on the renderer's own clock. */
  readonly snapshotReceivedAt: number;
  readonly settings: Settings | null;
  /** A seek the user asked for that main has not confirmed yet (drawn instead of the snapshot's). */
  readonly seekDraftMs: number | null;
  /** Likewise for volume while a drag's values are being sent. */
  readonly volumeDraft: number | null;
  /** A failure of a call the renderer made (not a player error: those come in the snapshot). */
  readonly localError: string | null;
  /** The first load failed (the bridge or main is down). */
  readonly loadError: string | null;
  readonly announcement: Announcement | null;
  /** The last panel main asked for (the tray's "Settings…" / "Set up…"); `seq` makes a repeat a change. */
  readonly requestedPanel: { readonly panel: RequestedPanel; readonly seq: number } | null;
  /**
   * The shortcuts as they were when the window first loaded them: on Wayland a change takes effect only
   * after a restart, and this tells which ones changed.
   */
  readonly startupShortcuts: Settings['shortcuts'] | null;
  /** Likewise for the media keys switch. */
  readonly startupMediaKeys: boolean | null;
  /**
   * The Client ID as typed and not saved yet (null: none typed). Kept here, not in the form, so that a
   * screen change (Spotify starting and local mode taking over, or quitting) loses nothing typed.
   */
  readonly clientIdDraft: string | null;
}

export interface Store {
  get(): UiState;
  update(patch: Partial<UiState>): void;
  subscribe(listener: () => void): () => void;
  announce(text: string): void;
}

export const INITIAL_STATE: UiState = {
  app: null,
  snapshot: null,
  snapshotReceivedAt: 0,
  settings: null,
  seekDraftMs: null,
  volumeDraft: null,
  localError: null,
  loadError: null,
  announcement: null,
  requestedPanel: null,
  startupShortcuts: null,
  startupMediaKeys: null,
  clientIdDraft: null,
};

export function createStore(initial: UiState = INITIAL_STATE): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: Store = {
    get: () => state,
    update(patch) {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(text) {
      store.update({ announcement: { text, seq: (state.announcement?.seq ?? 0) + 1 } });
    },
  };
  return store;
}

/**
 * Subscribes the store to main's pushes, then loads the initial values. A push that lands before the
 * initial answer wins (it is newer), so a slow `get` never overwrites fresher state.
 */
export async function connectStore(api: Api, store: Store, now: () => number): Promise<() => void> {
  const pushed = { app: false, snapshot: false, settings: false };
  const offs = [
    api.on('app:state', (app) => {
      pushed.app = true;
      store.update({ app, loadError: null });
    }),
    api.on('player:snapshot', (snapshot) => {
      pushed.snapshot = true;
      store.update({ snapshot, snapshotReceivedAt: now() });
    }),
    api.on('settings:changed', (settings) => {
      pushed.settings = true;
      store.update({ settings, ...startupValues(store, settings) });
    }),
    api.on('ui:showPanel', ({ panel }) => {
      store.update({ requestedPanel: { panel, seq: (store.get().requestedPanel?.seq ?? 0) + 1 } });
    }),
  ];
  const [app, snapshot, settings] = await Promise.allSettled([
    api.app.getState(),
    api.player.getSnapshot(),
    api.settings.get(),
  ]);
  if (app.status === 'fulfilled' && !pushed.app) store.update({ app: app.value });
  if (snapshot.status === 'fulfilled' && !pushed.snapshot) {
    store.update({ snapshot: snapshot.value, snapshotReceivedAt: now() });
  }
  if (settings.status === 'fulfilled' && !pushed.settings) {
    store.update({ settings: settings.value, ...startupValues(store, settings.value) });
  }
  if (app.status === 'rejected' && !pushed.app) store.update({ loadError: errorMessage(app.reason) });
  return () => offs.forEach((off) => off());
}

/** The first settings seen become the startup values; later ones leave them. */
function startupValues(store: Store, settings: Settings): Partial<UiState> {
  if (store.get().startupShortcuts !== null) return {};
  return { startupShortcuts: settings.shortcuts, startupMediaKeys: settings.mediaKeys };
}

/**
 * Where the progress bar is at renderer time `now`: a pending seek, else the snapshot moved forward by
 * the time since it arrived (snapshot.at is main's clock; only the elapsed time is local).
 */
export function currentProgressMs(state: UiState, now: number): number {
  if (state.seekDraftMs !== null) return state.seekDraftMs;
  const { snapshot } = state;
  if (snapshot === null) return 0;
  return progressAt(snapshot, snapshot.at + Math.max(0, now - state.snapshotReceivedAt));
}

/** The volume to draw: a pending drag, else the snapshot's. */
export function currentVolume(state: UiState): number | null {
  return state.volumeDraft ?? state.snapshot?.volumePercent ?? null;
}
