/**
 * A fake MPRIS player on the session bus, written with the bridge's own D-Bus library
 * (@jellybrick/dbus-next), for tests and manual runs of the local-player bridge.
 *
 * Two modes:
 * - 'spotify': faithful to the Spotify desktop client's partial MPRIS: Position always reads 0, writes to
 *   Volume, Shuffle and LoopStatus are accepted and ignored, and no Seeked signal is ever sent.
 * - 'complete': spec-complete, like spotifyd: a real Position, Volume/Shuffle/LoopStatus that change,
 *   Seeked after SetPosition and Seek.
 *
 * Its tracks are the simulator's catalogue (the music the "computer" device plays there), so a test can
 * check the bridge's state against the same titles, artists and URIs as the Web API's view.
 *
 * Uses the low-level message API (one method handler) so each mode answers exactly as its player does.
 */
import type { EventEmitter } from 'node:events';
import { Message, NameFlag, RequestNameReply, Variant, sessionBus } from '@jellybrick/dbus-next';
import type { MessageBus } from '@jellybrick/dbus-next';
import { CATALOGUE } from '../simulator/catalogue.ts';

type FakePlayerMode = 'spotify' | 'complete';

export interface FakeTrack {
  readonly id: string;
  readonly uri: string;
  readonly title: string;
  readonly artists: readonly string[];
  readonly album: string;
  readonly artUrl: string;
  readonly durationMs: number;
}

type FakeStatus = 'Playing' | 'Paused' | 'Stopped';

interface FakePlayerState {
  readonly status: FakeStatus;
  readonly track: FakeTrack;
  readonly trackIndex: number;
  /** The position the player really is at (what 'spotify' mode never tells). */
  readonly positionMs: number;
  readonly volume: number;
  readonly shuffle: boolean;
  readonly loop: 'None' | 'Track' | 'Playlist';
  /** Every URI OpenUri was called with, in order. */
  readonly openedUris: readonly string[];
  /** Every property a client Set, in order, whether the player took the value or ignored it. */
  readonly writes: readonly string[];
}

export interface FakePlayerOptions {
  readonly mode: FakePlayerMode;
  /** Default `org.mpris.MediaPlayer2.spotify`. */
  readonly busName?: string;
  readonly busAddress?: string;
  readonly tracks?: readonly FakeTrack[];
  readonly identity?: string;
  /**
   * Answers Play, Pause, PlayPause, Next and Previous with a D-Bus error and changes nothing, as a
   * player does that cannot carry them out (no active session, a stuck client). Its own buttons work.
   */
  readonly failCommands?: boolean;
}

export interface FakePlayer {
  readonly busName: string;
  readonly mode: FakePlayerMode;
  state(): FakePlayerState;
  /** As if the user pressed the player's own buttons: the state changes and PropertiesChanged goes out. */
  play(): void;
  pause(): void;
  next(): void;
  previous(): void;
  /** Releases the bus name and disconnects: the player "quits". */
  stop(): Promise<void>;
}

const PATH = '/org/mpris/MediaPlayer2';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const ROOT = 'org.mpris.MediaPlayer2';
const PLAYER = 'org.mpris.MediaPlayer2.Player';
/** The transport methods `failCommands` refuses. */
const TRANSPORT = new Set(['Play', 'Pause', 'PlayPause', 'Next', 'Previous']);
const FAILED = 'org.freedesktop.DBus.Error.Failed';

/** The simulator catalogue's first tracks, as Spotify's MPRIS would describe them. */
export function catalogueTracks(count = 5): FakeTrack[] {
  return CATALOGUE.tracks.slice(0, count).map((track) => {
    const album = CATALOGUE.album(track.albumId);
    return {
      id: track.id,
      uri: track.uri,
      title: track.name,
      artists: track.artistIds.map((id) => CATALOGUE.artist(id)?.name ?? id),
      album: album?.name ?? '',
      artUrl: `https://i.scdn.co/image/ab67616d0000b273${album?.imageKey ?? ''}`,
      durationMs: track.durationMs,
    };
  });
}

export async function startFakePlayer(options: FakePlayerOptions): Promise<FakePlayer> {
  const busName = options.busName ?? 'org.mpris.MediaPlayer2.spotify';
  const tracks = options.tracks ?? catalogueTracks();
  if (tracks.length === 0) throw new Error('fake MPRIS player: needs at least one track');
  const bus = sessionBus(options.busAddress === undefined ? {} : { busAddress: options.busAddress });
  const player = new FakeMprisPlayer(bus, busName, options.mode, tracks, options.identity ?? 'Spotify', {
    failCommands: options.failCommands === true,
  });
  bus.addMethodHandler((message) => player.handle(message));
  await connected(bus);
  const reply = await bus.requestName(busName, NameFlag.DO_NOT_QUEUE);
  if (reply !== RequestNameReply.PRIMARY_OWNER) {
    bus.disconnect();
    throw new Error(`fake MPRIS player: ${busName} is already owned on this bus`);
  }
  return player;
}

/** Resolves once the bus said hello, rejects when the socket fails ('error' is not in the typed events). */
function connected(bus: MessageBus): Promise<void> {
  const events = bus as unknown as EventEmitter;
  return new Promise((resolve, reject) => {
    events.once('connect', () => {
      events.on('error', () => undefined); // a bus lost later: the fake just stops answering
      resolve();
    });
    events.once('error', (error: unknown) => {
      bus.disconnect();
      reject(new Error(`fake MPRIS player: cannot reach the session bus (${String(error)})`));
    });
  });
}

class FakeMprisPlayer implements FakePlayer {
  readonly busName: string;
  readonly mode: FakePlayerMode;
  private readonly bus: MessageBus;
  private readonly tracks: readonly FakeTrack[];
  private readonly identity: string;
  private readonly failCommands: boolean;
  private status: FakeStatus = 'Paused';
  private trackIndex = 0;
  /** Position at `since` (ms since epoch); it runs on while playing. */
  private positionAt = 0;
  private since = Date.now();
  private volume = 0.65;
  private shuffle = false;
  private loop: 'None' | 'Track' | 'Playlist' = 'None';
  private readonly openedUris: string[] = [];
  private readonly writes: string[] = [];
  private stopped = false;

  constructor(
    bus: MessageBus,
    busName: string,
    mode: FakePlayerMode,
    tracks: readonly FakeTrack[],
    identity: string,
    behaviour: { readonly failCommands: boolean },
  ) {
    this.bus = bus;
    this.busName = busName;
    this.mode = mode;
    this.tracks = tracks;
    this.identity = identity;
    this.failCommands = behaviour.failCommands;
  }

  state(): FakePlayerState {
    return {
      status: this.status,
      track: this.track(),
      trackIndex: this.trackIndex,
      positionMs: this.position(),
      volume: this.volume,
      shuffle: this.shuffle,
      loop: this.loop,
      openedUris: [...this.openedUris],
      writes: [...this.writes],
    };
  }

  play(): void {
    this.setStatus('Playing');
  }
  pause(): void {
    this.setStatus('Paused');
  }
  next(): void {
    this.changeTrack((this.trackIndex + 1) % this.tracks.length);
  }
  previous(): void {
    this.changeTrack((this.trackIndex - 1 + this.tracks.length) % this.tracks.length);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.bus.releaseName(this.busName);
    } finally {
      this.bus.disconnect();
    }
  }

  /** The one method handler: true when this message was for the player and has been answered. */
  handle(message: Message): boolean {
    if (message.path !== PATH) return false;
    if (this.failCommands && message.interface === PLAYER && TRANSPORT.has(message.member ?? '')) {
      this.bus.send(Message.newError(message, FAILED, `${this.identity} could not ${message.member}`));
      return true;
    }
    try {
      const answer = this.answer(message);
      if (answer === null) return false;
      this.bus.send(Message.newMethodReturn(message, answer.signature, answer.body));
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.bus.send(Message.newError(message, 'org.freedesktop.DBus.Error.InvalidArgs', text));
    }
    return true;
  }

  private answer(message: Message): { signature: string; body: unknown[] } | null {
    const none = { signature: '', body: [] };
    if (message.interface === PROPERTIES) {
      const [iface, name, value] = message.body as [string, string | undefined, Variant | undefined];
      const props = this.properties(iface);
      if (props === null) throw new Error(`No interface ${iface}`);
      if (message.member === 'GetAll') return { signature: 'a{sv}', body: [props] };
      if (name === undefined || !(name in props)) throw new Error(`No property ${iface}.${String(name)}`);
      if (message.member === 'Get') return { signature: 'v', body: [props[name]] };
      if (message.member === 'Set' && value !== undefined) {
        this.write(name, value.value);
        return none;
      }
      return null;
    }
    if (message.interface === ROOT && (message.member === 'Raise' || message.member === 'Quit')) return none;
    if (message.interface !== PLAYER) return null;
    switch (message.member) {
      case 'Play':
        this.play();
        return none;
      case 'Pause':
        this.pause();
        return none;
      case 'PlayPause':
        this.setStatus(this.status === 'Playing' ? 'Paused' : 'Playing');
        return none;
      case 'Stop':
        this.setStatus('Stopped');
        return none;
      case 'Next':
        this.next();
        return none;
      case 'Previous':
        this.previous();
        return none;
      case 'OpenUri':
        this.openUri(String(message.body[0]));
        return none;
      case 'Seek':
        this.seekTo(this.position() + Number(message.body[0]) / 1000);
        return none;
      case 'SetPosition': {
        const [trackId, micros] = message.body as [string, bigint];
        // The spec: a SetPosition for another track than the current one is ignored.
        if (trackId === this.trackId()) this.seekTo(Number(micros) / 1000);
        return none;
      }
      default:
        return null;
    }
  }

  private properties(iface: string): Record<string, Variant> | null {
    if (iface === ROOT) {
      return {
        Identity: new Variant('s', this.identity),
        DesktopEntry: new Variant('s', 'spotify'),
        CanQuit: new Variant('b', true),
        CanRaise: new Variant('b', true),
        HasTrackList: new Variant('b', false),
        SupportedUriSchemes: new Variant('as', ['spotify']),
        SupportedMimeTypes: new Variant('as', []),
      };
    }
    if (iface !== PLAYER) return null;
    const spotify = this.mode === 'spotify';
    return {
      PlaybackStatus: new Variant('s', this.status),
      LoopStatus: new Variant('s', spotify ? 'None' : this.loop),
      Rate: new Variant('d', 1),
      Shuffle: new Variant('b', spotify ? false : this.shuffle),
      Metadata: this.metadata(),
      // Spotify advertises Volume and keeps it at 1 whatever is written.
      Volume: new Variant('d', spotify ? 1 : this.volume),
      Position: new Variant('x', spotify ? 0n : BigInt(Math.round(this.position() * 1000))),
      MinimumRate: new Variant('d', 1),
      MaximumRate: new Variant('d', 1),
      CanGoNext: new Variant('b', true),
      CanGoPrevious: new Variant('b', true),
      CanPlay: new Variant('b', true),
      CanPause: new Variant('b', true),
      CanSeek: new Variant('b', true),
      CanControl: new Variant('b', true),
    };
  }

  private metadata(): Variant {
    const track = this.track();
    return new Variant('a{sv}', {
      'mpris:trackid': new Variant('o', this.trackId()),
      'mpris:length': new Variant('x', BigInt(track.durationMs) * 1000n),
      'mpris:artUrl': new Variant('s', track.artUrl),
      'xesam:title': new Variant('s', track.title),
      'xesam:artist': new Variant('as', [...track.artists]),
      'xesam:album': new Variant('s', track.album),
      'xesam:albumArtist': new Variant('as', [...track.artists]),
      'xesam:url': new Variant('s', `https://open.spotify.com/track/${track.id}`),
    });
  }

  private write(name: string, value: unknown): void {
    this.writes.push(name);
    if (this.mode === 'spotify') return; // accepted and ignored, as Spotify does
    if (name === 'Volume' && typeof value === 'number') {
      this.volume = Math.min(1, Math.max(0, value));
      this.emitChanged({ Volume: new Variant('d', this.volume) });
    } else if (name === 'Shuffle' && typeof value === 'boolean') {
      this.shuffle = value;
      this.emitChanged({ Shuffle: new Variant('b', value) });
    } else if (name === 'LoopStatus' && (value === 'None' || value === 'Track' || value === 'Playlist')) {
      this.loop = value;
      this.emitChanged({ LoopStatus: new Variant('s', value) });
    } else {
      throw new Error(`Property ${name} is read-only or the value is invalid`);
    }
  }

  private openUri(uri: string): void {
    this.openedUris.push(uri);
    const index = this.tracks.findIndex((track) => track.uri === uri);
    if (index >= 0) this.changeTrack(index);
    this.setStatus('Playing');
  }

  private track(): FakeTrack {
    return this.tracks[this.trackIndex] ?? (this.tracks[0] as FakeTrack);
  }

  private trackId(): string {
    return `/com/spotify/track/${this.track().id}`;
  }

  private position(): number {
    const running = this.status === 'Playing' ? Date.now() - this.since : 0;
    return Math.min(this.track().durationMs, this.positionAt + running);
  }

  private seekTo(positionMs: number): void {
    this.positionAt = Math.min(this.track().durationMs, Math.max(0, positionMs));
    this.since = Date.now();
    if (this.mode === 'complete')
      this.emitSignal(PLAYER, 'Seeked', 'x', [BigInt(Math.round(this.positionAt * 1000))]);
  }

  private setStatus(status: FakeStatus): void {
    if (status === this.status) return;
    this.positionAt = status === 'Stopped' ? 0 : this.position();
    this.since = Date.now();
    this.status = status;
    this.emitChanged({ PlaybackStatus: new Variant('s', status) });
  }

  private changeTrack(index: number): void {
    this.trackIndex = index;
    this.positionAt = 0;
    this.since = Date.now();
    this.emitChanged({ Metadata: this.metadata() });
  }

  private emitChanged(changed: Record<string, Variant>): void {
    this.emitSignal(PROPERTIES, 'PropertiesChanged', 'sa{sv}as', [PLAYER, changed, []]);
  }

  private emitSignal(iface: string, member: string, signature: string, body: unknown[]): void {
    if (this.stopped) return;
    this.bus.send(Message.newSignal(PATH, iface, member, signature, body));
  }
}
