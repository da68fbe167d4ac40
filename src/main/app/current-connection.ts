import type { Dispatcher } from 'undici';
import type { PlayerSnapshot } from '../../shared/player.ts';
import type { AuthError, AuthSession, ReconnectNeededError } from '../auth/index.ts';
import type { LocalReport, Scheduler } from '../spotify/player/index.ts';
import type { RequestBudget } from '../spotify/request-budget.ts';
import type { Clock } from '../util/clock.ts';
import { SpotifyConnection, type ApiClientTuning, type EngineTuning } from './connection.ts';
import { DeviceListFollower } from './device-list.ts';

export interface CurrentConnectionOptions {
  clock: Clock;
  scheduler: Scheduler;
  /** The app's one request budget, across sign-ins: Spotify counts the app's requests, not a session's. */
  budget: RequestBudget;
  apiClient?: ApiClientTuning | undefined;
  engine?: EngineTuning | undefined;
  dispatcher?: Dispatcher | undefined;
  /** Every snapshot of the connection in use. */
  onSnapshot: (snapshot: PlayerSnapshot) => void;
  /** What the local player plays now, handed to each new engine (its push channel). */
  localReport: () => LocalReport | null;
}

/** What the account side hears from the connection in use (never from one already replaced or closed). */
export interface ConnectionHooks {
  onReconnectNeeded: (error: ReconnectNeededError) => void;
  onCacheError: (error: AuthError) => void;
}

/**
 * The SpotifyConnection of the signed-in account, if any, and what carries over from one connection to
 * the next: whether the mini-player is visible, the OS's network state and the last device used.
 */
export class CurrentConnection {
  readonly #options: CurrentConnectionOptions;
  #current: SpotifyConnection | null = null;
  #devices: DeviceListFollower | null = null;
  #visible = false;
  #online = true;
  #lastDeviceId: string | null = null;

  constructor(options: CurrentConnectionOptions) {
    this.#options = options;
  }

  get current(): SpotifyConnection | null {
    return this.#current;
  }

  get lastDeviceId(): string | null {
    return this.#lastDeviceId;
  }

  /** Makes the connection for `session` the current one (not started yet: see `start`). */
  open(session: AuthSession, apiUrl: string, hooks: ConnectionHooks): SpotifyConnection {
    const { clock, scheduler, budget, dispatcher } = this.#options;
    // The tray's Devices submenu reads the snapshot's list: filled once after the first read, then as
    // devices change.
    const devices = new DeviceListFollower(() => connection.engine.refreshDevices());
    const connection: SpotifyConnection = new SpotifyConnection({
      session,
      apiUrl,
      clock,
      scheduler,
      visible: this.#visible,
      lastDeviceId: this.#lastDeviceId,
      budget,
      apiClient: { ...this.#options.apiClient, ...(dispatcher ? { dispatcher } : {}) },
      engine: this.#options.engine,
      onSnapshot: (snapshot) => {
        if (this.#current !== connection) return;
        this.#options.onSnapshot(snapshot);
        devices.saw(snapshot);
      },
      onReconnectNeeded: (error) => {
        if (this.#current === connection) hooks.onReconnectNeeded(error);
      },
      onCacheError: (error) => {
        if (this.#current === connection) hooks.onCacheError(error);
      },
    });
    this.#current = connection;
    this.#devices = devices;
    if (!this.#online) connection.engine.setOnline(false);
    // Before its first read, so that read can find the local device.
    const report = this.#options.localReport();
    if (report !== null) connection.engine.localPlayer(report);
    return connection;
  }

  /** Starts `connection`'s player; resolves after its first read (never rejects). */
  async start(connection: SpotifyConnection): Promise<void> {
    await connection.start();
    if (this.#current === connection) this.#devices?.started(connection.engine.getSnapshot());
  }

  /** Stops and closes the current connection, remembering its last device for the next one. */
  async close(): Promise<void> {
    const connection = this.#current;
    if (!connection) return;
    this.#current = null;
    this.#devices = null;
    this.#lastDeviceId = connection.engine.getSnapshot().lastDeviceId ?? this.#lastDeviceId;
    await connection.close();
  }

  /** The mini-player became visible or hidden; remembered for the engine of the next sign-in too. */
  setVisible(visible: boolean): void {
    try {
      this.#current?.engine.setVisible(visible);
    } finally {
      this.#visible = visible;
    }
  }

  /** The OS's network state: offline stops polling, back online reads at once (later engines too). */
  setOnline(online: boolean): void {
    this.#online = online;
    this.#current?.engine.setOnline(online);
  }
}
