import type { SimClock } from './clock.ts';
import { ApiError } from './errors.ts';

/**
 * One user's Spotify Connect session: devices, the active one, what is loaded, progress, queue, shuffle,
 * repeat, volume and play history. Time comes only from the simulator clock: progress is computed from
 * the last change (`anchor`), never from timers, and track ends are settled lazily whenever the state
 * is read or changed.
 */

export type RepeatMode = 'off' | 'track' | 'context';

export interface DeviceRecord {
  id: string;
  name: string;
  type: string;
  isRestricted: boolean;
  supportsVolume: boolean;
  volumePercent: number | null;
}

export interface PlayHistoryEntry {
  uri: string;
  /** Simulator time the item stopped playing (finished or skipped). */
  playedAt: number;
  contextUri: string | null;
}

export const NO_ACTIVE_DEVICE = (): ApiError =>
  new ApiError(404, 'Player command failed: No active device found', 'NO_ACTIVE_DEVICE');
export const DEVICE_NOT_FOUND = (): ApiError => new ApiError(404, 'Device not found');
const restriction = (reason: string, what: string): ApiError =>
  new ApiError(403, `Player command failed: ${what}`, reason);

/**
 * What a redundant pause (already paused) or resume (already playing) answers. Spotify has answered all
 * three over time: plain success, 403 with the specific reason, 403 "Restriction violated" (UNKNOWN).
 */
export type RedundantCommandStyle = 'succeed' | 'reason' | 'restriction-violated';

/** Spotify keeps the last 50 plays. */
const HISTORY_LIMIT = 50;
/** Up-next lists (GET /me/player/queue) stop here, like Spotify's. */
export const UP_NEXT_LIMIT = 20;

type NextTarget = { queue: true } | { queue: false; position: number; reshuffle: boolean };

interface Loaded {
  contextUri: string | null;
  /** The context's items (or the bare `uris` list) in their natural order. */
  sequence: readonly string[];
  /** Play order: indices into `sequence`, natural or shuffled. */
  order: number[];
  /** Index into `order` of the current context item (the last one, while a queued item plays). */
  position: number;
  current: string;
  /** The current item came from the user's queue, not from the context. */
  fromQueue: boolean;
}

export interface PlayerDeps {
  clock: SimClock;
  /** Duration of a playable item; the catalogue's. */
  durationOf(uri: string): number;
  /** Items of a context URI (album, artist, playlist); `undefined` when there is no such context. */
  contextItems(uri: string): readonly string[] | undefined;
  redundantStyle(): RedundantCommandStyle;
}

export interface PlayOptions {
  contextUri?: string | undefined;
  uris?: readonly string[] | undefined;
  offset?: { position?: number; uri?: string } | undefined;
  positionMs?: number | undefined;
}

export class PlayerState {
  readonly #deps: PlayerDeps;
  #devices: DeviceRecord[] = [];
  #activeId: string | null = null;
  #loaded: Loaded | null = null;
  #userQueue: string[] = [];
  #playing = false;
  /** Progress at `#anchorAt`; while playing, progress grows from there with the clock. */
  #anchorMs = 0;
  #anchorAt: number;
  /** When the playback state last changed (the `timestamp` field). */
  #changedAt: number;
  #shuffle = false;
  #repeat: RepeatMode = 'off';
  #history: PlayHistoryEntry[] = [];
  #rng: number;

  constructor(deps: PlayerDeps, seed = 1) {
    this.#deps = deps;
    this.#anchorAt = deps.clock.now();
    this.#changedAt = this.#anchorAt;
    this.#rng = seed >>> 0 || 1;
  }

  // ---- reads (each settles track ends up to now first) ----

  get devices(): readonly DeviceRecord[] {
    return this.#devices;
  }

  get activeDevice(): DeviceRecord | undefined {
    return this.#devices.find((d) => d.id === this.#activeId);
  }

  view(): PlayerView {
    this.settle();
    const now = this.#deps.clock.now();
    const loaded = this.#loaded;
    return {
      device: this.activeDevice,
      contextUri: loaded?.contextUri ?? null,
      itemUri: loaded?.current ?? null,
      isPlaying: this.#playing,
      progressMs: this.#progressAt(now),
      timestamp: this.#changedAt,
      shuffle: this.#shuffle,
      repeat: this.#repeat,
      userQueue: [...this.#userQueue],
      upNext: this.#upNext(),
      canGoPrevious: loaded !== null && this.#previousTarget() !== undefined,
      canGoNext: loaded !== null && this.#nextTarget() !== undefined,
    };
  }

  history(): readonly PlayHistoryEntry[] {
    this.settle();
    return this.#history;
  }

  // ---- set-up ----

  setDevices(devices: DeviceRecord[]): void {
    this.settle();
    const ids = new Set<string>();
    for (const d of devices) {
      if (!d.id || ids.has(d.id)) throw new Error(`setDevices: device ids must be unique and non-empty`);
      ids.add(d.id);
    }
    this.#devices = devices.map((d) => ({ ...d }));
    if (this.#activeId !== null && !ids.has(this.#activeId)) this.#stopSession();
  }

  /** Loads an item paused at 0 on `deviceId` (the seed state). */
  load(deviceId: string, options: PlayOptions): void {
    this.#device(deviceId);
    this.#activeId = deviceId;
    this.#start(options, false);
  }

  seedHistory(entries: PlayHistoryEntry[]): void {
    this.#history = [...entries].sort((a, b) => b.playedAt - a.playedAt).slice(0, HISTORY_LIMIT);
  }

  // ---- commands; `deviceId` is the `device_id` parameter ----

  play(options: PlayOptions, deviceId?: string): void {
    this.settle();
    const hasNew = options.contextUri !== undefined || options.uris !== undefined;
    if (!hasNew) {
      const device = this.#target(deviceId);
      if (!this.#loaded) throw restriction('UNKNOWN', 'Restriction violated');
      // Resuming on another device moves playback there: never redundant.
      if (this.#playing && options.positionMs === undefined && device.id === this.#activeId) {
        this.#redundant('NOT_PAUSED', 'Not paused');
        return;
      }
      this.#activate(device);
      if (options.positionMs !== undefined) this.#anchor(options.positionMs);
      this.#setPlaying(true);
      this.settle();
      return;
    }
    const resolved = this.#resolve(options);
    this.#activate(this.#target(deviceId));
    this.#leaveCurrent();
    this.#startResolved(resolved, options.positionMs ?? 0, true);
    this.settle();
  }

  pause(deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    if (!this.#playing) {
      this.#redundant('ALREADY_PAUSED', 'Already paused');
      return;
    }
    this.#activate(device);
    this.#setPlaying(false);
  }

  next(deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    this.#loadedOrFail();
    if (this.#nextTarget() === undefined) throw restriction('NO_NEXT_TRACK', 'No next track');
    this.#activate(device);
    this.#skipNext();
  }

  previous(deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    const loaded = this.#loadedOrFail();
    const target = this.#previousTarget();
    if (target === undefined) throw restriction('NO_PREV_TRACK', 'No previous track');
    this.#activate(device);
    this.#leaveCurrent();
    if (target.reshuffle) loaded.order = this.#shuffled(loaded.sequence.length);
    loaded.position = target.position;
    loaded.current = loaded.sequence[loaded.order[target.position] as number] as string;
    loaded.fromQueue = false;
    this.#anchor(0);
  }

  seek(positionMs: number, deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    this.#loadedOrFail();
    this.#activate(device);
    this.#seekTo(positionMs);
  }

  setVolume(percent: number, deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    if (!device.supportsVolume) throw restriction('VOLUME_CONTROL_DISALLOW', 'Cannot control device volume');
    this.#activate(device);
    device.volumePercent = percent;
    this.#changedAt = this.#deps.clock.now();
  }

  setShuffle(on: boolean, deviceId?: string): void {
    this.settle();
    this.#activate(this.#target(deviceId));
    this.#applyShuffle(on);
  }

  setRepeat(mode: RepeatMode, deviceId?: string): void {
    this.settle();
    this.#activate(this.#target(deviceId));
    this.#repeat = mode;
    this.#changedAt = this.#deps.clock.now();
  }

  addToQueue(uri: string, deviceId?: string): void {
    this.settle();
    this.#activate(this.#target(deviceId));
    this.#userQueue.push(uri);
  }

  transfer(deviceId: string, play: boolean | undefined): void {
    this.settle();
    const device = this.#device(deviceId);
    if (device.isRestricted) throw restriction('DEVICE_NOT_CONTROLLABLE', 'Device not controllable');
    this.#activeId = device.id;
    this.#changedAt = this.#deps.clock.now();
    if (play === true && this.#loaded) this.#setPlaying(true);
  }

  // ---- changes from another device (no checks but existence; throw plain Errors) ----

  external(): ExternalControls {
    const need = (): void => {
      this.settle();
      if (!this.activeDevice) throw new Error('no active device');
      if (!this.#loaded) throw new Error('nothing loaded');
    };
    return {
      play: (options, deviceId) => {
        this.settle();
        const id = deviceId ?? this.#activeId ?? this.#devices[0]?.id;
        if (id === undefined) throw new Error('no device to play on');
        const device = this.#devices.find((d) => d.id === id);
        if (!device) throw new Error(`unknown device ${JSON.stringify(id)}`);
        if (options.contextUri !== undefined || options.uris !== undefined) {
          const resolved = this.#resolve(options, (error) => new Error(error.message));
          this.#activeId = device.id;
          this.#leaveCurrent();
          this.#startResolved(resolved, options.positionMs ?? 0, true);
        } else {
          if (!this.#loaded) throw new Error('nothing loaded');
          this.#activeId = device.id;
          if (options.positionMs !== undefined) this.#anchor(options.positionMs);
          this.#setPlaying(true);
        }
        this.settle();
      },
      pause: () => {
        need();
        if (this.#playing) this.#setPlaying(false);
      },
      resume: () => {
        need();
        if (!this.#playing) this.#setPlaying(true);
      },
      skip: () => {
        need();
        this.#skipNext();
      },
      seek: (positionMs) => {
        need();
        if (!Number.isFinite(positionMs) || positionMs < 0) throw new Error('positionMs must be >= 0');
        this.#seekTo(Math.floor(positionMs));
      },
      transfer: (deviceId, play) => {
        this.settle();
        const device = this.#devices.find((d) => d.id === deviceId);
        if (!device) throw new Error(`unknown device ${JSON.stringify(deviceId)}`);
        this.#activeId = device.id;
        this.#changedAt = this.#deps.clock.now();
        if (play === true && this.#loaded) this.#setPlaying(true);
        if (play === false && this.#playing) this.#setPlaying(false);
      },
      deactivate: () => {
        this.settle();
        this.#stopSession();
      },
      shuffle: (on) => {
        this.settle();
        this.#applyShuffle(on);
      },
      repeat: (mode) => {
        this.settle();
        this.#repeat = mode;
        this.#changedAt = this.#deps.clock.now();
      },
      queue: (uri) => {
        need();
        this.#userQueue.push(uri);
      },
      volume: (percent, deviceId) => {
        this.settle();
        const device = this.#devices.find((d) => d.id === (deviceId ?? this.#activeId));
        if (!device)
          throw new Error(deviceId ? `unknown device ${JSON.stringify(deviceId)}` : 'no active device');
        if (!Number.isInteger(percent) || percent < 0 || percent > 100)
          throw new Error('volume must be an integer 0..100');
        device.volumePercent = percent;
        this.#changedAt = this.#deps.clock.now();
      },
    };
  }

  // ---- the clock ----

  /** Plays out every track end up to now: history, repeat, queue, context order, end of context. */
  settle(): void {
    const now = this.#deps.clock.now();
    // Bounded: even months of repeat-track playback settle in well under a second.
    for (let guard = 0; guard < 1_000_000; guard++) {
      const loaded = this.#loaded;
      if (!loaded || !this.#playing) return;
      const duration = this.#deps.durationOf(loaded.current);
      if (this.#progressAt(now) < duration) return;
      const endedAt = Math.max(this.#anchorAt, this.#anchorAt + (duration - this.#anchorMs));
      this.#record(loaded.current, endedAt);
      this.#advanceAfterEnd(endedAt);
    }
  }

  // ---- internals ----

  /** Past the end, the next item starts at 0 (spec), keeping play/pause; or the context ends. */
  #seekTo(positionMs: number): void {
    const loaded = this.#loadedOrFail();
    this.#anchor(positionMs);
    if (this.#playing || positionMs < this.#deps.durationOf(loaded.current)) {
      this.settle();
      return;
    }
    const now = this.#deps.clock.now();
    this.#record(loaded.current, now);
    this.#advanceAfterEnd(now);
  }

  #progressAt(now: number): number {
    if (!this.#playing) return this.#anchorMs;
    return this.#anchorMs + Math.max(0, now - this.#anchorAt);
  }

  #anchor(progressMs: number, at = this.#deps.clock.now()): void {
    this.#anchorMs = progressMs;
    this.#anchorAt = at;
    this.#changedAt = at;
  }

  #setPlaying(playing: boolean): void {
    const now = this.#deps.clock.now();
    this.#anchor(this.#progressAt(now), now);
    this.#playing = playing;
  }

  #redundant(reason: string, what: string): void {
    const style = this.#deps.redundantStyle();
    if (style === 'reason') throw restriction(reason, what);
    if (style === 'restriction-violated') throw restriction('UNKNOWN', 'Restriction violated');
  }

  #device(id: string): DeviceRecord {
    const device = this.#devices.find((d) => d.id === id);
    if (!device) throw DEVICE_NOT_FOUND();
    return device;
  }

  /** The device a command acts on: `device_id`'s, else the active one. Changes nothing. */
  #target(deviceId: string | undefined): DeviceRecord {
    if (deviceId !== undefined) {
      const device = this.#device(deviceId);
      if (device.isRestricted) throw restriction('DEVICE_NOT_CONTROLLABLE', 'Device not controllable');
      return device;
    }
    const active = this.activeDevice;
    if (!active) throw NO_ACTIVE_DEVICE();
    if (active.isRestricted) throw restriction('DEVICE_NOT_CONTROLLABLE', 'Device not controllable');
    return active;
  }

  /** A command that succeeds on an inactive `device_id` moves playback there. */
  #activate(device: DeviceRecord): void {
    if (this.#activeId === device.id) return;
    this.#activeId = device.id;
    this.#changedAt = this.#deps.clock.now();
  }

  #loadedOrFail(): Loaded {
    if (!this.#loaded) throw restriction('UNKNOWN', 'Restriction violated');
    return this.#loaded;
  }

  #stopSession(): void {
    if (this.#playing) this.#setPlaying(false);
    this.#activeId = null;
    this.#changedAt = this.#deps.clock.now();
  }

  #resolve(
    options: PlayOptions,
    wrap: (error: ApiError) => Error = (error) => error,
  ): { contextUri: string | null; sequence: readonly string[]; index: number | undefined } {
    let contextUri: string | null = null;
    let sequence: readonly string[];
    if (options.contextUri !== undefined) {
      const items = this.#deps.contextItems(options.contextUri);
      if (!items || items.length === 0) throw wrap(new ApiError(404, 'Context not found'));
      contextUri = options.contextUri;
      sequence = items;
    } else {
      sequence = options.uris ?? [];
      if (sequence.length === 0) throw wrap(new ApiError(400, 'No uris provided'));
    }
    let index: number | undefined;
    const offset = options.offset;
    if (offset?.uri !== undefined) {
      index = sequence.indexOf(offset.uri);
      if (index < 0) throw wrap(new ApiError(404, 'Offset uri not found in context'));
    } else if (offset?.position !== undefined) {
      if (offset.position >= sequence.length) throw wrap(new ApiError(404, 'Offset out of range'));
      index = offset.position;
    }
    return { contextUri, sequence, index };
  }

  #start(options: PlayOptions, playing: boolean): void {
    this.#startResolved(this.#resolve(options), options.positionMs ?? 0, playing);
  }

  #startResolved(
    resolved: { contextUri: string | null; sequence: readonly string[]; index: number | undefined },
    positionMs: number,
    playing: boolean,
  ): void {
    const { sequence } = resolved;
    // Shuffle without an offset starts anywhere; with one, the offset item comes first.
    const start = resolved.index ?? (this.#shuffle ? Math.floor(this.#random() * sequence.length) : 0);
    const order = this.#shuffle ? this.#shuffled(sequence.length, start) : sequence.map((_, i) => i);
    const position = order.indexOf(start);
    this.#loaded = {
      contextUri: resolved.contextUri,
      sequence,
      order,
      position,
      current: sequence[start] as string,
      fromQueue: false,
    };
    this.#playing = playing;
    this.#anchor(positionMs);
  }

  /** The current item enters the history if it played at all before being left. */
  #leaveCurrent(): void {
    const loaded = this.#loaded;
    const now = this.#deps.clock.now();
    if (loaded && this.#progressAt(now) > 0) this.#record(loaded.current, now);
  }

  #record(uri: string, playedAt: number): void {
    this.#history.unshift({ uri, playedAt, contextUri: this.#loaded?.contextUri ?? null });
    if (this.#history.length > HISTORY_LIMIT) this.#history.length = HISTORY_LIMIT;
  }

  /** Where `next` goes: the user's queue first, then the context order; wraps only with repeat context. */
  #nextTarget(): NextTarget | undefined {
    const loaded = this.#loaded;
    if (!loaded) return undefined;
    if (this.#userQueue.length > 0) return { queue: true };
    if (loaded.position + 1 < loaded.order.length)
      return { queue: false, position: loaded.position + 1, reshuffle: false };
    if (this.#repeat === 'context') return { queue: false, position: 0, reshuffle: this.#shuffle };
    return undefined;
  }

  #previousTarget(): { position: number; reshuffle: boolean } | undefined {
    const loaded = this.#loaded;
    if (!loaded) return undefined;
    // A queued item goes back to the context item played before it.
    if (loaded.fromQueue) return { position: loaded.position, reshuffle: false };
    if (loaded.position > 0) return { position: loaded.position - 1, reshuffle: false };
    if (this.#repeat === 'context') return { position: loaded.order.length - 1, reshuffle: false };
    return undefined;
  }

  /** To the next item; with none (end of context, repeat off) playback stops at the context's start. */
  #skipNext(): void {
    const loaded = this.#loadedOrFail();
    const target = this.#nextTarget();
    if (target === undefined) {
      this.#leaveCurrent();
      this.#stopAtEnd(this.#deps.clock.now());
      return;
    }
    this.#leaveCurrent();
    this.#goTo(loaded, target);
    this.#anchor(0);
  }

  #goTo(loaded: Loaded, target: NextTarget): void {
    if (target.queue) {
      loaded.current = this.#userQueue.shift() as string;
      loaded.fromQueue = true;
      return;
    }
    if (target.reshuffle) loaded.order = this.#shuffled(loaded.sequence.length);
    loaded.position = target.position;
    loaded.current = loaded.sequence[loaded.order[target.position] as number] as string;
    loaded.fromQueue = false;
  }

  #advanceAfterEnd(endedAt: number): void {
    const loaded = this.#loaded as Loaded;
    if (this.#repeat === 'track') {
      this.#anchor(0, endedAt);
      return;
    }
    const target = this.#nextTarget();
    if (target === undefined) {
      this.#stopAtEnd(endedAt);
      return;
    }
    this.#goTo(loaded, target);
    this.#anchor(0, endedAt);
  }

  /** End of the context with repeat off: back to its first item, paused at 0 (as the desktop app does). */
  #stopAtEnd(at: number): void {
    const loaded = this.#loaded as Loaded;
    loaded.position = 0;
    loaded.current = loaded.sequence[loaded.order[0] as number] as string;
    loaded.fromQueue = false;
    this.#playing = false;
    this.#anchor(0, at);
  }

  #applyShuffle(on: boolean): void {
    this.#shuffle = on;
    this.#changedAt = this.#deps.clock.now();
    const loaded = this.#loaded;
    if (!loaded) return;
    const currentIndex = loaded.order[loaded.position] as number;
    loaded.order = on
      ? this.#shuffled(loaded.sequence.length, currentIndex)
      : loaded.sequence.map((_, i) => i);
    loaded.position = loaded.order.indexOf(currentIndex);
  }

  /** A permutation of 0..n-1 (Fisher–Yates on the player's own PRNG), `first` in front when given. */
  #shuffled(n: number, first?: number): number[] {
    const rest = Array.from({ length: n }, (_, i) => i).filter((i) => i !== first);
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [rest[i], rest[j]] = [rest[j] as number, rest[i] as number];
    }
    return first === undefined ? rest : [first, ...rest];
  }

  /** mulberry32: deterministic per player, so runs repeat. */
  #random(): number {
    this.#rng = (this.#rng + 0x6d2b79f5) >>> 0;
    let t = this.#rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** User-queued items, then the context's next items in play order (wrapping with repeat context). */
  #upNext(): string[] {
    const loaded = this.#loaded;
    if (!loaded) return [];
    const list = [...this.#userQueue];
    const n = loaded.order.length;
    for (let position = loaded.position + 1; list.length < UP_NEXT_LIMIT; position++) {
      if (position >= n && this.#repeat !== 'context') break;
      list.push(loaded.sequence[loaded.order[position % n] as number] as string);
    }
    return list.slice(0, UP_NEXT_LIMIT);
  }
}

export interface PlayerView {
  device: DeviceRecord | undefined;
  contextUri: string | null;
  itemUri: string | null;
  isPlaying: boolean;
  progressMs: number;
  timestamp: number;
  shuffle: boolean;
  repeat: RepeatMode;
  userQueue: string[];
  upNext: string[];
  canGoPrevious: boolean;
  canGoNext: boolean;
}

export interface ExternalControls {
  play(options: PlayOptions, deviceId?: string): void;
  pause(): void;
  resume(): void;
  skip(): void;
  seek(positionMs: number): void;
  transfer(deviceId: string, play?: boolean): void;
  deactivate(): void;
  shuffle(on: boolean): void;
  repeat(mode: RepeatMode): void;
  queue(uri: string): void;
  volume(percent: number, deviceId?: string): void;
}
