import type { ChannelInput } from '../../shared/ipc/contract.ts';
import type { CommandResult, PlayerError, PlayerSnapshot } from '../../shared/player.ts';
import { localModeApplies } from '../../shared/player-controls.ts';
import type { PlayerEngine } from '../spotify/player/index.ts';
import type { Clock } from '../util/clock.ts';
import type { AppStateService } from './app-state-service.ts';
import type { SpotifyConnection } from './connection.ts';
import type { CurrentConnection } from './current-connection.ts';
import {
  notConnectedError,
  notConnectedMessage,
  notConnectedResult,
  notConnectedSnapshot,
} from './not-connected.ts';
import type { PushEmitter } from './push-events.ts';
import type { LocalMode } from './local/local-mode.ts';
import type { LocalCommand } from './local/local-player-watch.ts';

/**
 * The player channels: each command goes to the current connection's engine. With none, local mode
 * takes play/pause, next and previous to the Spotify app on this computer when one runs (and refuses
 * the rest as needing an account); else the command is answered "not connected" (with why, from the
 * account state). Also the snapshot, and what the window and the OS tell the player (visibility, sleep,
 * network).
 */
export class PlayerService {
  readonly #connection: CurrentConnection;
  readonly #state: AppStateService;
  readonly #events: PushEmitter;
  readonly #clock: Clock;
  readonly #local: LocalMode;

  constructor(options: {
    connection: CurrentConnection;
    state: AppStateService;
    events: PushEmitter;
    clock: Clock;
    local: LocalMode;
  }) {
    this.#connection = options.connection;
    this.#state = options.state;
    this.#events = options.events;
    this.#clock = options.clock;
    this.#local = options.local;
  }

  getSnapshot(): PlayerSnapshot {
    return (
      this.#connection.current?.engine.getSnapshot() ??
      (this.#inLocalMode() ? this.#local.snapshot() : null) ??
      notConnectedSnapshot(
        this.#state.fields.account,
        this.notConnectedMessage(),
        this.#clock.now(),
        this.#connection.lastDeviceId,
      )
    );
  }

  /** Pushes the snapshot of local mode, or the idle one (nothing playing, and why), when no connection runs. */
  showIdle(): void {
    if (!this.#connection.current) this.#events.emit('player:snapshot', this.getSnapshot());
  }

  /**
   * Runs a command on the engine; without one, `local` on the local player in local mode. Else answers
   * why it cannot run (no request is sent then).
   */
  #command(
    source: PlayerError['source'],
    run: (engine: PlayerEngine) => Promise<CommandResult>,
    local?: LocalCommand,
  ): Promise<CommandResult> {
    const engine = this.#connection.current?.engine;
    if (engine) return run(engine);
    if (!this.#inLocalMode()) return Promise.resolve(this.notConnected(source));
    if (local === undefined) return Promise.resolve(this.#local.refuse(source));
    return this.#local.run(local, source).finally(() => this.showIdle());
  }

  /**
   * No connection, a local player that said what it plays, and an account local mode stands in for
   * (not while signing in: that has its own screen, and the window and tray follow the same rule).
   */
  #inLocalMode(): boolean {
    return this.#local.available && localModeApplies(this.#state.fields.account);
  }

  /** The "not connected" answer of a command from `source`. */
  notConnected(source: PlayerError['source']): CommandResult {
    return notConnectedResult(this.notConnectedMessage(), source, this.#clock.now());
  }

  /** The connection in use, if any. */
  get connection(): SpotifyConnection | null {
    return this.#connection.current;
  }

  /** The connection, for the library's requests; a UserFacingError saying why when there is none. */
  requireConnection(): SpotifyConnection {
    const connection = this.#connection.current;
    if (!connection) throw notConnectedError(this.#state.fields.account, this.notConnectedMessage());
    return connection;
  }

  notConnectedMessage(): string {
    const { account, signInError } = this.#state.fields;
    if (account === 'reconnect-needed' && signInError !== null) return signInError.message;
    return notConnectedMessage(account);
  }

  // --- commands (one per channel) ------------------------------------------------------------------

  togglePlay(): Promise<CommandResult> {
    return this.#command('play', (engine) => engine.togglePlay(), 'playPause');
  }

  next(): Promise<CommandResult> {
    return this.#command('next', (engine) => engine.next(), 'next');
  }

  previous(): Promise<CommandResult> {
    return this.#command('previous', (engine) => engine.previous(), 'previous');
  }

  seek({ positionMs }: ChannelInput<'player:seek'>): Promise<CommandResult> {
    return this.#command('seek', (engine) => engine.seek(positionMs));
  }

  setVolume({ percent }: ChannelInput<'player:setVolume'>): Promise<CommandResult> {
    return this.#command('volume', (engine) => engine.setVolume(percent));
  }

  setShuffle({ on }: ChannelInput<'player:setShuffle'>): Promise<CommandResult> {
    return this.#command('shuffle', (engine) => engine.setShuffle(on));
  }

  setRepeat({ mode }: ChannelInput<'player:setRepeat'>): Promise<CommandResult> {
    return this.#command('repeat', (engine) => engine.setRepeat(mode));
  }

  toggleLike(): Promise<CommandResult> {
    return this.#command('like', (engine) => engine.toggleLike());
  }

  transfer({ deviceId, play }: ChannelInput<'player:transfer'>): Promise<CommandResult> {
    return this.#command('transfer', (engine) =>
      engine.transferTo(deviceId, play === undefined ? {} : { play }),
    );
  }

  refreshDevices(): Promise<CommandResult> {
    return this.#command('devices', (engine) => engine.refreshDevices());
  }

  playTrack({ uri }: ChannelInput<'player:playTrack'>): Promise<CommandResult> {
    return this.#command('play-items', (engine) => engine.playUris([uri]));
  }

  addToQueue({ uri }: ChannelInput<'library:addToQueue'>): Promise<CommandResult> {
    return this.#command('queue', (engine) => engine.addToQueue(uri));
  }

  /** The user's "try again" (quota used up, Premium required): resetConnection() and one prompt read. */
  retry(): Promise<CommandResult> {
    return this.#command('sync', (engine) => engine.retry());
  }

  dismissError(): void {
    const engine = this.#connection.current?.engine;
    if (engine) {
      engine.dismissError();
      return;
    }
    this.#local.dismissError();
    this.showIdle();
  }

  // --- what the window and the OS report ---------------------------------------------------------------

  setVisible({ visible }: ChannelInput<'ui:setVisible'>): void {
    this.#connection.setVisible(visible);
  }

  /** The machine is going to sleep: the player stops polling until it wakes. */
  notifySuspend(): void {
    this.#connection.current?.engine.notifySuspend();
  }

  /** The machine woke up: the player reads the state once, promptly. */
  notifyResume(): void {
    this.#connection.current?.engine.notifyResume();
  }

  /** Someone looks at the player outside the mini-player: one prompt read unless fresh, liked checked. */
  notifyLooking(): void {
    this.#connection.current?.engine.notifyLooking();
  }

  setOnline(online: boolean): void {
    this.#connection.setOnline(online);
  }
}
