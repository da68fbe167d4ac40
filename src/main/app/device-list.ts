import type { ConnectionStatus, PlayerSnapshot } from '../../shared/player.ts';

/** Statuses in which a devices request can be answered (no-device: the engine may have fetched them). */
const READABLE: ReadonlySet<ConnectionStatus> = new Set(['ok', 'no-device']);

/**
 * Keeps the snapshot's device list filled for the tray's Devices submenu without polling: the engine
 * fetches devices only when asked (or when nothing is active), so this asks once after the first read,
 * when the list is still empty, and once more each time the active device changes. One request at a
 * time; a change seen while one is under way is covered by the list that request brings.
 */
export class DeviceListFollower {
  readonly #refresh: () => Promise<unknown>;
  #started = false;
  #activeId: string | null = null;
  #fetching = false;

  /** `refresh`: the engine's refreshDevices (never rejects; a failure shows in the snapshot). */
  constructor(refresh: () => Promise<unknown>) {
    this.#refresh = refresh;
  }

  /** The connection's first read is done: fetch the list unless it is already there. */
  started(snapshot: PlayerSnapshot): void {
    this.#started = true;
    this.#activeId = snapshot.device?.id ?? null;
    if (snapshot.devices.length === 0 && READABLE.has(snapshot.connection.status)) this.#fetch();
  }

  /** Every snapshot after that: a newly active device means the list may be out of date. */
  saw(snapshot: PlayerSnapshot): void {
    if (!this.#started) return;
    const activeId = snapshot.device?.id ?? null;
    if (activeId === this.#activeId) return;
    this.#activeId = activeId;
    if (activeId !== null && READABLE.has(snapshot.connection.status)) this.#fetch();
  }

  #fetch(): void {
    if (this.#fetching) return;
    this.#fetching = true;
    void this.#refresh()
      .catch(() => undefined)
      .finally(() => {
        this.#fetching = false;
      });
  }
}
