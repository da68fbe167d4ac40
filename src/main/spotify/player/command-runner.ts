import { SpotifyApiError } from '../errors.ts';
import { CommandQueue } from './command-queue.ts';
import type { CommandSpec } from './commands.ts';
import type { EngineContext } from './context.ts';
import { MESSAGES, effectOf, type FailureEffect } from './failures.ts';
import type { OptimisticChange } from './optimistic.ts';
import type { CommandKind, CommandResult, PendingOperation } from './types.ts';

/**
 * Spotify's answers to a pause of a paused player or a resume of a playing one (403, `kind:
 * 'restricted'`): the player is already as asked, so the command succeeded (src/main/spotify/README.md).
 * The state is read after it all the same (it may be paused elsewhere, or on another track).
 */
const REDUNDANT_REASONS: ReadonlySet<string> = new Set(['ALREADY_PAUSED', 'NOT_PAUSED']);

/** What the runner asks of the sync loop. */
export interface RunnerSync {
  /** Fetches the device list into the store (throws the request's error). */
  fetchDevices(): Promise<void>;
  /** The last queued command settled; `read`: some command of the burst wants a read after it. */
  commandsIdle(read: boolean): void;
}

/**
 * Carries out commands: one at a time through the queue (latest wins per key), refused locally when
 * they cannot succeed (stopped, signed out, quota, rate limit, Premium), recovering from "no active
 * device" (device list, auto-transfer to the last used device, one retry), and recording success and
 * failure in the store (the pending list, the optimistic overlay, the error shown).
 */
export class CommandRunner {
  readonly #ctx: EngineContext;
  readonly #sync: RunnerSync;
  readonly #autoTransfer: boolean;
  readonly #queue: CommandQueue<CommandResult>;
  #readAfter = false;
  /** The last command refused for want of an active device: retried once after a transfer. */
  #stashed: CommandSpec | null = null;

  constructor(ctx: EngineContext, sync: RunnerSync, options: { autoTransfer: boolean }) {
    this.#ctx = ctx;
    this.#sync = sync;
    this.#autoTransfer = options.autoTransfer;
    this.#queue = new CommandQueue<CommandResult>({
      onError: (error) => ({ ok: false, error: ctx.playerError(error, 'sync') }),
      onIdle: () => {
        const read = this.#readAfter;
        this.#readAfter = false;
        this.#sync.commandsIdle(read);
      },
    });
  }

  /** True while a command runs or waits. */
  get busy(): boolean {
    return this.#queue.busy;
  }

  /** Playback is active again: a command stashed for want of a device is stale. */
  forgetStashed(): void {
    this.#stashed = null;
  }

  /** Takes the stashed command (a transfer retries it once). */
  takeStashed(): CommandSpec | null {
    const stashed = this.#stashed;
    this.#stashed = null;
    return stashed;
  }

  /** Refuses every waiting command (the engine stopped). */
  dropAll(): void {
    this.#queue.drop({ ok: false, error: this.#ctx.localError('sync', 'refused', MESSAGES.stopped) });
  }

  /** Queues one command; `retryAfter`: a stashed command to send once more when this one succeeds. */
  run(spec: CommandSpec, retryAfter: CommandSpec | null = null): Promise<CommandResult> {
    const refusal = this.#refusal(spec);
    if (refusal) return Promise.resolve(refusal);
    // A new command (other than the transfer that retries it) makes an earlier refused one stale.
    if (spec.kind !== 'transfer') this.#stashed = null;
    const op = this.#ctx.store.addOperation(spec.kind, spec.change);
    this.#ctx.emit();
    return this.#queue.enqueue({
      key: spec.key,
      run: async () => {
        const result = await this.#execute(spec, op);
        if (result.ok && retryAfter !== null) return this.#retry(retryAfter);
        return result;
      },
      onSuperseded: () => this.#ctx.store.removeOperation(op.id),
    });
  }

  /** A refusal made before any request, shown in the snapshot too. */
  refuse(source: CommandKind, kind: string, message: string, until: number | null = null): CommandResult {
    const error = this.#ctx.localError(source, kind, message, until);
    if (!this.#ctx.stopped) {
      this.#ctx.store.error = error;
      this.#ctx.emit();
    }
    return { ok: false, error };
  }

  /** Refused before any request: stopped, signed out, quota, rate limit, Premium. */
  #refusal(spec: CommandSpec): CommandResult | undefined {
    const conn = this.#ctx.conn;
    if (this.#ctx.stopped) return this.refuse(spec.kind, 'refused', MESSAGES.stopped);
    if (conn.signedOut !== null) return this.refuse(spec.kind, 'unauthorized', conn.signedOut);
    if (conn.reconnect !== null) return this.refuse(spec.kind, 'unauthorized', conn.reconnect);
    if (conn.quota !== null) return this.refuse(spec.kind, 'quota-exceeded', conn.quota);
    const until = conn.rateLimitUntil(this.#ctx.clock.now());
    if (until !== null) return this.refuse(spec.kind, 'rate-limited', MESSAGES.rateLimited, until);
    if (spec.player && conn.premium !== null) return this.refuse(spec.kind, 'premium-required', conn.premium);
    return undefined;
  }

  /** Sends one command; on "no active device" finds a device (auto-transfer) and retries once. */
  async #execute(spec: CommandSpec, op: PendingOperation, isRetry = false): Promise<CommandResult> {
    // The state may have changed while it waited in the queue.
    const refusal = this.#refusal(spec);
    if (refusal) {
      this.#ctx.store.removeOperation(op.id);
      this.#ctx.emit();
      return refusal;
    }
    try {
      await this.#ctx.inflight.track(() => spec.send(this.#ctx.callOptions()));
    } catch (error) {
      if (isRedundant(error)) {
        this.#readAfter = true; // success, reconciled by the read after the burst
      } else {
        const effect = effectOf(error, this.#ctx.sessionState());
        if (effect === 'no-device' && !isRetry) return this.#recoverNoDevice(spec, op, error);
        return this.#failed(spec, op, error, effect);
      }
    }
    this.#succeeded(spec, op);
    return { ok: true };
  }

  #succeeded(spec: CommandSpec, op: PendingOperation): void {
    const { store } = this.#ctx;
    store.operationSucceeded(op.id, this.#ctx.clock.now());
    if (spec.read) this.#readAfter = true;
    if (spec.kind === 'transfer') this.#ctx.conn.noDevice = false; // playback now has a device
    spec.onSuccess?.();
    if (store.error !== null && store.error.source !== 'sync') store.error = null;
    this.#ctx.emit();
  }

  #failed(spec: CommandSpec, op: PendingOperation, error: unknown, effect: FailureEffect): CommandResult {
    const { store, conn } = this.#ctx;
    store.removeOperation(op.id); // the rollback: the view falls back to the last read
    const failure = this.#ctx.playerError(error, spec.kind);
    if (effect !== 'aborted') {
      conn.apply(effect, error, 'command');
      store.error = failure;
      if (effect === 'no-device') this.#stashed = spec;
      // A refused transfer: the device list shown is off (the device left it, or cannot be controlled).
      if (spec.kind === 'transfer' && effect === 'refused') this.#refreshDevices();
      // A refused command may mean the picture is off (e.g. paused elsewhere): check it after the burst.
      // One that got no answer: the read after the burst also says whether Spotify can be reached.
      if (spec.read || effect === 'offline') this.#readAfter = true;
      this.#ctx.emit();
    }
    return { ok: false, error: failure };
  }

  /**
   * NO_ACTIVE_DEVICE: fetch the devices (the snapshot offers them). If auto-transfer is on and the last
   * used device is listed, move playback there and send the command once more.
   */
  async #recoverNoDevice(spec: CommandSpec, op: PendingOperation, error: unknown): Promise<CommandResult> {
    const { store, conn } = this.#ctx;
    conn.noDevice = true;
    try {
      await this.#sync.fetchDevices();
    } catch (devicesError) {
      const effect = effectOf(devicesError, this.#ctx.sessionState());
      if (effect !== 'no-device' && effect !== 'aborted') conn.apply(effect, devicesError);
      return this.#failed(spec, op, error, 'no-device');
    }
    const target = this.#autoTransfer
      ? store.devices.find((device) => device.id === store.lastDeviceId && !device.isRestricted)
      : undefined;
    if (target === undefined || target.id === null) return this.#failed(spec, op, error, 'no-device');
    const deviceId = target.id;
    try {
      await this.#ctx.inflight.track(() =>
        this.#ctx.api.transferPlayback(deviceId, {}, this.#ctx.callOptions()),
      );
    } catch (transferError) {
      const effect = effectOf(transferError, this.#ctx.sessionState());
      if (effect === 'refused' || effect === 'no-device') return this.#failed(spec, op, error, 'no-device');
      return this.#failed(spec, op, transferError, effect);
    }
    store.deviceChosen(deviceId);
    conn.noDevice = false;
    this.#ctx.emit();
    return this.#execute(spec, op, true);
  }

  /** Fetches the device list in the background; a failure leaves the old list (the read reports errors). */
  #refreshDevices(): void {
    this.#sync.fetchDevices().then(
      () => this.#ctx.emit(),
      () => undefined,
    );
  }

  /** The command that failed for want of a device, once more after a transfer. */
  #retry(spec: CommandSpec): Promise<CommandResult> {
    const refusal = this.#refusal(spec);
    if (refusal) return Promise.resolve(refusal);
    const change = spec.change && this.#refreshChange(spec.change);
    const retry: CommandSpec = change ? { ...spec, change } : spec;
    const op = this.#ctx.store.addOperation(retry.kind, retry.change);
    this.#ctx.emit();
    return this.#execute(retry, op, true);
  }

  /** Play/pause/seek/skip changes carry a time; a retry shows them from now. */
  #refreshChange(change: OptimisticChange): OptimisticChange {
    return 'at' in change ? { ...change, at: this.#ctx.clock.now() } : change;
  }
}

function isRedundant(error: unknown): boolean {
  return (
    error instanceof SpotifyApiError && error.reason !== undefined && REDUNDANT_REASONS.has(error.reason)
  );
}
