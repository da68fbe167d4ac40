import { afterEach, beforeEach } from 'vitest';
import {
  startSimulator,
  type LoggedRequest,
  type Simulator,
  type SimulatorOptions,
} from '../../../dev/simulator/index.ts';
import type { AuthSession } from '../../../src/main/auth/session.ts';
import { signInToSimulator } from '../../support/simulator-session.ts';
import { SpotifyApiClient, type SpotifyApiClientOptions } from '../../../src/main/spotify/api-client.ts';
import type { Sleep } from '../../../src/main/spotify/rate-limit-gate.ts';
import { SpotifyWebApi } from '../../../src/main/spotify/web-api.ts';

/** A real PKCE sign-in against the simulator (consent driven over HTTP): the auth core's session. */
async function signIn(sim: Simulator, scopes?: readonly string[]): Promise<AuthSession> {
  return (await signInToSimulator(sim, scopes === undefined ? {} : { scopes })).session;
}

/**
 * Time the test moves by hand: `sleep` only records the wait; `elapse()` advances the clock to the
 * earliest wake-up and releases every sleeper due by then. No real waiting, no timed assertions.
 */
class ManualTime {
  now = 1_800_000_000_000;
  readonly clock = { now: (): number => this.now };
  readonly #sleepers: { until: number; resolve: () => void }[] = [];
  /** Every wait asked for, in ms. */
  readonly waits: number[] = [];
  #onSleep: (() => void) | undefined;

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      this.waits.push(ms);
      const sleeper = { until: this.now + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
        reject(signal.reason as Error);
      });
      this.#onSleep?.();
    });

  get sleeping(): number {
    return this.#sleepers.length;
  }

  /** Resolves once at least `count` sleepers are waiting. */
  async untilSleeping(count: number): Promise<void> {
    while (this.#sleepers.length < count) {
      await new Promise<void>((resolve) => {
        this.#onSleep = resolve;
      });
    }
    this.#onSleep = undefined;
  }

  /** Jumps to the earliest wake-up time and releases all sleepers due. */
  elapse(): void {
    if (this.#sleepers.length === 0) return;
    this.now = Math.max(this.now, Math.min(...this.#sleepers.map((s) => s.until)));
    for (const sleeper of [...this.#sleepers]) {
      if (sleeper.until <= this.now) {
        this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
        sleeper.resolve();
      }
    }
  }
}

export interface Harness {
  sim: Simulator;
  session: AuthSession;
  client: SpotifyApiClient;
  api: SpotifyWebApi;
  time: ManualTime;
  close(): Promise<void>;
}

/** Tiny backoff so retries are quick; the Retry-After wait goes through ManualTime. */
const FAST_BACKOFF = { maxRetries: 2, minDelayMs: 1, maxDelayMs: 5, factor: 2 };

export async function startHarness(
  options: Partial<SpotifyApiClientOptions> = {},
  simOptions: SimulatorOptions = {},
): Promise<Harness> {
  const sim = await startSimulator(simOptions);
  const session = await signIn(sim);
  const time = new ManualTime();
  const client = new SpotifyApiClient({
    tokens: session,
    baseUrl: sim.apiUrl,
    clock: time.clock,
    sleep: time.sleep,
    backoff: FAST_BACKOFF,
    ...options,
  });
  sim.requests.reset();
  sim.connections.reset();
  return {
    sim,
    session,
    client,
    api: new SpotifyWebApi(client),
    time,
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

/** What harnessPerTest gives each test: that test's harness, and the request its last call made. */
export interface HarnessPerTest extends Omit<Harness, 'close'> {
  /** The request the last call made (control-surface calls are never logged). */
  readonly lastRequest: () => LoggedRequest;
}

/**
 * A fresh harness (the seeded simulator, a signed-in session, the client) before each test of the file,
 * closed after it. Its fields are this test's: read them inside a test.
 */
export function harnessPerTest(): HarnessPerTest {
  let current: Harness | undefined;
  const harness = (): Harness => {
    if (current === undefined) throw new Error('the harness starts before each test: read it inside a test');
    return current;
  };
  beforeEach(async () => {
    current = await startHarness();
  });
  afterEach(async () => {
    const finished = harness();
    current = undefined;
    await finished.close();
  });
  return {
    get sim() {
      return harness().sim;
    },
    get session() {
      return harness().session;
    },
    get client() {
      return harness().client;
    },
    get api() {
      return harness().api;
    },
    get time() {
      return harness().time;
    },
    lastRequest: () => lastRequest(harness().sim),
  };
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The request the last call made (control-surface calls are never logged). */
function lastRequest(sim: Simulator): LoggedRequest {
  const entry = sim.requests.entries.at(-1);
  if (!entry) throw new Error('no request reached the simulator');
  return entry;
}
