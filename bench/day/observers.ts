/**
 * The players that live through the day: the engine, and fixed pollers as baselines. Each shows a state
 * (recorded on a Timeline as it changes), is shown and hidden, and carries out the user's commands.
 * A poller has no optimism: it issues the command and shows only what its reads say.
 */
import type { PlaybackState, SpotifyWebApi } from '../../src/main/spotify/index.ts';
import { PlayerEngine, progressAt, type PlayerSnapshot } from '../../src/main/spotify/player/index.ts';
import type { AuthSession } from '../../src/main/auth/index.ts';
import type { RequestBudgetView } from '../../src/main/spotify/request-budget.ts';
import type { FakeClock } from '../../test/support/fake-clock.ts';
import { FixedPoller } from '../lib/poller.ts';
import type { CommandKind } from './schedule.ts';
import { IDLE_STATE, Timeline, type PlayerState, type Sample } from './timeline.ts';

export interface DayObserver {
  readonly shown: Timeline;
  /** Starts syncing (not awaited: its first read waits on the fake clock). */
  start(): void;
  show(): void;
  hide(): void;
  /** Carries out one command; resolves with whether Spotify took it (never rejects). */
  command(kind: CommandKind, target: number | undefined): Promise<boolean>;
  /** Reads or commands that failed (rate-limited, quota, refused…). */
  readonly failures: number;
  stop(): void;
}

/** The shown state as a sample at `now` (IDLE before anything was shown). */
export function shownAt(observer: DayObserver, now: number): Sample {
  return observer.shown.at(now) ?? { t: now, state: IDLE_STATE };
}

export function stateOfSnapshot(snapshot: PlayerSnapshot, now: number): PlayerState {
  // An ad has no item on the server's side (the simulator's snapshot, a poller's read): the engine's
  // placeholder for it is no item either.
  const item = snapshot.item?.type === 'ad' ? null : snapshot.item;
  return {
    active: snapshot.device !== null,
    item: item?.uri ?? null,
    playing: snapshot.isPlaying,
    volume: snapshot.volumePercent,
    progressMs: progressAt(snapshot, now),
    durationMs: item?.durationMs ?? null,
    liked: snapshot.liked,
  };
}

function stateOfPlayback(state: PlaybackState | null): PlayerState {
  if (state === null) return IDLE_STATE;
  return {
    active: true,
    item: state.item?.uri ?? null,
    playing: state.is_playing,
    volume: state.device.volume_percent,
    progressMs: state.progress_ms ?? 0,
    durationMs: state.item?.duration_ms ?? null,
    liked: null,
  };
}

export function engineObserver(options: {
  api: ConstructorParameters<typeof PlayerEngine>[0]['api'];
  clock: FakeClock;
  session: AuthSession;
  /** The request budget the app gives the engine (it reads from it when to read). */
  budget?: RequestBudgetView;
}): DayObserver {
  const { clock } = options;
  const shown = new Timeline();
  const engine = new PlayerEngine({
    api: options.api,
    clock,
    scheduler: clock,
    session: options.session,
    visible: false,
    ...(options.budget && { budget: options.budget }),
  });
  let failures = 0;
  let lastError: unknown = null;
  engine.subscribe((snapshot) => {
    shown.record(clock.now(), stateOfSnapshot(snapshot, clock.now()));
    if (snapshot.error !== null && snapshot.error !== lastError) failures++;
    lastError = snapshot.error;
  });
  const run = async (result: Promise<{ ok: boolean }>): Promise<boolean> => (await result).ok;
  return {
    shown,
    get failures() {
      return failures;
    },
    start: () => {
      shown.record(clock.now(), stateOfSnapshot(engine.getSnapshot(), clock.now()));
      void engine.start();
    },
    // Showing the mini-player is setVisible(true); notifyLooking() is the tray menu's "as on showing it".
    show: () => engine.setVisible(true),
    hide: () => engine.setVisible(false),
    command: (kind, target) => {
      switch (kind) {
        case 'pause':
          return run(engine.pause());
        case 'play':
          return run(engine.play());
        case 'next':
          return run(engine.next());
        case 'previous':
          return run(engine.previous());
        case 'seek':
          return run(engine.seek(target ?? 0));
        case 'volume':
          return run(engine.setVolume(target ?? 50));
        case 'like':
          return run(engine.toggleLike());
      }
    },
    stop: () => engine.stop(),
  };
}

/** Commands a poller sends: the same Web API client, never waiting out a 429 (it just polls again). */
type PollerApi = Pick<
  SpotifyWebApi,
  | 'getPlaybackState'
  | 'play'
  | 'pause'
  | 'next'
  | 'previous'
  | 'seek'
  | 'setVolume'
  | 'checkLibrary'
  | 'saveToLibrary'
  | 'removeFromLibrary'
>;

export function pollerObserver(options: {
  api: PollerApi;
  clock: FakeClock;
  intervalMs: number;
}): DayObserver {
  const { api, clock } = options;
  const shown = new Timeline();
  const noWait = { waitIfRateLimited: false };
  let failures = 0;
  let lastItem: string | null = null;
  const poller = new FixedPoller({
    api: { getPlaybackState: () => api.getPlaybackState(noWait) },
    clock,
    scheduler: clock,
    intervalMs: options.intervalMs,
    onState: (state) => {
      const next = stateOfPlayback(state);
      lastItem = next.item;
      shown.record(clock.now(), next);
    },
  });
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    try {
      await send();
      return true;
    } catch {
      failures++;
      return false;
    }
  };
  return {
    shown,
    get failures() {
      return failures + poller.errors;
    },
    start: () => {
      shown.record(clock.now(), IDLE_STATE);
      void poller.start();
    },
    // A fixed poller polls at the same rate whether shown or not.
    show: () => undefined,
    hide: () => undefined,
    command: (kind, target) => {
      switch (kind) {
        case 'pause':
          return run(() => api.pause({}, noWait));
        case 'play':
          return run(() => api.play({}, noWait));
        case 'next':
          return run(() => api.next({}, noWait));
        case 'previous':
          return run(() => api.previous({}, noWait));
        case 'seek':
          return run(() => api.seek(target ?? 0, {}, noWait));
        case 'volume':
          return run(() => api.setVolume(target ?? 50, {}, noWait));
        case 'like': {
          // It keeps no liked state: it asks, then flips it.
          const uri = lastItem;
          if (uri === null) return Promise.resolve(false);
          return run(async () => {
            const [liked] = await api.checkLibrary([uri], noWait);
            await (liked ? api.removeFromLibrary([uri], noWait) : api.saveToLibrary([uri], noWait));
          });
        }
      }
    },
    stop: () => poller.stop(),
  };
}
