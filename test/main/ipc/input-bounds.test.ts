import { describe, expect, it } from 'vitest';
import { createIpcDispatcher, type IpcDispatcher } from '../../../src/main/ipc/dispatcher.ts';
import { APP_ORIGIN, createOriginCheck } from '../../../src/main/ipc/origin-check.ts';
import type { IpcResponse } from '../../../src/shared/ipc/contract.ts';
import { MAX_REDIRECT_URI_LENGTH } from '../../../src/shared/settings.ts';
import { recordingHandlers } from './support.ts';

const TRUSTED_URL = `${APP_ORIGIN}/index.html`;
const TOO_LARGE = /^Invalid input for [a-z:A-Z]+: input: is too large or too deeply nested\.$/;

function setup(): { ipc: IpcDispatcher; calls: { channel: string }[] } {
  const { handlers, calls } = recordingHandlers();
  const ipc = createIpcDispatcher({
    handlers,
    isTrustedSender: createOriginCheck([APP_ORIGIN]),
    log: () => {},
  });
  return { ipc, calls };
}

function errorOf(response: IpcResponse<unknown>): { code: string; message: string } {
  if (response.ok) throw new Error('expected a failure');
  return response.error;
}

/** An item whose read is recorded: the guard must have given up before reaching it. */
function tripwire(): { value: object; reads: () => number } {
  let reads = 0;
  const value = {};
  return {
    value: new Proxy(value, {
      getPrototypeOf: (target) => {
        reads++;
        return Reflect.getPrototypeOf(target);
      },
    }),
    reads: () => reads,
  };
}

describe('IPC input size guard', () => {
  it('refuses a 5-million-item array without walking it', async () => {
    const { ipc, calls } = setup();
    const huge: unknown[] = new Array<number>(5_000_000).fill(0);
    const wire = tripwire();
    huge[4_999_999] = wire.value;
    const response = await ipc.dispatch('settings:update', TRUSTED_URL, { shortcuts: huge });
    expect(errorOf(response).code).toBe('validation');
    expect(errorOf(response).message).toMatch(TOO_LARGE);
    expect(wire.reads()).toBe(0);
    expect(calls).toEqual([]);
  });

  it('counts array items as nodes: 3,000 numbers are too many, 500 are not', async () => {
    const { ipc } = setup();
    const many = await ipc.dispatch('ui:copyText', TRUSTED_URL, {
      text: 'x',
      list: new Array(3_000).fill(1),
    });
    expect(errorOf(many).message).toMatch(TOO_LARGE);
    // Within the budget the schema decides (here: an unexpected field).
    const few = await ipc.dispatch('ui:copyText', TRUSTED_URL, { text: 'x', list: new Array(500).fill(1) });
    expect(errorOf(few).message).toBe('Invalid input for ui:copyText: input: has an unexpected field.');
  });

  it('stops at the budget inside an object with thousands of keys', async () => {
    const { ipc } = setup();
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) wide[`k${i}`] = i;
    const wire = tripwire();
    wide['last'] = wire.value;
    expect(errorOf(await ipc.dispatch('settings:update', TRUSTED_URL, wide)).message).toMatch(TOO_LARGE);
    expect(wire.reads()).toBe(0);
  });

  it('counts string lengths: a 10 MB redirect URI never reaches the schema or the handler', async () => {
    const { ipc, calls } = setup();
    const redirectUri = `http://127.0.0.1/${'a'.repeat(10 * 1024 * 1024)}`;
    const response = await ipc.dispatch('settings:update', TRUSTED_URL, { redirectUri });
    expect(errorOf(response).code).toBe('validation');
    expect(errorOf(response).message).toMatch(TOO_LARGE);
    expect(calls).toEqual([]);
  });

  it('counts the length of keys too', async () => {
    const { ipc } = setup();
    const response = await ipc.dispatch('ui:copyText', TRUSTED_URL, { ['k'.repeat(100_000)]: 1, text: 'x' });
    expect(errorOf(response).message).toMatch(TOO_LARGE);
  });

  it('never echoes the oversized value', async () => {
    const { ipc } = setup();
    const marker = 'SECRET-MARKER-'.repeat(10_000);
    const { message } = errorOf(await ipc.dispatch('ui:copyText', TRUSTED_URL, { text: marker }));
    expect(message).not.toContain('SECRET-MARKER');
  });
});

describe('settings:update string bounds', () => {
  it(`accepts a redirect URI of ${MAX_REDIRECT_URI_LENGTH} characters`, async () => {
    const { ipc, calls } = setup();
    const base = 'http://127.0.0.1/';
    const redirectUri = base + 'a'.repeat(MAX_REDIRECT_URI_LENGTH - base.length);
    const response = await ipc.dispatch('settings:update', TRUSTED_URL, { redirectUri });
    expect(response.ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('refuses one character more, saying what the limit is', async () => {
    const { ipc, calls } = setup();
    const redirectUri = 'http://127.0.0.1/' + 'a'.repeat(MAX_REDIRECT_URI_LENGTH);
    const response = await ipc.dispatch('settings:update', TRUSTED_URL, { redirectUri });
    expect(errorOf(response)).toEqual({
      code: 'validation',
      message: `Invalid input for settings:update: redirectUri: must be at most ${MAX_REDIRECT_URI_LENGTH} characters.`,
    });
    expect(calls).toEqual([]);
  });

  it('keeps the client ID bounded (64 characters) on app:setClientId', async () => {
    const { ipc } = setup();
    const response = await ipc.dispatch('app:setClientId', TRUSTED_URL, { clientId: 'a'.repeat(65) });
    expect(errorOf(response).message).toBe(
      'Invalid input for app:setClientId: clientId: must be at most 64 characters.',
    );
  });
});
