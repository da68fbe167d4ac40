import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { SpotifyApiError } from '../../../src/main/spotify/errors.ts';
import { rejectionOf, startHarness, type Harness } from './support.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('SpotifyApiClient against the simulator', () => {
  it('reads the profile over a bearer-authenticated GET /v1/me', async () => {
    h = await startHarness();
    const me = await h.api.getProfile();
    expect(me.id).toBe(SEED_USER_ID);
    expect(me.display_name).toBe('Traytune Tester');
    expect(me.images).toEqual([]);
    expect(h.sim.requests.entries).toMatchObject([{ method: 'GET', path: '/v1/me', status: 200 }]);
  });

  it('honours TRAYTUNE_API_URL when no base URL is given', async () => {
    h = await startHarness({ baseUrl: undefined, env: { TRAYTUNE_API_URL: 'http://127.0.0.1:1/v1' } });
    expect(h.client.baseUrl).toBe('http://127.0.0.1:1/v1');
  });

  describe('retries by rule', () => {
    it.each([500, 502, 503])('retries a read after %i and succeeds', async (status) => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', status });
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.count({ path: '/v1/me' })).toBe(2);
    });

    it('gives up on a read after the configured retries with a server error', async () => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', status: 503, message: 'Service unavailable', times: Infinity });
      const error = await rejectionOf(h.api.getProfile());
      expect(error).toBeInstanceOf(SpotifyApiError);
      expect(error).toMatchObject({ kind: 'server', status: 503, detail: 'Service unavailable' });
      expect(h.sim.requests.count({ path: '/v1/me' })).toBe(3); // 1 + maxRetries (2)
    });

    it('retries a read after a connection reset', async () => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', reset: true });
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.entries.map((e) => e.status)).toEqual([0, 200]);
    });

    it.each([
      ['pause', 'PUT', '/v1/me/player/pause', (h: Harness) => h.api.pause()],
      ['seek', 'PUT', '/v1/me/player/seek', (h: Harness) => h.api.seek(1000)],
      ['volume', 'PUT', '/v1/me/player/volume', (h: Harness) => h.api.setVolume(40)],
      ['shuffle', 'PUT', '/v1/me/player/shuffle', (h: Harness) => h.api.setShuffle(true)],
      ['repeat', 'PUT', '/v1/me/player/repeat', (h: Harness) => h.api.setRepeat('track')],
      ['transfer', 'PUT', '/v1/me/player', (h: Harness) => h.api.transferPlayback('dev-1')],
      ['resume', 'PUT', '/v1/me/player/play', (h: Harness) => h.api.play()],
      ['save', 'PUT', '/v1/me/library', (h: Harness) => h.api.saveToLibrary(['spotify:track:a'])],
      ['remove', 'DELETE', '/v1/me/library', (h: Harness) => h.api.removeFromLibrary(['spotify:track:a'])],
    ] as const)(
      'retries the absolute setting %s after a 5xx and after a reset',
      async (_name, method, path, call) => {
        h = await startHarness();
        h.sim.injectFault({ method, path, status: 502 });
        h.sim.injectFault({ method, path, reset: true });
        h.sim.injectFault({ method, path, status: 204 });
        await call(h);
        expect(h.sim.requests.entries.map((e) => [e.method, e.path, e.status])).toEqual([
          [method, path, 502],
          [method, path, 0],
          [method, path, 204],
        ]);
      },
    );

    it.each([
      ['next', 'POST', '/v1/me/player/next', (h: Harness) => h.api.next()],
      ['previous', 'POST', '/v1/me/player/previous', (h: Harness) => h.api.previous()],
      ['queue-add', 'POST', '/v1/me/player/queue', (h: Harness) => h.api.addToQueue('spotify:track:a')],
      [
        'add-to-playlist',
        'POST',
        '/v1/playlists/pl1/items',
        (h: Harness) => h.api.addToPlaylist('pl1', ['spotify:track:a']),
      ],
      [
        'play a context',
        'PUT',
        '/v1/me/player/play',
        (h: Harness) => h.api.play({ contextUri: 'spotify:album:x' }),
      ],
      ['play uris', 'PUT', '/v1/me/player/play', (h: Harness) => h.api.play({ uris: ['spotify:track:a'] })],
    ] as const)(
      'never repeats %s: one request on 500, 502, 503 or a reset',
      async (_name, method, path, call) => {
        h = await startHarness();
        for (const status of [500, 502, 503]) {
          h.sim.injectFault({ method, path, status, times: Infinity });
          await expect(call(h)).rejects.toMatchObject({ kind: 'server', status });
          h.sim.clearFaults();
        }
        h.sim.injectFault({ method, path, reset: true, times: Infinity });
        await expect(call(h)).rejects.toMatchObject({ kind: 'network' });
        expect(h.sim.requests.entries.map((e) => e.status)).toEqual([500, 502, 503, 0]);
      },
    );

    it('times out a slow answer; a read is retried, a relative command is not', async () => {
      // Deterministic under load: a slow answer is held for a minute (it never comes before the
      // timeout; the simulator drops it on close), a normal one has a whole second, and attempts are
      // counted where the client sends them, not by waiting for the held answers to reach the log.
      let attempts = 0;
      h = await startHarness({
        timeouts: { headersMs: 1_000, bodyMs: 1_000 },
        recorder: { record: () => attempts++ },
      });
      h.sim.injectFault({ path: '/v1/me', delayMs: 60_000 });
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(attempts).toBe(2); // the held one, then the retry the normal answer came to

      h.sim.injectFault({ path: '/v1/me/player/next', delayMs: 60_000, status: 204, times: Infinity });
      const error = await rejectionOf(h.api.next());
      expect(error).toMatchObject({ kind: 'timeout' });
      expect((error as Error).message).toMatch(/did not answer in time/);
      expect(attempts).toBe(3); // next went out once
      expect(h.sim.requests.entries).toMatchObject([{ path: '/v1/me', status: 200 }]);
    });
  });

  describe('401', () => {
    it('invalidates the token, refreshes exactly once and retries once', async () => {
      h = await startHarness();
      const before = await h.session.getAccessToken();
      h.sim.clock.advance(2 * 3600_000); // expired at Spotify, still fresh by the session's own clock
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.count({ path: '/api/token' })).toBe(1);
      expect(h.sim.requests.entries.map((e) => [e.path, e.status])).toEqual([
        ['/v1/me', 401],
        ['/api/token', 200],
        ['/v1/me', 200],
      ]);
      expect(await h.session.getAccessToken()).not.toBe(before);
    });

    it('concurrent 401s share one refresh', async () => {
      h = await startHarness();
      h.sim.clock.advance(2 * 3600_000);
      const results = await Promise.all([h.api.getProfile(), h.api.getDevices(), h.api.getQueue()]);
      expect(results).toHaveLength(3);
      expect(h.sim.requests.count({ path: '/api/token' })).toBe(1);
      expect(h.sim.requests.entries.filter((e) => e.status === 401)).toHaveLength(3);
    });

    it('surfaces a second 401 as unauthorized without refreshing again', async () => {
      h = await startHarness();
      const token = await h.session.getAccessToken();
      h.sim.injectFault({
        path: '/v1/me/player/next',
        status: 401,
        message: 'Invalid access token',
        times: 5,
      });
      const error = await rejectionOf(h.api.next());
      expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
      expect(h.sim.requests.count({ path: '/api/token' })).toBe(1);
      expect(h.sim.requests.count({ path: '/v1/me/player/next' })).toBe(2);
      expect(errorText(error)).not.toContain(token);
      expect(errorText(error)).not.toContain(await h.session.getAccessToken());
    });
  });

  describe('commands and reads', () => {
    it('takes a command answered 200 with a non-JSON body as success', async () => {
      h = await startHarness();
      h.sim.injectFault({ method: 'PUT', path: '/v1/me/player/pause', status: 200, body: 'OK, paused <3' });
      h.sim.injectFault({ method: 'POST', path: '/v1/me/player/next', status: 200, body: '{"broken json' });
      h.sim.injectFault({ method: 'PUT', path: '/v1/me/player/seek', status: 202, body: '' });
      await expect(h.api.pause()).resolves.toBeUndefined();
      await expect(h.api.next()).resolves.toBeUndefined();
      await expect(h.api.seek(5)).resolves.toBeUndefined();
    });

    it('turns malformed JSON on a read into a typed malformed-response error', async () => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', status: 200, body: '{"id": "x", ' });
      await expect(h.api.getProfile()).rejects.toMatchObject({ kind: 'malformed-response' });
      h.sim.injectFault({ path: '/v1/me', status: 200, body: '{"display_name": 42}' });
      const error = await rejectionOf(h.api.getProfile());
      expect(error).toBeInstanceOf(SpotifyApiError);
      expect(error).toMatchObject({ kind: 'malformed-response', operation: 'getProfile' });
      h.sim.injectFault({ path: '/v1/me', status: 204 });
      await expect(h.api.getProfile()).rejects.toMatchObject({ kind: 'malformed-response' });
    });

    it('reads both error-body shapes and plain text', async () => {
      h = await startHarness();
      h.sim.injectFault({
        path: '/v1/me',
        status: 404,
        reason: 'NO_ACTIVE_DEVICE',
        message: 'Player command failed',
      });
      await expect(h.api.getProfile()).rejects.toMatchObject({
        kind: 'no-active-device',
        status: 404,
        reason: 'NO_ACTIVE_DEVICE',
        detail: 'Player command failed',
      });
      h.sim.injectFault({
        path: '/v1/me',
        status: 400,
        body: '{"error":"invalid_request","error_description":"Only valid bearer authentication supported"}',
      });
      await expect(h.api.getProfile()).rejects.toMatchObject({
        kind: 'bad-request',
        status: 400,
        reason: 'invalid_request',
        detail: 'Only valid bearer authentication supported',
      });
      h.sim.injectFault({
        method: 'POST',
        path: '/v1/me/player/next',
        status: 502,
        body: 'upstream went away',
      });
      await expect(h.api.next()).rejects.toMatchObject({
        kind: 'server',
        status: 502,
        detail: 'upstream went away',
      });
    });
  });

  describe('429 and the shared Retry-After pause', () => {
    it('holds every request back until Retry-After has passed, then sends them', async () => {
      h = await startHarness();
      const events: number[] = [];
      h.client.gate.on('rate-limited', (until) => events.push(until));
      h.sim.injectFault({ path: '/v1/me', retryAfter: 30 });
      h.sim.injectFault({ method: 'PUT', path: '/v1/me/player/pause', status: 204 });

      const first = h.api.getProfile();
      await h.time.untilSleeping(1);
      const others = [h.api.getProfile(), h.api.pause(), h.api.getProfile()];
      await h.time.untilSleeping(4);
      // During the pause nothing went out: only the request that got the 429.
      expect(h.sim.requests.entries.map((e) => e.status)).toEqual([429]);
      expect(h.client.gate.rateLimitedUntil).toBe(h.time.now + 30_000);
      expect(events).toEqual([h.time.now + 30_000]);
      expect(h.time.waits).toEqual([30_000, 30_000, 30_000, 30_000]);

      h.time.elapse();
      await Promise.all([first, ...others]);
      expect(h.sim.requests.count({ path: '/v1/me' })).toBe(4);
      expect(h.sim.requests.count({ path: '/v1/me/player/pause' })).toBe(1);
      expect(h.client.gate.rateLimitedUntil).toBeUndefined();
    });

    it('fails fast with the until-time when the caller does not want to wait', async () => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', retryAfter: 12 });
      const error = await rejectionOf(h.api.getProfile({ waitIfRateLimited: false }));
      const until = h.time.now + 12_000;
      expect(error).toMatchObject({
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 12_000,
        rateLimitedUntil: until,
      });
      expect((error as Error).message).toMatch(/Try again in 12 s/);
      await expect(h.api.next({}, { waitIfRateLimited: false })).rejects.toMatchObject({
        kind: 'rate-limited',
        rateLimitedUntil: until,
      });
      expect(h.sim.requests.count()).toBe(1);
    });

    it('does not wait out a pause longer than the maximum, but keeps it for everyone', async () => {
      h = await startHarness({ rateLimit: { maxWaitMs: 60_000 } });
      h.sim.injectFault({ path: '/v1/me', retryAfter: 600 });
      await expect(h.api.getProfile()).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 600_000 });
      await expect(h.api.pause()).rejects.toMatchObject({ kind: 'rate-limited' });
      expect(h.sim.requests.count()).toBe(1);
      h.time.now += 600_000;
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.count()).toBe(2);
    });

    it('stops on QUOTA_EXCEEDED: one request, no retry, later requests fail fast until reset', async () => {
      h = await startHarness();
      const quota: SpotifyApiError[] = [];
      h.client.gate.on('quota-exceeded', (error) => quota.push(error));
      h.sim.injectFault({ path: '/v1/me', status: 429, retryAfter: 5, reason: 'QUOTA_EXCEEDED' });
      const error = await rejectionOf(h.api.getProfile());
      expect(error).toMatchObject({ kind: 'quota-exceeded', status: 429, reason: 'QUOTA_EXCEEDED' });
      expect((error as Error).message).toMatch(/quota/);
      expect(quota).toHaveLength(1);
      expect(h.time.waits).toEqual([]);

      await expect(h.api.getProfile()).rejects.toMatchObject({
        kind: 'quota-exceeded',
        operation: 'getProfile',
      });
      await expect(h.api.next()).rejects.toMatchObject({ kind: 'quota-exceeded', operation: 'next' });
      h.time.now += 3600_000; // time alone does not lift it
      await expect(h.api.pause()).rejects.toMatchObject({ kind: 'quota-exceeded' });
      expect(h.sim.requests.count()).toBe(1);

      h.client.gate.resetQuota();
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.count()).toBe(2);
    });

    it('a waiting request can be aborted', async () => {
      h = await startHarness();
      h.sim.injectFault({ path: '/v1/me', retryAfter: 30 });
      await expect(h.api.getProfile({ waitIfRateLimited: false })).rejects.toMatchObject({
        kind: 'rate-limited',
      });
      const controller = new AbortController();
      const waiting = h.api.getProfile({ signal: controller.signal });
      await h.time.untilSleeping(1);
      controller.abort();
      await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
      expect(h.sim.requests.count()).toBe(1);
    });
  });

  describe('token failures', () => {
    it('a 429 from the token endpoint is rate-limited (not offline), pauses everyone, keeps the sign-in', async () => {
      h = await startHarness();
      const events: number[] = [];
      h.client.gate.on('rate-limited', (until) => events.push(until));
      h.session.invalidate();
      h.sim.injectFault({ method: 'POST', path: '/api/token', status: 429, retryAfter: 7 });
      const error = await rejectionOf(h.api.getProfile({ waitIfRateLimited: false }));
      const until = h.time.now + 7_000;
      expect(error).toBeInstanceOf(SpotifyApiError);
      expect(error).toMatchObject({
        kind: 'rate-limited',
        status: 429,
        retryAfterMs: 7_000,
        rateLimitedUntil: until,
        operation: 'getProfile',
      });
      expect((error as Error).message).toMatch(/slow down/);
      expect((error as SpotifyApiError).transient).toBe(true);
      expect(h.client.gate.rateLimitedUntil).toBe(until);
      expect(events).toEqual([until]);
      // The shared pause holds back every request, including further refreshes.
      await expect(h.api.next({}, { waitIfRateLimited: false })).rejects.toMatchObject({
        kind: 'rate-limited',
        rateLimitedUntil: until,
      });
      expect(h.session.isSignedIn).toBe(true);
      expect(h.sim.requests.entries.map((e) => [e.path, e.status])).toEqual([['/api/token', 429]]);

      h.time.now = until;
      await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.entries.map((e) => [e.path, e.status])).toEqual([
        ['/api/token', 429],
        ['/api/token', 200],
        ['/v1/me', 200],
      ]);
    });

    it('a waiting request waits out a token-endpoint 429, then refreshes and goes out', async () => {
      h = await startHarness();
      h.session.invalidate();
      h.sim.injectFault({ method: 'POST', path: '/api/token', status: 429, retryAfter: 7 });
      const profile = h.api.getProfile();
      await h.time.untilSleeping(1);
      expect(h.time.waits).toEqual([7_000]);
      h.time.elapse();
      await expect(profile).resolves.toMatchObject({ id: SEED_USER_ID });
      expect(h.sim.requests.count({ path: '/api/token' })).toBe(2);
    });

    it('invalid_client on refresh is reconnect-needed, with what to check', async () => {
      h = await startHarness();
      const reconnects: unknown[] = [];
      h.session.on('reconnect-needed', (e) => reconnects.push(e));
      h.session.invalidate();
      h.sim.injectFault({
        method: 'POST',
        path: '/api/token',
        status: 401,
        body: '{"error":"invalid_client","error_description":"Invalid client"}',
      });
      const error = await rejectionOf(h.api.getProfile());
      expect(error).toMatchObject({ kind: 'reconnect-needed', operation: 'getProfile' });
      expect((error as Error).message).toMatch(/client ID/);
      expect((error as Error).message).toMatch(/Sign in again/);
      expect(reconnects).toHaveLength(1);
      expect(h.session.isSignedIn).toBe(false);
      await expect(h.api.getProfile()).rejects.toMatchObject({ kind: 'reconnect-needed' });
      expect(h.sim.requests.count({ path: '/api/token' })).toBe(1);
    });

    it('a transport failure’s cause keeps only name and code', async () => {
      h = await startHarness();
      h.sim.injectFault({ method: 'POST', path: '/v1/me/player/next', reset: true });
      const error = await rejectionOf(h.api.next());
      expect(error).toMatchObject({ kind: 'network' });
      const cause = (error as Error).cause as Error & { code?: string };
      expect(cause.message).toBe(cause.code === undefined ? cause.name : `${cause.name} (${cause.code})`);
    });
  });

  it('keeps the connection alive: 200 sequential commands open ~1 connection', async () => {
    h = await startHarness();
    h.sim.injectFault({ method: 'PUT', path: '/v1/me/player/volume', status: 204, times: 100 });
    h.sim.injectFault({ method: 'POST', path: '/v1/me/player/next', status: 200, body: 'ok', times: 100 });
    await h.api.setVolume(0);
    await h.api.next();
    // undici's Pool may open a second socket for the very second request: the first client only reports
    // itself free a tick after its first answer (it was marked busy while connecting). After that, reuse.
    const warm = h.sim.connections.count();
    expect(warm).toBeLessThanOrEqual(2);
    for (let i = 1; i < 100; i++) {
      await h.api.setVolume(i);
      await h.api.next();
    }
    expect(h.sim.requests.count()).toBe(200);
    expect(h.sim.connections.count()).toBe(warm);
  });
});

function errorText(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, JSON.stringify({ ...e }), String(e.cause), JSON.stringify(e.cause)].join('\n');
}
