/**
 * The fault suite: one table over the simulator's fault injection. For each row the engine must end in
 * the right connection state, tell the user (a keyword of the message), make no more requests than the
 * rule allows, reject nothing unhandled, and keep the refresh token unless Spotify said invalid_grant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../../dev/simulator/index.ts';
import { DEFAULT_SYNC_POLICY } from '../../../../src/main/spotify/player/sync-policy.ts';
import type { ConnectionStatus } from '../../../../src/main/spotify/player/types.ts';
import {
  CONTAINS,
  DEVICES,
  MINUTE,
  PLAYER,
  startPlayer,
  type HarnessOptions,
  type PlayerHarness,
} from './harness.ts';

type Count = number | { max: number };

interface FaultRow {
  name: string;
  options?: HarnessOptions;
  /** After start, before the request log is reset. */
  arrange?: (h: PlayerHarness) => void;
  /** What happens (the log counts from here). */
  act: (h: PlayerHarness) => Promise<unknown>;
  status: ConnectionStatus;
  /** In the connection message or the last error; null: no message at all. */
  keyword: RegExp | null;
  /** Requests made during `act`, by "METHOD /path"; anything not listed must not have happened. */
  requests: Record<string, Count>;
  /** False only where Spotify answered invalid_grant. */
  keepsRefreshToken: boolean;
  /** Afterwards: what the rule says happens next (quiet period, recovery…). */
  after?: (h: PlayerHarness) => void | Promise<void>;
}

/** Paused and visible (no budget): a read every `pausedVisibleMs`. */
const READ_ON_INTERVAL = { engine: { visible: true } };
const EVERY = DEFAULT_SYNC_POLICY.pausedVisibleMs;
const nextRead = (h: PlayerHarness) => h.clock.advance(EVERY);

const ROWS: FaultRow[] = [
  {
    name: '429 with Retry-After on a read',
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: PLAYER, status: 429, retryAfter: 30 }),
    act: nextRead,
    status: 'rate-limited',
    keyword: /slow down/,
    requests: { [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      const until = h.engine.getSnapshot().connection.rateLimitedUntil;
      expect(until).toBe(h.clock.now() + 30_000);
      h.sim.requests.reset();
      await h.clock.advance(29_000);
      expect(h.apiCalls()).toEqual([]); // polling suspended until then
      await h.clock.advance(2_000);
      expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: '429 with Retry-After on a command',
    arrange: (h) =>
      h.sim.injectFault({ method: 'POST', path: `${PLAYER}/next`, status: 429, retryAfter: 10 }),
    act: async (h) => expect((await h.engine.next()).ok).toBe(false),
    status: 'rate-limited',
    keyword: /slow down/,
    requests: { [`POST ${PLAYER}/next`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      h.sim.requests.reset();
      await h.clock.advance(11_000);
      expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: '429 QUOTA_EXCEEDED',
    options: READ_ON_INTERVAL,
    arrange: (h) =>
      h.sim.injectFault({
        method: 'GET',
        path: PLAYER,
        status: 429,
        retryAfter: 60,
        reason: 'QUOTA_EXCEEDED',
      }),
    act: nextRead,
    status: 'quota-exceeded',
    keyword: /quota/,
    requests: { [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      h.sim.requests.reset();
      await h.clock.advance(30 * MINUTE);
      expect(await h.engine.play()).toMatchObject({ ok: false, error: { kind: 'quota-exceeded' } });
      expect(h.apiCalls()).toEqual([]); // polling stopped, commands refused locally
      h.engine.resetConnection(); // the user's "try again"
      await h.clock.advance(0);
      expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  ...[500, 502, 503].map((status): FaultRow => ({
    name: `${status} on every read`,
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: PLAYER, status, times: Infinity }),
    act: nextRead,
    status: 'ok',
    keyword: /having problems/,
    requests: { [`GET ${PLAYER}`]: 3 }, // the client's 2 retries, then the engine backs off
    keepsRefreshToken: true,
    after: async (h) => {
      h.sim.requests.reset();
      await h.clock.advance(EVERY - 1_000);
      expect(h.apiCalls()).toEqual([]);
      await h.clock.advance(EVERY); // 1 error, then 2: backoffs of 5 s and 10 s, below the interval
      expect(h.count(PLAYER)).toBe(3);
      h.sim.clearFaults();
      await h.clock.advance(EVERY + 5_000);
      expect(h.engine.getSnapshot().error).toBeNull();
    },
  })),
  {
    name: 'connection reset',
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: PLAYER, reset: true, times: Infinity }),
    act: nextRead,
    status: 'offline',
    keyword: /could not reach Spotify/,
    requests: { [`GET ${PLAYER}`]: 3 },
    keepsRefreshToken: true,
    after: async (h) => {
      h.sim.clearFaults();
      await h.clock.advance(EVERY);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: 'timeout (the answer comes after the client gave up)',
    // No client retries here: each attempt costs real time (undici's timers are coarse).
    options: { ...READ_ON_INTERVAL, client: { timeouts: { headersMs: 150 }, backoff: { maxRetries: 0 } } },
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: PLAYER, delayMs: 1_000 }),
    act: nextRead,
    status: 'offline',
    keyword: /did not answer in time/,
    // Logged when the simulator answers (after its delay), if before the end of the test: at most 1.
    requests: { [`GET ${PLAYER}`]: { max: 1 } },
    keepsRefreshToken: true,
    after: async (h) => {
      await h.clock.advance(EVERY);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: 'timeout on a command (a slow next): that command fails, a prompt read finds Spotify fine',
    // The simulator's answer comes after the end of the test (its delay timers are cleared on close).
    options: { client: { timeouts: { headersMs: 150 }, backoff: { maxRetries: 0 } } },
    arrange: (h) => h.sim.injectFault({ method: 'POST', path: `${PLAYER}/next`, delayMs: 10_000 }),
    act: async (h) => {
      expect(await h.engine.next()).toMatchObject({
        ok: false,
        error: {
          kind: 'timeout',
          source: 'next',
          message: expect.stringMatching(/did not answer in time/) as string,
        },
      });
      expect(h.engine.getSnapshot().connection.status).toBe('ok'); // not offline on one slow command
      await h.clock.advance(2_000);
    },
    status: 'ok',
    keyword: /did not answer in time/, // the command's error stays until dismissed or replaced
    requests: { [`POST ${PLAYER}/next`]: { max: 1 }, [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: (h) => {
      expect(h.engine.getSnapshot().error).toMatchObject({ source: 'next', kind: 'timeout' });
      expect(h.snapshots.some((snapshot) => snapshot.connection.status === 'offline')).toBe(false);
    },
  },
  {
    name: 'connection reset on a command that reads nothing after it (add to queue): a prompt read all the same',
    options: { client: { backoff: { maxRetries: 0 } } },
    arrange: (h) => h.sim.injectFault({ method: 'POST', path: `${PLAYER}/queue`, reset: true }),
    act: async (h) => {
      expect(await h.engine.addToQueue('spotify:track:x')).toMatchObject({
        ok: false,
        error: { kind: 'network', source: 'queue' },
      });
      await h.clock.advance(2_000);
    },
    status: 'ok',
    keyword: /could not reach Spotify/,
    requests: { [`POST ${PLAYER}/queue`]: 1, [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: (h) => {
      expect(h.snapshots.some((snapshot) => snapshot.connection.status === 'offline')).toBe(false);
    },
  },
  {
    name: 'timeout on a command, then the prompt read fails too: offline (decided by the read)',
    options: { ...READ_ON_INTERVAL, client: { timeouts: { headersMs: 150 }, backoff: { maxRetries: 0 } } },
    arrange: (h) => {
      h.sim.injectFault({ method: 'POST', path: `${PLAYER}/next`, delayMs: 10_000 });
      h.sim.injectFault({ method: 'GET', path: PLAYER, reset: true });
    },
    act: async (h) => {
      expect((await h.engine.next()).ok).toBe(false);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
      await h.clock.advance(2_000);
    },
    status: 'offline',
    keyword: /could not reach Spotify/,
    requests: { [`POST ${PLAYER}/next`]: { max: 1 }, [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      await h.clock.advance(EVERY); // the next interval read (1 error: backoff below it) finds Spotify again
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: 'offline, then back online',
    options: READ_ON_INTERVAL,
    act: async (h) => {
      h.engine.setOnline(false);
      await h.clock.advance(4 * MINUTE);
    },
    status: 'offline',
    keyword: /offline/,
    requests: {},
    keepsRefreshToken: true,
    after: async (h) => {
      h.engine.setOnline(true);
      await h.clock.advance(2_000);
      expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
      expect(h.engine.getSnapshot().connection.status).toBe('ok');
    },
  },
  {
    name: '401: the access token expires mid-session',
    options: { engine: { visible: false } },
    act: (h) => h.clock.advance(66 * MINUTE), // a hidden, paused read after the hour (≤ 5 min apart)
    status: 'ok',
    keyword: null,
    requests: { [`GET ${PLAYER}`]: { max: 63 }, 'POST /api/token': 1 },
    keepsRefreshToken: true,
    after: (h) => {
      expect(h.sim.requests.entries.filter((e) => e.status === 401)).toHaveLength(1);
      expect(h.engine.getSnapshot().error).toBeNull();
    },
  },
  {
    name: 'refresh token revoked',
    options: { engine: { visible: false } },
    arrange: (h) => h.sim.revokeRefreshTokens(),
    act: (h) => h.clock.advance(66 * MINUTE), // a hidden, paused read after the hour (≤ 5 min apart)
    status: 'reconnect-needed',
    keyword: /revoked.*Sign in again/,
    requests: { [`GET ${PLAYER}`]: { max: 62 }, 'POST /api/token': 1 },
    keepsRefreshToken: false,
    after: async (h) => {
      h.sim.requests.reset();
      await h.clock.advance(30 * MINUTE);
      expect(await h.engine.next()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      expect(h.sim.requests.entries).toEqual([]); // polling stopped, commands refused locally
    },
  },
  {
    name: '204: nothing playing anywhere',
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.player.deactivate(),
    act: nextRead,
    status: 'no-device',
    keyword: /Nothing is playing/,
    requests: { [`GET ${PLAYER}`]: 1, [`GET ${DEVICES}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      expect(h.engine.getSnapshot().devices).toHaveLength(3);
      expect(h.engine.getSnapshot().item).toBeNull();
      h.sim.requests.reset();
      await h.clock.advance(60_000); // idle + visible: every 30 s, devices not fetched again
      expect(h.apiCalls()).toEqual([`GET ${PLAYER}`, `GET ${PLAYER}`]);
    },
  },
  {
    name: '404 NO_ACTIVE_DEVICE on a command',
    options: { engine: { autoTransfer: false } },
    arrange: (h) =>
      h.sim.injectFault({ method: 'POST', path: `${PLAYER}/next`, status: 404, reason: 'NO_ACTIVE_DEVICE' }),
    act: async (h) => expect((await h.engine.next()).ok).toBe(false),
    status: 'no-device',
    keyword: /No Spotify device is active/,
    requests: { [`POST ${PLAYER}/next`]: 1, [`GET ${DEVICES}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      expect(h.engine.getSnapshot().devices.length).toBeGreaterThan(0);
      h.sim.requests.reset();
      await h.engine.transferTo(h.engine.getSnapshot().devices[0]!.id!);
      expect(h.apiCalls()).toEqual([`PUT ${PLAYER}`, `POST ${PLAYER}/next`]); // transfer + retry once
    },
  },
  {
    name: '403 PREMIUM_REQUIRED',
    arrange: (h) => h.sim.setPremium(SEED_USER_ID, false),
    act: async (h) => expect((await h.engine.togglePlay()).ok).toBe(false),
    status: 'premium-required',
    keyword: /Premium/,
    requests: { [`PUT ${PLAYER}/play`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      h.sim.requests.reset();
      expect((await h.engine.next()).ok).toBe(false);
      expect(h.apiCalls()).toEqual([]);
    },
  },
  {
    name: 'command answered 200 with a non-JSON body',
    arrange: (h) => h.sim.setCommandResponseStyle('200-text'),
    act: async (h) => {
      expect(await h.engine.play()).toEqual({ ok: true });
      await h.clock.advance(2_000);
    },
    status: 'ok',
    keyword: null,
    requests: { [`PUT ${PLAYER}/play`]: 1, [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: (h) => {
      expect(h.engine.getSnapshot().isPlaying).toBe(true);
      expect(h.sim.player.snapshot().isPlaying).toBe(true);
    },
  },
  {
    name: 'malformed JSON on a read',
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: PLAYER, status: 200, body: '{not json' }),
    act: nextRead,
    status: 'ok',
    keyword: /could not read/,
    requests: { [`GET ${PLAYER}`]: 1 },
    keepsRefreshToken: true,
    after: async (h) => {
      expect(h.engine.getSnapshot().error).toMatchObject({ kind: 'malformed-response', source: 'sync' });
      await h.clock.advance(EVERY);
      expect(h.engine.getSnapshot().error).toBeNull();
      expect(h.engine.getSnapshot().item).not.toBeNull();
    },
  },
  {
    name: 'malformed JSON on the liked check',
    options: READ_ON_INTERVAL,
    arrange: (h) => h.sim.injectFault({ method: 'GET', path: CONTAINS, status: 200, body: '[tru' }),
    act: async (h) => {
      await h.engine.next();
      await h.clock.advance(2_000);
    },
    status: 'ok',
    keyword: null,
    requests: { [`POST ${PLAYER}/next`]: 1, [`GET ${PLAYER}`]: 1, [`GET ${CONTAINS}`]: 1 },
    keepsRefreshToken: true,
    after: (h) => {
      expect(h.engine.getSnapshot().liked).toBeNull(); // unknown, not guessed
    },
  },
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('PlayerEngine fault suite', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    unhandled.length = 0;
    h = await startPlayer(row.options);
    row.arrange?.(h);
    h.sim.requests.reset();
    await row.act(h);
    await h.clock.settle();

    const snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe(row.status);
    const text = [snapshot.connection.message, snapshot.error?.message].filter(Boolean).join(' | ');
    if (row.keyword === null) expect(text).toBe('');
    else expect(text).toMatch(row.keyword);

    const seen = new Map<string, number>();
    for (const entry of h.sim.requests.entries) {
      const key = `${entry.method} ${entry.path}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const key of seen.keys()) expect(row.requests, `unexpected ${key}`).toHaveProperty([key]);
    for (const [key, count] of Object.entries(row.requests)) {
      const actual = seen.get(key) ?? 0;
      if (typeof count === 'number') expect(actual, key).toBe(count);
      else expect(actual, key).toBeLessThanOrEqual(count.max);
    }

    await row.after?.(h);
    await h.clock.settle();
    const grant = await h.cache.load();
    if (row.keepsRefreshToken) expect(grant?.refreshToken).toBeTruthy();
    else expect(grant).toBeNull();
    expect(unhandled).toEqual([]);
  });
});
