/**
 * The local-player port on Linux: MPRIS over the D-Bus session bus.
 *
 * D-Bus library: @jellybrick/dbus-next 0.11.3. dbus-next itself last released 0.10.2 in 2021; this
 * fork is maintained, pure JavaScript (no native optional dependencies; abstract-socket support via
 * usocket is not needed, the session buses here are `unix:path=` sockets), ships an ESM build and its own
 * type declarations, and imports under Node 24 and Electron's Node.
 *
 * Only the low-level message API is used (no proxy objects), so nothing depends on the player's
 * introspection: Spotify's advertises properties it then ignores. What works is found from behaviour:
 * - reportsPosition: Position read while playing for over 1.5 s; 0 means the player gives none;
 * - canControlVolume / canShuffle / canLoop: a write read back; unchanged means ignored;
 * - emitsSeeked: a Seeked signal after a SetPosition, or none within a short wait.
 */
import type { EventEmitter } from 'node:events';
import { Message, MessageType, Variant, sessionBus } from '@jellybrick/dbus-next';
import type { MessageBus } from '@jellybrick/dbus-next';
import { EMPTY_STATE, applyPlayerProperties, loopToMpris, microsToMs, msToMicros } from './mpris-metadata.ts';
import type { PlainValue } from './mpris-metadata.ts';
import { MPRIS_PREFIX, knownClientOf, preferredClientName } from './mpris-names.ts';
import { Listeners } from './listeners.ts';
import { LocalPlayerError } from './types.ts';
import type {
  LocalLoopStatus,
  LocalPlayerCapabilities,
  LocalPlayerIdentity,
  LocalPlayerPort,
  LocalPlayerSnapshot,
  LocalPlayerState,
  LocalPresenceEvent,
  Unsubscribe,
} from './types.ts';

const DBUS = 'org.freedesktop.DBus';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const MPRIS_PATH = '/org/mpris/MediaPlayer2';
const ROOT_IFACE = 'org.mpris.MediaPlayer2';
const PLAYER_IFACE = 'org.mpris.MediaPlayer2.Player';

export interface MprisBridgeOptions {
  /** The bus to use; default the session bus from DBUS_SESSION_BUS_ADDRESS. */
  readonly busAddress?: string;
  /** How long the player must be playing before a Position of 0 means "no position". */
  readonly positionProbeDelayMs?: number;
  /** How long to wait for Seeked after a SetPosition before deciding the player sends none. */
  readonly seekedWaitMs?: number;
  /** How long one call may go unanswered before it counts as failed (a hung player, a dead bus). */
  readonly callTimeoutMs?: number;
}

const UNKNOWN_CAPABILITIES: LocalPlayerCapabilities = {
  canControl: true,
  canSeek: false,
  canControlVolume: null,
  reportsPosition: null,
  emitsSeeked: null,
  canShuffle: null,
  canLoop: null,
};

const NO_BUS_MESSAGE =
  'Traytune cannot reach the desktop session bus (D-Bus), so it cannot see a Spotify player on this computer.';
const NO_PLAYER_MESSAGE = 'No Spotify player is running on this computer. Start Spotify, then try again.';

interface Followed {
  readonly player: LocalPlayerIdentity;
  readonly owner: string;
  state: LocalPlayerState;
  capabilities: LocalPlayerCapabilities;
  trackId: string | null;
}

function unwrap(value: unknown): PlainValue {
  if (value instanceof Variant) return unwrap(value.value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, unwrap(v)]),
    );
  }
  return value;
}

function unwrapDict(value: unknown): Record<string, PlainValue> {
  const plain = unwrap(value);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain)
    ? (plain as Record<string, PlainValue>)
    : {};
}

const CALL_TIMEOUT_MS = 5_000;

/** The library emits 'error' (not in its typed events) when the socket fails; 'connect' after Hello. */
function busEvents(bus: MessageBus): EventEmitter {
  return bus;
}

function connected(bus: MessageBus, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const events = busEvents(bus);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      events.off('connect', onConnect);
      events.off('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onConnect = (): void => done();
    const onError = (error: unknown): void =>
      done(error instanceof Error ? error : new Error('the bus connection failed'));
    const timer = setTimeout(() => done(new Error('no answer from the bus')), timeoutMs);
    events.on('connect', onConnect);
    events.on('error', onError);
  });
}

/** Connects to the bus and starts following the preferred known Spotify client, if one is running. */
export async function openMprisBridge(options: MprisBridgeOptions = {}): Promise<LocalPlayerPort> {
  let bus: MessageBus;
  try {
    bus = sessionBus(options.busAddress === undefined ? {} : { busAddress: options.busAddress });
  } catch (cause) {
    throw new LocalPlayerError('bus-unavailable', NO_BUS_MESSAGE, { cause });
  }
  const bridge = new MprisBridge(bus, options);
  try {
    await connected(bus, options.callTimeoutMs ?? CALL_TIMEOUT_MS);
    await bridge.start();
  } catch (cause) {
    await bridge.dispose();
    throw cause instanceof LocalPlayerError
      ? cause
      : new LocalPlayerError('bus-unavailable', NO_BUS_MESSAGE, { cause });
  }
  return bridge;
}

class MprisBridge implements LocalPlayerPort {
  private readonly presence = new Listeners<LocalPresenceEvent>();
  private readonly states = new Listeners<LocalPlayerState>();
  private readonly capabilityChanges = new Listeners<LocalPlayerCapabilities>();
  private followed: Followed | null = null;
  /** Bumped whenever the followed player changes, so late replies for an old one are dropped. */
  private generation = 0;
  private disposed = false;
  private positionProbe: ReturnType<typeof setTimeout> | null = null;
  private readonly seekedWaiters = new Set<() => void>();
  private readonly positionProbeDelayMs: number;
  private readonly seekedWaitMs: number;
  private readonly callTimeoutMs: number;
  /** Set when the connection fails after start: every command then says the bus is gone. */
  private broken = false;

  private readonly bus: MessageBus;

  constructor(bus: MessageBus, options: MprisBridgeOptions) {
    this.bus = bus;
    this.positionProbeDelayMs = options.positionProbeDelayMs ?? 1600;
    this.seekedWaitMs = options.seekedWaitMs ?? 1000;
    this.callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
    // Without a listener an 'error' would throw; a bus lost after start means the player is gone too.
    busEvents(bus).on('error', () => this.onBusLost());
    bus.on('message', (message) => this.onMessage(message));
  }

  async start(): Promise<void> {
    const rules = [
      `type='signal',sender='${DBUS}',interface='${DBUS}',member='NameOwnerChanged',arg0namespace='org.mpris.MediaPlayer2'`,
      `type='signal',interface='${PROPERTIES}',member='PropertiesChanged',path='${MPRIS_PATH}'`,
      `type='signal',interface='${PLAYER_IFACE}',member='Seeked',path='${MPRIS_PATH}'`,
    ];
    for (const rule of rules) await this.callBus('AddMatch', 's', [rule]);
    const [names] = (await this.callBus('ListNames')) as [string[]];
    const name = preferredClientName(names.filter((n) => n.startsWith(MPRIS_PREFIX)));
    // A player that vanishes or hangs while being read is not a broken bus: open without it.
    if (name !== null) await this.follow(name).catch(() => undefined);
  }

  onPresence(listener: (event: LocalPresenceEvent) => void): Unsubscribe {
    return this.presence.add(listener);
  }
  onState(listener: (state: LocalPlayerState) => void): Unsubscribe {
    return this.states.add(listener);
  }
  onCapabilities(listener: (capabilities: LocalPlayerCapabilities) => void): Unsubscribe {
    return this.capabilityChanges.add(listener);
  }

  current(): LocalPlayerSnapshot | null {
    const f = this.followed;
    return f ? { player: f.player, state: f.state, capabilities: f.capabilities } : null;
  }

  play(): Promise<void> {
    return this.command('Play');
  }
  pause(): Promise<void> {
    return this.command('Pause');
  }
  playPause(): Promise<void> {
    return this.command('PlayPause');
  }
  next(): Promise<void> {
    return this.command('Next');
  }
  previous(): Promise<void> {
    return this.command('Previous');
  }
  openUri(uri: string): Promise<void> {
    return this.command('OpenUri', 's', [uri]);
  }

  async seek(positionMs: number): Promise<void> {
    const f = this.requireFollowed();
    if (!f.capabilities.canSeek || f.trackId === null) {
      throw new LocalPlayerError('not-supported', `${f.player.identity} does not let other apps seek.`);
    }
    const seeked = f.capabilities.emitsSeeked === null ? this.waitForSeeked() : null;
    await this.command('SetPosition', 'ox', [f.trackId, msToMicros(positionMs)]);
    if (seeked === null) return;
    const arrived = await seeked;
    if (this.followed !== f || f.capabilities.emitsSeeked !== null) return;
    this.setCapabilities(f, { emitsSeeked: arrived });
    // No Seeked to say where it landed: where it was asked to go is the best guess.
    if (!arrived && f.capabilities.reportsPosition === true) this.setState(f, { ...f.state, positionMs });
  }

  setVolume(volume: number): Promise<void> {
    const target = Math.min(1, Math.max(0, volume));
    return this.writeAndConfirm(
      'Volume',
      new Variant('d', target),
      'canControlVolume',
      'change its volume',
      (read) => (typeof read === 'number' ? Math.abs(read - target) < 0.01 : false),
    );
  }
  setShuffle(shuffle: boolean): Promise<void> {
    return this.writeAndConfirm(
      'Shuffle',
      new Variant('b', shuffle),
      'canShuffle',
      'turn shuffle on or off',
      (read) => read === shuffle,
    );
  }
  setLoop(loop: LocalLoopStatus): Promise<void> {
    const wanted = loopToMpris(loop);
    return this.writeAndConfirm(
      'LoopStatus',
      new Variant('s', wanted),
      'canLoop',
      'change repeat',
      (read) => read === wanted,
    );
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.generation += 1;
    this.clearPositionProbe();
    for (const wake of [...this.seekedWaiters]) wake();
    this.presence.clear();
    this.states.clear();
    this.capabilityChanges.clear();
    this.followed = null;
    this.bus.disconnect();
    return Promise.resolve();
  }

  private onBusLost(): void {
    if (this.disposed || this.broken) return;
    this.broken = true;
    const f = this.followed;
    this.followed = null;
    this.generation += 1;
    this.clearPositionProbe();
    if (f) this.presence.emit({ kind: 'gone', player: f.player });
  }

  // --- following a player ---

  private async follow(busName: string): Promise<void> {
    const client = knownClientOf(busName);
    if (client === null) return;
    const generation = ++this.generation;
    const [owner] = (await this.callBus('GetNameOwner', 's', [busName])) as [string];
    const identity = await this.getProperty(busName, ROOT_IFACE, 'Identity').catch(() => null);
    const [all] = await this.callPlayerRaw(busName, PROPERTIES, 'GetAll', 's', [PLAYER_IFACE]);
    if (generation !== this.generation || this.disposed) return;
    const props = unwrapDict(all);
    const player: LocalPlayerIdentity = {
      busName,
      identity: typeof identity === 'string' && identity !== '' ? identity : client.displayName,
      client: client.kind,
    };
    const previous = this.followed;
    const followed: Followed = {
      player,
      owner,
      state: EMPTY_STATE,
      capabilities: {
        ...UNKNOWN_CAPABILITIES,
        canControl: props['CanControl'] !== false,
        canSeek: props['CanSeek'] === true,
      },
      trackId: null,
    };
    this.followed = followed;
    if (previous) this.presence.emit({ kind: 'gone', player: previous.player });
    this.presence.emit({ kind: 'appeared', player });
    this.applyChanges(followed, props);
    this.capabilityChanges.emit(followed.capabilities);
  }

  private onMessage(message: Message): void {
    if (this.disposed || message.type !== MessageType.SIGNAL) return;
    if (message.interface === DBUS && message.member === 'NameOwnerChanged') {
      const [name, , newOwner] = message.body as [string, string, string];
      void this.onOwnerChanged(name, newOwner).catch(() => undefined);
      return;
    }
    const f = this.followed;
    if (f === null || message.sender !== f.owner || message.path !== MPRIS_PATH) return;
    if (message.interface === PROPERTIES && message.member === 'PropertiesChanged') {
      const [iface, changed, invalidated] = message.body as [string, unknown, string[]];
      if (iface !== PLAYER_IFACE) return;
      this.applyChanges(f, unwrapDict(changed));
      if (invalidated.length > 0) void this.reread(f).catch(() => undefined);
    } else if (message.interface === PLAYER_IFACE && message.member === 'Seeked') {
      const positionMs = microsToMs(message.body[0]);
      if (f.capabilities.emitsSeeked !== true) this.setCapabilities(f, { emitsSeeked: true });
      for (const wake of [...this.seekedWaiters]) wake();
      if (f.capabilities.reportsPosition !== false) this.setState(f, { ...f.state, positionMs });
    }
  }

  private async onOwnerChanged(name: string, newOwner: string): Promise<void> {
    if (knownClientOf(name) === null) return;
    const f = this.followed;
    if (newOwner === '') {
      if (f?.player.busName !== name) return;
      this.followed = null;
      this.generation += 1;
      this.clearPositionProbe();
      this.presence.emit({ kind: 'gone', player: f.player });
      const [names] = (await this.callBus('ListNames')) as [string[]];
      const other = preferredClientName(names.filter((n) => n.startsWith(MPRIS_PREFIX) && n !== name));
      if (other !== null && this.followed === null) await this.follow(other);
      return;
    }
    const current = f ? knownClientOf(f.player.busName) : null;
    const incoming = knownClientOf(name);
    if (f === null || (incoming && current && incoming.rank < current.rank) || f.player.busName === name) {
      await this.follow(name);
    }
  }

  private async reread(f: Followed): Promise<void> {
    const [all] = await this.callPlayerRaw(f.player.busName, PROPERTIES, 'GetAll', 's', [PLAYER_IFACE]);
    if (this.followed === f) this.applyChanges(f, unwrapDict(all));
  }

  private applyChanges(f: Followed, changed: Record<string, PlainValue>): void {
    const metadata = changed['Metadata'];
    if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)) {
      const trackId = (metadata as Record<string, PlainValue>)['mpris:trackid'];
      f.trackId = typeof trackId === 'string' ? trackId : null;
    }
    if (typeof changed['CanSeek'] === 'boolean' && changed['CanSeek'] !== f.capabilities.canSeek) {
      this.setCapabilities(f, { canSeek: changed['CanSeek'] });
    }
    const wasPlaying = f.state.status === 'playing';
    let next = applyPlayerProperties(f.state, changed);
    if (f.capabilities.reportsPosition === false) next = { ...next, positionMs: null };
    this.setState(f, next);
    if (next.status === 'playing' && !wasPlaying) this.schedulePositionProbe(f);
    if (next.status !== 'playing') this.clearPositionProbe();
  }

  private setState(f: Followed, state: LocalPlayerState): void {
    f.state = state;
    if (this.followed === f) this.states.emit(state);
  }

  private setCapabilities(f: Followed, change: Partial<LocalPlayerCapabilities>): void {
    f.capabilities = { ...f.capabilities, ...change };
    if (this.followed === f) this.capabilityChanges.emit(f.capabilities);
  }

  // --- capability detection ---

  /** Position read after playing for a while: above 0 it is real, 0 means the player reports none. */
  private schedulePositionProbe(f: Followed): void {
    if (f.capabilities.reportsPosition !== null) return;
    this.clearPositionProbe();
    this.positionProbe = setTimeout(() => {
      this.positionProbe = null;
      void this.probePosition(f).catch(() => undefined);
    }, this.positionProbeDelayMs);
  }

  private async probePosition(f: Followed): Promise<void> {
    const position = await this.getProperty(f.player.busName, PLAYER_IFACE, 'Position');
    if (this.followed !== f || f.state.status !== 'playing' || f.capabilities.reportsPosition !== null)
      return;
    const positionMs = microsToMs(position);
    const reports = positionMs !== null && positionMs > 0;
    this.setCapabilities(f, { reportsPosition: reports });
    this.setState(f, { ...f.state, positionMs: reports ? positionMs : null });
  }

  private clearPositionProbe(): void {
    if (this.positionProbe !== null) clearTimeout(this.positionProbe);
    this.positionProbe = null;
  }

  /** Resolves true when a Seeked signal arrives, false when none came within the wait. */
  private waitForSeeked(): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.seekedWaiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.seekedWaiters.delete(wake);
        resolve(false);
      }, this.seekedWaitMs);
      this.seekedWaiters.add(wake);
    });
  }

  /** Writes a property and reads it back: a player that keeps the old value does not support it. */
  private async writeAndConfirm(
    property: 'Volume' | 'Shuffle' | 'LoopStatus',
    value: Variant,
    capability: 'canControlVolume' | 'canShuffle' | 'canLoop',
    action: string,
    took: (read: PlainValue) => boolean,
  ): Promise<void> {
    const f = this.requireFollowed();
    const unsupported = new LocalPlayerError(
      'not-supported',
      `${f.player.identity} does not let other apps ${action}.`,
    );
    if (f.capabilities[capability] === false) throw unsupported;
    // Already at the value asked for: done, but a write that changes nothing proves nothing either way.
    const before = await this.getProperty(f.player.busName, PLAYER_IFACE, property).catch(() => undefined);
    if (took(before)) return;
    let read: PlainValue;
    try {
      await this.callPlayerRaw(f.player.busName, PROPERTIES, 'Set', 'ssv', [PLAYER_IFACE, property, value]);
      read = await this.getProperty(f.player.busName, PLAYER_IFACE, property);
    } catch {
      read = undefined;
    }
    if (this.followed !== f) throw new LocalPlayerError('no-player', NO_PLAYER_MESSAGE);
    const works = took(read);
    if (f.capabilities[capability] !== works) this.setCapabilities(f, { [capability]: works });
    if (!works) throw unsupported;
    this.applyChanges(f, { [property]: read });
  }

  // --- bus calls ---

  private requireFollowed(): Followed {
    if (this.broken) throw new LocalPlayerError('bus-unavailable', NO_BUS_MESSAGE);
    if (this.disposed || this.followed === null) throw new LocalPlayerError('no-player', NO_PLAYER_MESSAGE);
    return this.followed;
  }

  private async command(member: string, signature = '', body: unknown[] = []): Promise<void> {
    const f = this.requireFollowed();
    if (!f.capabilities.canControl) {
      throw new LocalPlayerError('not-supported', `${f.player.identity} does not let other apps control it.`);
    }
    try {
      await this.callPlayerRaw(f.player.busName, PLAYER_IFACE, member, signature, body);
    } catch (cause) {
      throw new LocalPlayerError(
        'player-failed',
        `${f.player.identity} did not do that. Try again, or use the player itself.`,
        { cause },
      );
    }
  }

  private async getProperty(busName: string, iface: string, name: string): Promise<PlainValue> {
    const [value] = await this.callPlayerRaw(busName, PROPERTIES, 'Get', 'ss', [iface, name]);
    return unwrap(value);
  }

  private callBus(member: string, signature = '', body: unknown[] = []): Promise<unknown[]> {
    return this.call(
      new Message({
        destination: DBUS,
        path: '/org/freedesktop/DBus',
        interface: DBUS,
        member,
        signature,
        body,
      }),
    );
  }

  private callPlayerRaw(
    busName: string,
    iface: string,
    member: string,
    signature: string,
    body: unknown[],
  ): Promise<unknown[]> {
    return this.call(
      new Message({ destination: busName, path: MPRIS_PATH, interface: iface, member, signature, body }),
    );
  }

  private async call(message: Message): Promise<unknown[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${message.member}`)), this.callTimeoutMs);
    });
    try {
      const reply = await Promise.race([this.bus.call(message), unanswered]);
      return reply?.body ?? [];
    } finally {
      clearTimeout(timer);
    }
  }
}
