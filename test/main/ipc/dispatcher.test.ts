import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KeychainUnavailableError,
  OAuthError,
  SignInTimeoutError,
  StateMismatchError,
} from '../../../src/main/auth/errors.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import {
  createIpcDispatcher,
  type IpcDispatcher,
  type IpcHandlers,
  type IpcLog,
} from '../../../src/main/ipc/dispatcher.ts';
import { APP_ORIGIN, createOriginCheck } from '../../../src/main/ipc/origin-check.ts';
import { SpotifyApiError } from '../../../src/main/spotify/errors.ts';
import { invokeChannels, type InvokeChannel, type IpcResponse } from '../../../src/shared/ipc/contract.ts';
import { USER_MESSAGES } from '../../../src/shared/messages.ts';
import { CHANNELS, VALID_INPUTS, recordingHandlers } from './support.ts';

const TRUSTED_URL = `${APP_ORIGIN}/index.html`;

interface Setup {
  ipc: IpcDispatcher;
  calls: { channel: string; input: unknown }[];
  logs: { message: string; details: unknown }[];
}

function setup(
  behaviour: Parameters<typeof recordingHandlers>[0] = {},
  log?: IpcLog,
  handlers?: IpcHandlers,
): Setup {
  const recorded = recordingHandlers(behaviour);
  const logs: Setup['logs'] = [];
  const ipc = createIpcDispatcher({
    handlers: handlers ?? recorded.handlers,
    isTrustedSender: createOriginCheck([APP_ORIGIN]),
    log: log ?? ((message, details) => logs.push({ message, details })),
  });
  return { ipc, calls: recorded.calls, logs };
}

function errorOf(response: IpcResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error(`expected a failure, got ${JSON.stringify(response.value)}`);
  return response.error;
}

describe('createIpcDispatcher: valid calls', () => {
  it.each(CHANNELS)('%s reaches its handler with the parsed input', async (channel) => {
    const { ipc, calls } = setup();
    const response = await ipc.dispatch(channel, TRUSTED_URL, structuredClone(VALID_INPUTS[channel]));
    expect(response).toEqual({ ok: true, value: { handled: channel } });
    expect(calls).toEqual([{ channel, input: VALID_INPUTS[channel] }]);
  });

  it('passes the parsed value (zod transforms applied), not the raw one', async () => {
    const { ipc, calls } = setup();
    await ipc.dispatch('app:setClientId', TRUSTED_URL, { clientId: '  abc123  ' });
    expect(calls).toEqual([{ channel: 'app:setClientId', input: { clientId: 'abc123' } }]);
  });

  it('copies text exactly as given: no trimming', async () => {
    const { ipc, calls } = setup();
    const text = '  http://127.0.0.1/callback\n';
    await ipc.dispatch('ui:copyText', TRUSTED_URL, { text });
    expect(calls).toEqual([{ channel: 'ui:copyText', input: { text } }]);
    await ipc.dispatch('ui:copyText', TRUSTED_URL, { text: 'x'.repeat(2000) });
    expect(calls).toHaveLength(2);
  });

  it('calls handlers as methods, so class-based handler objects keep `this`', async () => {
    class Handlers {
      readonly volume = 7;
      async getVolume(): Promise<number> {
        return Promise.resolve(this.volume);
      }
    }
    const instance = new Handlers();
    const handlers = Object.assign(Object.create(instance) as object, recordingHandlers().handlers, {
      'player:setVolume'(this: Handlers) {
        return this.getVolume();
      },
    }) as unknown as IpcHandlers;
    const { ipc } = setup({}, undefined, handlers);
    expect(await ipc.dispatch('player:setVolume', TRUSTED_URL, { percent: 1 })).toEqual({
      ok: true,
      value: 7,
    });
  });

  it('refuses to start without a handler for every channel', () => {
    const { handlers } = recordingHandlers();
    const partial: Partial<Record<keyof IpcHandlers, unknown>> = { ...handlers };
    delete partial['ui:setVisible'];
    expect(() =>
      createIpcDispatcher({ handlers: partial as unknown as IpcHandlers, isTrustedSender: () => true }),
    ).toThrow(/ui:setVisible/);
  });
});

describe('createIpcDispatcher: channel and sender', () => {
  it.each([
    'nope',
    '',
    'app:getstate',
    'app:getState ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ])('answers unknown-channel for %j without calling anything', async (channel) => {
    const { ipc, calls } = setup();
    const response = await ipc.dispatch(channel, TRUSTED_URL, undefined);
    expect(errorOf(response).code).toBe('unknown-channel');
    expect(errorOf(response).message).not.toContain(channel || '\u0000');
    expect(calls).toHaveLength(0);
  });

  it('checks the channel before the sender', async () => {
    const { ipc } = setup();
    expect(errorOf(await ipc.dispatch('nope', 'https://evil.example/', undefined)).code).toBe(
      'unknown-channel',
    );
  });

  it.each([
    ['file://evil', 'file://evil'],
    ['a local file', 'file:///tmp/evil.html'],
    ['a remote site', 'https://evil.example/'],
    ['a look-alike host', 'app://traytune.evil.example/index.html'],
    ['credentials in the URL', 'app://evil@traytune/index.html'],
    ['another scheme', 'http://traytune/'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['not a URL', 'traytune'],
    ['an empty URL', ''],
    ['a missing URL', undefined],
  ])('refuses %s with forbidden, never reaching the handler', async (_name, senderUrl) => {
    const { ipc, calls } = setup();
    for (const channel of CHANNELS) {
      const response = await ipc.dispatch(channel, senderUrl, structuredClone(VALID_INPUTS[channel]));
      expect(errorOf(response).code).toBe('forbidden');
    }
    expect(calls).toHaveLength(0);
  });

  it('checks the sender before the input (a stranger learns nothing about the schema)', async () => {
    const { ipc } = setup();
    const response = await ipc.dispatch('player:seek', 'https://evil.example/', { positionMs: 'x' });
    expect(errorOf(response).code).toBe('forbidden');
  });

  it('treats a throwing or non-boolean sender check as untrusted', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const isTrustedSender of [
      () => {
        throw new Error('boom');
      },
      () => 'yes' as unknown as boolean,
    ]) {
      const ipc = createIpcDispatcher({ handlers, isTrustedSender, log: () => {} });
      expect(errorOf(await ipc.dispatch('app:getState', TRUSTED_URL, undefined)).code).toBe('forbidden');
    }
    expect(calls).toHaveLength(0);
  });
});

describe('createIpcDispatcher: validation', () => {
  const SECRET = 'SECRET-9f3a';

  it.each<[InvokeChannel, unknown, RegExp]>([
    [
      'player:seek',
      { positionMs: SECRET },
      /^Invalid input for player:seek: positionMs: must be a number\.$/,
    ],
    ['player:seek', { positionMs: -5 }, /positionMs: must be at least 0/],
    ['player:seek', { positionMs: 1e20 }, /positionMs: must be at most 86400000\.$/],
    ['player:seek', { positionMs: 1.5 }, /positionMs: must be a whole number/],
    ['player:seek', { positionMs: Number.NaN }, /positionMs: must be a number/],
    ['player:seek', {}, /positionMs: is required/],
    ['player:seek', { positionMs: 1, [SECRET]: 1 }, /input: has an unexpected field\.$/],
    ['player:seek', [SECRET], /input: must be an object/],
    ['player:setRepeat', { mode: SECRET }, /mode: must be one of "off", "track", "context"/],
    ['player:playTrack', { uri: `spotify:track:${SECRET}` }, /uri: Not a Spotify track or episode URI/],
    ['app:setClientId', { clientId: '   ' }, /clientId: must not be empty/],
    ['app:setClientId', { clientId: SECRET.repeat(20) }, /clientId: must be at most 64 characters/],
    ['app:getState', { SECRET }, /input: this call takes no input/],
    ['app:getState', null, /input: this call takes no input/],
    ['ui:hide', { SECRET }, /input: this call takes no input/],
    ['app:installUpdate', SECRET, /input: this call takes no input/],
    ['settings:openAccessibility', { SECRET }, /input: this call takes no input/],
    ['ui:copyText', { text: '' }, /text: must not be empty/],
    ['ui:copyText', { text: SECRET.repeat(200) }, /text: must be at most 2000 characters/],
    ['ui:copyText', { text: 'x', [SECRET]: 1 }, /input: has an unexpected field\.$/],
    ['ui:copyText', {}, /text: is required/],
    [
      'settings:update',
      { shortcuts: { playPause: `${SECRET}$` } },
      /shortcuts\.playPause: Use keys joined with \+/,
    ],
    [
      'library:likedSongs',
      { offset: -1, limit: 0, x: SECRET, y: SECRET },
      /offset: must be at least 0; limit: must be at least 1; input: has 2 unexpected fields\.$/,
    ],
  ])('%s %j → a validation error naming the problem, not the value', async (channel, input, expected) => {
    const { ipc, calls } = setup();
    const response = await ipc.dispatch(channel, TRUSTED_URL, input);
    const error = errorOf(response);
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(expected);
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(calls).toHaveLength(0);
  });

  it('lists at most three problems', async () => {
    const { ipc } = setup();
    const input = { mediaKeys: 1, pinned: 2, alwaysOnTop: 3, startAtLogin: 4, checkForUpdates: 5 };
    const { message } = errorOf(await ipc.dispatch('settings:update', TRUSTED_URL, input));
    expect(message).toMatch(
      /^Invalid input for settings:update: (\w+: must be true or false; ){2}\w+: must be true or false \(and 2 more\)\.$/,
    );
  });

  it.each<[string, unknown]>([
    ['an object with an inherited field', Object.create({ clientId: 'abc123' }) as unknown],
    ['a Map', new Map([['clientId', 'abc123']])],
    ['a Date', new Date(0)],
    [
      'a class instance',
      new (class {
        clientId = 'abc123';
      })(),
    ],
  ])('refuses %s even where zod would read it as an object', async (_name, input) => {
    const { ipc, calls } = setup();
    for (const channel of ['app:setClientId', 'settings:update'] as const) {
      const error = errorOf(await ipc.dispatch(channel, TRUSTED_URL, input));
      expect(error).toEqual({
        code: 'validation',
        message: `Invalid input for ${channel}: input: must be plain data.`,
      });
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses cyclic and very deep input without walking it forever', async () => {
    const { ipc } = setup();
    const cyclic: Record<string, unknown> = { mediaKeys: true };
    cyclic['self'] = cyclic;
    let deep: unknown = true;
    for (let i = 0; i < 10_000; i++) deep = { deep };
    const wide = Array.from({ length: 100_000 }, () => ({}));
    for (const input of [cyclic, deep, wide]) {
      const error = errorOf(await ipc.dispatch('settings:update', TRUSTED_URL, input));
      expect(error.code).toBe('validation');
    }
  });
});

describe('createIpcDispatcher: handler errors', () => {
  const INPUT_SECRET = 'device-SECRET-77';
  const input = { deviceId: INPUT_SECRET };

  async function failWith(thrown: unknown, sync = false) {
    const s = setup({
      'player:transfer': () => {
        if (sync) throw thrown;
        return Promise.resolve().then(() => {
          throw thrown;
        });
      },
    });
    const response = await s.ipc.dispatch('player:transfer', TRUSTED_URL, input);
    expect(s.calls).toHaveLength(1);
    expect(JSON.stringify(response)).not.toContain(INPUT_SECRET);
    expect(JSON.stringify(s.logs)).not.toContain(INPUT_SECRET);
    return { error: errorOf(response), logs: s.logs };
  }

  it.each([
    new StateMismatchError(),
    new SignInTimeoutError('http://127.0.0.1:43123/callback', 120_000),
    new KeychainUnavailableError('no Secret Service'),
    new OAuthError(
      'invalid_grant',
      'Refresh token revoked',
      400,
      'Spotify refused the sign-in. Sign in again.',
    ),
  ])('maps $name to its AuthError code and user message', async (thrown) => {
    const { error, logs } = await failWith(thrown);
    expect(error).toEqual({ code: thrown.code, message: thrown.message });
    expect(logs).toEqual([]);
  });

  it.each([
    new SpotifyApiError({ kind: 'no-active-device', status: 404, reason: 'NO_ACTIVE_DEVICE' }),
    new SpotifyApiError({ kind: 'rate-limited', status: 429, retryAfterMs: 30_000 }),
    new SpotifyApiError({ kind: 'premium-required', status: 403, reason: 'PREMIUM_REQUIRED' }),
    new SpotifyApiError({ kind: 'network', cause: new Error('ECONNRESET') }),
  ])('maps SpotifyApiError $kind to its kind and user message', async (thrown) => {
    const { error, logs } = await failWith(thrown);
    expect(error).toEqual({ code: thrown.kind, message: thrown.message });
    expect(logs).toEqual([]);
  });

  it('maps a UserFacingError to its code and user message', async () => {
    const thrown = new UserFacingError('no-client-id', 'Enter the client ID first.');
    const { error, logs } = await failWith(thrown);
    expect(error).toEqual({ code: 'no-client-id', message: 'Enter the client ID first.' });
    expect(logs).toEqual([]);
  });

  it('maps any Error with a kebab-case code and a message (and a synchronous throw)', async () => {
    const thrown = Object.assign(new Error('Pick a device first.'), { code: 'no-device' });
    expect((await failWith(thrown)).error).toEqual({ code: 'no-device', message: 'Pick a device first.' });
    expect((await failWith(thrown, true)).error).toEqual({
      code: 'no-device',
      message: 'Pick a device first.',
    });
  });

  it('shortens an overlong user message', async () => {
    const thrown = Object.assign(new Error('x'.repeat(5_000)), { code: 'too-long' });
    const { error } = await failWith(thrown);
    expect(error.code).toBe('too-long');
    expect(error.message.length).toBe(1_000);
  });

  it.each<[string, unknown]>([
    ['a plain Error', new Error('Cannot read properties of undefined')],
    ['a TypeError', new TypeError('x is not a function')],
    [
      'a Node system error (ENOENT)',
      Object.assign(new Error('ENOENT: open /home/u/.config'), { code: 'ENOENT' }),
    ],
    ['an undici error', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })],
    ['a code-bearing Error without a message', Object.assign(new Error(''), { code: 'empty' })],
    // Every code of the app is kebab-case: a snake_case one is not one of them.
    ['an Error with a snake_case code', Object.assign(new Error('Not ours.'), { code: 'not_ours' })],
    ['a ZodError-like Error', Object.assign(new Error('[{"path":["x"]}]'), { name: 'ZodError' })],
  ])('answers internal for %s and logs it', async (_name, thrown) => {
    const { error, logs } = await failWith(thrown);
    expect(error).toEqual({ code: 'internal', message: USER_MESSAGES.internal });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ message: 'IPC handler failed', details: { channel: 'player:transfer' } });
    expect(String((logs[0]?.details as { error: string }).error)).toContain((thrown as Error).message);
  });

  it.each<[string, unknown]>([
    ['a string', `failed for ${INPUT_SECRET}`],
    ['an object with code and message', { code: 'x', message: `bad ${INPUT_SECRET}` }],
    ['the input itself', input],
    ['undefined', undefined],
    ['null', null],
  ])('answers internal for a thrown non-Error (%s) and never logs its value', async (_name, thrown) => {
    for (const sync of [false, true]) {
      const { error, logs } = await failWith(thrown, sync);
      expect(error).toEqual({ code: 'internal', message: USER_MESSAGES.internal });
      expect(logs).toHaveLength(1);
      expect((logs[0]?.details as { error: string }).error).toMatch(/^a thrown \w+ \(not an Error\)$/);
    }
  });

  it('still answers when the logger itself throws', async () => {
    const s = setup({ 'app:getState': () => Promise.reject(new Error('bug')) }, () => {
      throw new Error('logger down');
    });
    expect(errorOf(await s.ipc.dispatch('app:getState', TRUSTED_URL, undefined)).code).toBe('internal');
    expect(errorOf(await s.ipc.dispatch('app:getState', 'https://evil.example/', undefined)).code).toBe(
      'forbidden',
    );
  });
});

// ── The fuzz test: a storm of malformed payloads for every channel ─────────────────────────────────────

/** Every junk string carries this mark, so a message that echoes any of them is caught. */
const MARK = '§';
const RUNS_PER_CHANNEL = 25;
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** Defines an own property even for `__proto__` (as JSON.parse and structured clone do). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const junkString = fc.oneof(
  fc.string({ maxLength: 24 }).map((s) => `${MARK}${s}`),
  fc.constantFrom(`${MARK}${'x'.repeat(200_000)}`, `${MARK}\u0000\uFFFF\uD800`, `spotify:track:${MARK}`),
  fc.constantFrom('', ' ', '\t', 'spotify:album:abc', 'spotify:track:', 'spotify:track:a b', 'off ', 'TRACK'),
);
const junkNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0.5,
    -1,
    0.5,
    101,
    24 * 3_600_000 + 1,
    100_001,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.double(),
  fc.integer(),
);
const junkKey = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `${MARK}${s}`),
  fc.constantFrom(...POLLUTION_KEYS),
);

const { junk } = fc.letrec<{ junk: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkString,
    junkNumber,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.bigInt(),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('junk'), { maxLength: 5 }),
  object: fc
    .array(fc.tuple(junkKey, fc.oneof(tie('junk'), fc.constant({ polluted: `${MARK}yes` }))), {
      maxLength: 4,
    })
    .map((entries) => entries.reduce((o, [k, v]) => withOwn(o, k, v), {} as Record<string, unknown>)),
}));

/** The whole payload is junk, or something too big or too deep for any input. */
const wholeJunk = fc.oneof(
  { weight: 4, arbitrary: junk },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 200 }).map((n) => nest(n)) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 50_000 }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.constant(JSON.parse(`{"__proto__":{"polluted":"${MARK}yes"}}`) as unknown) },
  {
    weight: 1,
    arbitrary: fc.constant(JSON.parse(`{"constructor":{"prototype":{"polluted":"${MARK}yes"}}}`) as unknown),
  },
);

function nest(depth: number): unknown {
  let value: unknown = { polluted: `${MARK}deep` };
  for (let i = 0; i < depth; i++) value = withOwn({}, i % 2 ? '__proto__' : 'shortcuts', value);
  return value;
}

type Path = readonly string[];

/** Paths to every field of a valid input (depth first), and to every object in it (root included). */
function pathsOf(value: unknown, prefix: Path = []): { fields: Path[]; objects: Path[] } {
  if (typeof value !== 'object' || value === null) return { fields: [], objects: [] };
  const fields: Path[] = [];
  const objects: Path[] = [prefix];
  for (const [key, child] of Object.entries(value)) {
    fields.push([...prefix, key]);
    const inner = pathsOf(child, [...prefix, key]);
    fields.push(...inner.fields);
    objects.push(...inner.objects);
  }
  return { fields, objects };
}

/** A deep copy of `value` with `edit` applied to the object at `path` (its last segment's parent). */
function editAt(value: unknown, path: Path, edit: (parent: Record<string, unknown>, key: string) => void) {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  edit(parent, path.at(-1) ?? '');
  return copy;
}

/** Schema-aware damage to a valid input: a field swapped for junk, dropped, an extra (polluting) key, … */
function damaged(valid: unknown): fc.Arbitrary<unknown> {
  const { fields, objects } = pathsOf(valid);
  const arbitraries: fc.Arbitrary<unknown>[] = [
    wholeJunk,
    fc.constant([valid]),
    fc.constant({ input: valid }),
  ];
  if (fields.length > 0) {
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...fields), junk)
        .map(([path, v]) => editAt(valid, path, (parent, key) => void withOwn(parent, key, v))),
      fc.constantFrom(...fields).map((path) => editAt(valid, path, (parent, key) => void delete parent[key])),
    );
  }
  if (objects.length > 0) {
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...objects), junkKey, junk)
        .map(([path, key, v]) => editAt(valid, [...path, key], (parent, k) => void withOwn(parent, k, v))),
    );
  }
  return fc.oneof(...arbitraries);
}

describe('IPC fuzz: malformed input for every channel', () => {
  it(`refuses ${RUNS_PER_CHANNEL} generated bad payloads per channel with a validation error`, async () => {
    const protoBefore = Reflect.ownKeys(Object.prototype);
    const arrayProtoBefore = Reflect.ownKeys(Array.prototype);
    const { ipc, calls, logs } = setup();
    const refused = new Map<InvokeChannel, number>();

    for (const channel of CHANNELS) {
      const schema = invokeChannels[channel].input;
      // Keep only payloads the contract's own schema rejects.
      const bad = damaged(VALID_INPUTS[channel]).filter((payload) => !schema.safeParse(payload).success);
      await fc.assert(
        fc.asyncProperty(bad, async (payload) => {
          const response = await ipc.dispatch(channel, TRUSTED_URL, payload);
          const error = errorOf(response);
          expect(error.code).toBe('validation');
          expect(error.message.startsWith(`Invalid input for ${channel}: `)).toBe(true);
          expect(error.message.length).toBeLessThan(400);
          expect(error.message).not.toContain(MARK);
          refused.set(channel, (refused.get(channel) ?? 0) + 1);
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
    }

    const total = [...refused.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(CHANNELS.length * RUNS_PER_CHANNEL);
    expect(total).toBeGreaterThanOrEqual(300);
    for (const channel of CHANNELS) expect(refused.get(channel), channel).toBe(RUNS_PER_CHANNEL);

    // The main process is unaffected: no handler ran, nothing was logged, no prototype was polluted …
    expect(calls).toHaveLength(0);
    expect(logs).toHaveLength(0);
    expect(Reflect.ownKeys(Object.prototype)).toEqual(protoBefore);
    expect(Reflect.ownKeys(Array.prototype)).toEqual(arrayProtoBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    // … and it still serves every channel.
    for (const channel of CHANNELS) {
      const response = await ipc.dispatch(channel, TRUSTED_URL, structuredClone(VALID_INPUTS[channel]));
      expect(response).toEqual({ ok: true, value: { handled: channel } });
    }
    expect(calls).toHaveLength(CHANNELS.length);
  });

  it('refuses the same storm after a structured clone (what Electron delivers)', async () => {
    const { ipc, calls } = setup();
    let count = 0;
    for (const channel of CHANNELS) {
      const schema = invokeChannels[channel].input;
      const bad = damaged(VALID_INPUTS[channel])
        .map((payload) => {
          try {
            return structuredClone(payload);
          } catch {
            return [MARK];
          }
        })
        .filter((payload) => !schema.safeParse(payload).success);
      await fc.assert(
        fc.asyncProperty(bad, async (payload) => {
          expect(errorOf(await ipc.dispatch(channel, TRUSTED_URL, payload)).code).toBe('validation');
          count++;
        }),
        { numRuns: 12 },
      );
    }
    expect(count).toBe(CHANNELS.length * 12);
    expect(calls).toHaveLength(0);
  });
});
