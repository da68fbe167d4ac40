import type { SimClock } from './clock.ts';
import type { RedundantCommandStyle } from './content-profile.ts';
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
  /** Listed with `id: null`: no command can name it. */
  hidesId: boolean;
  /** Drops out of the device list for `awayMs` in every `periodMs` (shifted by `phaseMs`); never while active. */
  absence: { periodMs: number; awayMs: number; phaseMs: number } | undefined;
  /** Set by `sim.player.setDeviceAvailable`: wins over `absence`; `undefined` = follow it. */
  forcedPresence: boolean | undefined;
}

export interface PlayHistoryEntry {
  uri: string;
  /** Simulator time the item stopped playing (finished or skipped). */
  playedAt: number;
  contextUri: string | null;
}

const NO_ACTIVE_DEVICE = (): ApiError =>
  new ApiError(404, 'Player command failed: No active device found', 'NO_ACTIVE_DEVICE');
const DEVICE_NOT_FOUND = (): ApiError => new ApiError(404, 'Device not found');
const restriction = (reason: string, what: string): ApiError =>
  new ApiError(403, `Player command failed: ${what}`, reason);
const RESTRICTION_VIOLATED = (): ApiError => restriction('UNKNOWN', 'Restriction violated');

export type { RedundantCommandStyle } from './content-profile.ts';

/** openapi.yml's DisallowsObject: every action a player state can disallow. */
export const DISALLOW_FLAGS = [
  'interrupting_playback',
  'pausing',
  'resuming',
  'seeking',
  'skipping_next',
  'skipping_prev',
  'toggling_repeat_context',
  'toggling_shuffle',
  'toggling_repeat_track',
  'transferring_playback',
] as const;
export type DisallowFlag = (typeof DISALLOW_FLAGS)[number];

/** The reason a refused command carries, per flag and cause (docs/SPOTIFY.md's player reasons). */
const FLAG_REASONS: Partial<Record<DisallowFlag, [string, string]>> = {
  pausing: ['ALREADY_PAUSED', 'Already paused'],
  resuming: ['NOT_PAUSED', 'Not paused'],
  skipping_next: ['NO_NEXT_TRACK', 'No next track'],
  skipping_prev: ['NO_PREV_TRACK', 'No previous track'],
};

/** What kind of item is loaded; `ad` while an ad plays. */
export type ItemKind = 'track' | 'episode' | 'local' | 'unknown';

/** Spotify keeps the last 50 plays. */
const HISTORY_LIMIT = 50;
/** Up-next lists (GET /me/player/queue) stop here, like Spotify's. */
const UP_NEXT_LIMIT = 20;

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
  /**
   * Items of a context URI (album, artist, playlist, show, the user's Liked Songs); `undefined` when there
   * is no such context. The player keeps its own copy, so later changes to the list do not move it.
   */
  contextItems(uri: string): readonly string[] | undefined;
  redundantStyle(): RedundantCommandStyle;
  /** Whether the user may play `uri` in their market (unplayable ones are skipped). Default: all. */
  isPlayable?(uri: string): boolean;
  /** What a URI names; default 'track'. */
  kindOf?(uri: string): ItemKind;
  /** Refuse commands whose `actions.disallows` flag is set (realistic). */
  enforceDisallows?: boolean;
  /** An ad after every `everyTracks` tracks that end by themselves (realistic). */
  ads?: { everyTracks: number; durationMs: number } | undefined;
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
  /** An ad is playing (after `loaded.current` ended); what follows is worked out when it ends. */
  #ad: { durationMs: number } | null = null;
  #tracksSinceAd = 0;

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

  /** What GET /me/player/devices lists: every device present now (the active one always is). */
  listedDevices(): readonly DeviceRecord[] {
    this.settle();
    const now = this.#deps.clock.now();
    return this.#devices.filter((d) => this.#present(d, now));
  }

  view(): PlayerView {
    this.settle();
    const now = this.#deps.clock.now();
    const loaded = this.#loaded;
    const current = loaded?.current ?? null;
    return {
      device: this.activeDevice,
      contextUri: loaded?.contextUri ?? null,
      itemUri: this.#ad ? null : current,
      itemKind: this.#ad ? 'ad' : current === null ? null : this.#kindOf(current),
      isPlaying: this.#playing,
      progressMs: this.#progressAt(now),
      timestamp: this.#changedAt,
      shuffle: this.#shuffle,
      repeat: this.#repeat,
      userQueue: [...this.#userQueue],
      upNext: this.#upNext(),
      canGoPrevious: loaded !== null && this.#previousTarget() !== undefined,
      canGoNext: loaded !== null && this.#nextTarget() !== undefined,
      disallows: [...this.#disallows().keys()],
    };
  }

  /** Forces a device into or out of the device list (`undefined`: back to its seeded rhythm). */
  setPresence(deviceId: string, present: boolean | undefined): void {
    this.settle();
    const device = this.#devices.find((d) => d.id === deviceId);
    if (!device) throw new Error(`unknown device ${JSON.stringify(deviceId)}`);
    device.forcedPresence = present;
    // A device that goes away takes the session with it.
    if (present === false && device.id === this.#activeId) this.#stopSession();
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
      if (!this.#loaded) throw RESTRICTION_VIOLATED();
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
    const device = this.#target(deviceId);
    this.#enforce('interrupting_playback');
    const resolved = this.#resolve(options);
    this.#activate(device);
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
    this.#enforce('skipping_next');
    if (this.#nextTarget() === undefined && !this.#ad) throw restriction('NO_NEXT_TRACK', 'No next track');
    this.#activate(device);
    this.#skipNext();
  }

  previous(deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    const loaded = this.#loadedOrFail();
    this.#enforce('skipping_prev');
    if (this.#ad) {
      // Back from an ad (when nothing refuses it): the item before it starts again.
      this.#activate(device);
      this.#ad = null;
      this.#anchor(0);
      return;
    }
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
    this.#enforce('seeking');
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
    const device = this.#target(deviceId);
    this.#enforce('toggling_shuffle');
    this.#activate(device);
    this.#applyShuffle(on);
  }

  setRepeat(mode: RepeatMode, deviceId?: string): void {
    this.settle();
    const device = this.#target(deviceId);
    if (mode !== 'context') this.#enforce('toggling_repeat_track');
    if (mode !== 'track') this.#enforce('toggling_repeat_context');
    this.#activate(device);
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
    if (device.id !== this.#activeId) this.#enforce('transferring_playback');
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
      const duration = this.#currentDuration(loaded);
      if (this.#progressAt(now) < duration) return;
      const endedAt = Math.max(this.#anchorAt, this.#anchorAt + (duration - this.#anchorMs));
      if (this.#ad) {
        this.#ad = null;
        this.#advanceAfterEnd(endedAt, false);
        continue;
      }
      this.#record(loaded.current, endedAt);
      this.#advanceAfterEnd(endedAt, true);
    }
  }

  /**
   * The actions this state disallows, each with the refusal it causes. Derived from the state: paused →
   * pausing; playing → resuming; nothing before or after (repeat off) → skipping_prev / skipping_next;
   * an ad → seeking, skipping, shuffle, both repeats, interrupting and transferring; an episode →
   * toggling_shuffle (a podcast plays in order).
   */
  #disallows(): Map<DisallowFlag, [string, string]> {
    const flags = new Map<DisallowFlag, [string, string]>();
    const loaded = this.#loaded;
    const set = (flag: DisallowFlag, reason?: [string, string]): void => {
      if (!flags.has(flag)) flags.set(flag, reason ?? ['UNKNOWN', 'Restriction violated']);
    };
    if (this.#playing) set('resuming', FLAG_REASONS.resuming);
    else set('pausing', FLAG_REASONS.pausing);
    if (this.#ad) {
      for (const flag of DISALLOW_FLAGS) if (flag !== 'pausing' && flag !== 'resuming') set(flag);
    }
    if (loaded === null || this.#previousTarget() === undefined)
      set('skipping_prev', FLAG_REASONS.skipping_prev);
    if (loaded === null || this.#nextTarget() === undefined) set('skipping_next', FLAG_REASONS.skipping_next);
    if (loaded !== null && this.#kindOf(loaded.current) === 'episode') set('toggling_shuffle');
    return flags;
  }

  /** In realistic (`enforceDisallows`), a command whose flag is set is refused with the flag's reason. */
  #enforce(flag: DisallowFlag): void {
    if (this.#deps.enforceDisallows !== true) return;
    const refusal = this.#disallows().get(flag);
    if (refusal) throw restriction(refusal[0], refusal[1]);
  }

  // ---- internals ----

  /** Past the end, the next item starts at 0 (spec), keeping play/pause; or the context ends. */
  #seekTo(positionMs: number): void {
    const loaded = this.#loadedOrFail();
    this.#anchor(positionMs);
    if (this.#playing || positionMs < this.#currentDuration(loaded)) {
      this.settle();
      return;
    }
    const now = this.#deps.clock.now();
    if (this.#ad) {
      this.#ad = null;
      this.#advanceAfterEnd(now, false);
      return;
    }
    this.#record(loaded.current, now);
    this.#advanceAfterEnd(now, true);
  }

  #currentDuration(loaded: Loaded): number {
    return this.#ad ? this.#ad.durationMs : this.#deps.durationOf(loaded.current);
  }

  #kindOf(uri: string): ItemKind {
    return this.#deps.kindOf?.(uri) ?? 'track';
  }

  #playable(uri: string): boolean {
    return this.#deps.isPlayable?.(uri) ?? true;
  }

  /** Listed now: forced either way, else away during its seeded absences, except while active. */
  #present(device: DeviceRecord, now: number): boolean {
    if (device.forcedPresence !== undefined) return device.forcedPresence;
    if (!device.absence || device.id === this.#activeId) return true;
    const { periodMs, awayMs, phaseMs } = device.absence;
    return (now + phaseMs) % periodMs >= awayMs;
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

  /** A device a command names by ID: one that hides its ID, or is away right now, is not found. */
  #device(id: string): DeviceRecord {
    const now = this.#deps.clock.now();
    const device = this.#devices.find((d) => d.id === id && !d.hidesId && this.#present(d, now));
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
    if (!this.#loaded) throw RESTRICTION_VIOLATED();
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
    let listed: readonly string[];
    if (options.contextUri !== undefined) {
      const items = this.#deps.contextItems(options.contextUri);
      if (!items || items.length === 0) throw wrap(new ApiError(404, 'Context not found'));
      contextUri = options.contextUri;
      listed = items;
    } else {
      listed = options.uris ?? [];
      if (listed.length === 0) throw wrap(new ApiError(400, 'No uris provided'));
    }
    let listedIndex: number | undefined;
    const offset = options.offset;
    if (offset?.uri !== undefined) {
      listedIndex = listed.indexOf(offset.uri);
      if (listedIndex < 0) throw wrap(new ApiError(404, 'Offset uri not found in context'));
    } else if (offset?.position !== undefined) {
      if (offset.position >= listed.length) throw wrap(new ApiError(404, 'Offset out of range'));
      listedIndex = offset.position;
    }
    // Items the user's market cannot play are skipped, as the apps grey them out and play on; an
    // offset on one starts at the next playable item; nothing playable at all is refused.
    const sequence = listed.filter((uri) => this.#playable(uri));
    if (sequence.length === 0) throw wrap(RESTRICTION_VIOLATED());
    if (listedIndex === undefined || sequence.length === listed.length)
      return { contextUri, sequence, index: listedIndex };
    const from = listedIndex;
    const nextPlayable = [...listed.slice(from), ...listed.slice(0, from)].find((uri) => this.#playable(uri));
    return { contextUri, sequence, index: sequence.indexOf(nextPlayable as string) };
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
    this.#ad = null;
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
    if (loaded && !this.#ad && this.#progressAt(now) > 0) this.#record(loaded.current, now);
  }

  /** Episodes and unknown items never reach the history (recently-played lists tracks only). */
  #record(uri: string, playedAt: number): void {
    const kind = this.#kindOf(uri);
    if (kind === 'episode' || kind === 'unknown') return;
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
    if (this.#ad) {
      // Skipping an ad (when nothing refuses it) goes on as if it had ended.
      this.#ad = null;
      this.#advanceAfterEnd(this.#deps.clock.now(), false);
      return;
    }
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

  /** After an item ended (`counted`: a track that played out, which brings the next ad closer). */
  #advanceAfterEnd(endedAt: number, counted: boolean): void {
    const loaded = this.#loaded as Loaded;
    const ads = this.#deps.ads;
    if (counted && ads && ads.everyTracks > 0) {
      this.#tracksSinceAd += 1;
      const goesOn = this.#repeat === 'track' || this.#nextTarget() !== undefined;
      if (goesOn && this.#tracksSinceAd >= ads.everyTracks) {
        this.#tracksSinceAd = 0;
        this.#ad = { durationMs: ads.durationMs };
        this.#anchor(0, endedAt);
        return;
      }
    }
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
  /** `ad` while an ad plays (then `itemUri` is `null`). */
  itemKind: ItemKind | 'ad' | null;
  /** The `actions.disallows` flags that are set. */
  disallows: DisallowFlag[];
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
