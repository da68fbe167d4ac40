import { describe, expect, it, vi } from 'vitest';
import { createIpcDispatcher } from '../../src/main/ipc/dispatcher.ts';
import { APP_ORIGIN, createOriginCheck } from '../../src/main/ipc/origin-check.ts';
import {
  createTraytuneApi,
  isIpcErrorLike,
  plainIpcError,
  type Invoke,
  type Subscribe,
} from '../../src/shared/ipc/bridge.ts';
import {
  IpcError,
  PUSH_EVENTS,
  invokeChannels,
  type IpcResponse,
  type TraytuneApi,
} from '../../src/shared/ipc/contract.ts';
import { CHANNELS, VALID_INPUTS, recordingHandlers } from '../main/ipc/support.ts';

type Listener = (payload: unknown) => void;

/** A fake transport: records invokes, answers with `answer`, and keeps listeners per event. */
function transport(answer: (channel: string, input: unknown) => Promise<IpcResponse<unknown>>) {
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const removed: string[] = [];
  const invoke: Invoke = (channel, input) => {
    invoked.push({ channel, input });
    return answer(channel, input);
  };
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    // A fresh wrapper per subscription, as the preload does.
    const wrapped: Listener = (payload) => listener(payload);
    set.add(wrapped);
    return () => {
      removed.push(event);
      set.delete(wrapped);
    };
  };
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { invoke, subscribe, emit, invoked, listeners, removed };
}

const echo = (channel: string, input: unknown) =>
  Promise.resolve({ ok: true as const, value: { channel, input } });

/** `api.group.method` for every own function of the API, as `group:method`. */
function methodNames(api: TraytuneApi): string[] {
  const names: string[] = [];
  for (const [group, methods] of Object.entries(api)) {
    if (group === 'on') continue;
    for (const [method, fn] of Object.entries(methods as Record<string, unknown>)) {
      expect(typeof fn).toBe('function');
      names.push(`${group}:${method}`);
    }
  }
  return names;
}

function call(api: TraytuneApi, channel: string, input: unknown): Promise<unknown> {
  const [group = '', method = ''] = channel.split(':');
  const fn = (api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[
    group
  ]?.[method];
  if (fn === undefined) throw new Error(`no method for ${channel}`);
  return fn(input);
}

describe('createTraytuneApi', () => {
  it('has exactly one method per contract channel, plus on', () => {
    const t = transport(echo);
    const api = createTraytuneApi(t.invoke, t.subscribe);
    expect(methodNames(api).sort()).toEqual(Object.keys(invokeChannels).sort());
    expect(typeof api.on).toBe('function');
    expect(Object.keys(api).sort()).toEqual([...new Set(CHANNELS.map((c) => c.split(':')[0])), 'on'].sort());
  });

  it.each(CHANNELS)('%s invokes its channel once with the input and resolves the value', async (channel) => {
    const t = transport(echo);
    const api = createTraytuneApi(t.invoke, t.subscribe);
    const input = VALID_INPUTS[channel];
    await expect(call(api, channel, input)).resolves.toEqual({ channel, input });
    expect(t.invoked).toEqual([{ channel, input }]);
  });

  it('is typed from the contract', async () => {
    const t = transport((channel) =>
      Promise.resolve(
        channel === 'player:seek' ? { ok: true, value: { ok: true } } : { ok: true, value: undefined },
      ),
    );
    const api = createTraytuneApi(t.invoke, t.subscribe);
    const result = await api.player.seek({ positionMs: 5 });
    expect(result).toEqual({ ok: true });
    await api.player.next();
    // @ts-expect-error: the contract says seek takes { positionMs }.
    await api.player.seek({ position: 5 });
    expect(t.invoked.map((c) => c.channel)).toEqual(['player:seek', 'player:next', 'player:seek']);
    expect(t.invoked[1]).toEqual({ channel: 'player:next', input: undefined });
  });

  it('forwards only the first argument', async () => {
    const t = transport(echo);
    const api = createTraytuneApi(t.invoke, t.subscribe);
    await (api.player.setVolume as (...args: unknown[]) => Promise<unknown>)({ percent: 3 }, 'extra');
    expect(t.invoked).toEqual([{ channel: 'player:setVolume', input: { percent: 3 } }]);
  });

  it('rejects with an IpcError carrying the code and message of a failed answer', async () => {
    const t = transport(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'no-active-device', message: 'Start Spotify on a device.' },
      }),
    );
    const api = createTraytuneApi(t.invoke, t.subscribe);
    const error: unknown = await api.player.togglePlay().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      name: 'IpcError',
      code: 'no-active-device',
      message: 'Start Spotify on a device.',
    });
  });

  it('rejects with ipc-failed when the transport fails, and internal for an unreadable answer', async () => {
    const broken = transport(() => Promise.reject(new Error('No handler registered for app:getState')));
    const api = createTraytuneApi(broken.invoke, broken.subscribe);
    await expect(api.app.getState()).rejects.toMatchObject({ code: 'ipc-failed' });

    const throwing = createTraytuneApi(() => {
      throw new Error('An object could not be cloned.');
    }, broken.subscribe);
    await expect(throwing.app.getState()).rejects.toMatchObject({ code: 'ipc-failed' });

    for (const answer of [
      undefined,
      null,
      'ok',
      {},
      { ok: true },
      { ok: false },
      { ok: false, error: 'x' },
      { ok: 1 },
    ]) {
      const odd = createTraytuneApi(() => Promise.resolve(answer as IpcResponse<unknown>), broken.subscribe);
      const error: unknown = await odd.app.getState().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpcError);
      expect(error).toMatchObject({ code: 'internal' });
    }
  });

  it('rejects with plain { name, code, message } objects when asked (what survives contextBridge)', async () => {
    const t = transport(() => Promise.resolve({ ok: false, error: { code: 'validation', message: 'Bad.' } }));
    const api = createTraytuneApi(t.invoke, t.subscribe, { rejectWith: plainIpcError });
    const error: unknown = await api.app.getState().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(error).toEqual({ name: 'IpcError', code: 'validation', message: 'Bad.' });
    expect(isIpcErrorLike(error)).toBe(true);
    expect(isIpcErrorLike(new IpcError('x', 'y'))).toBe(true);
    expect(isIpcErrorLike(new Error('y'))).toBe(false);
    expect(isIpcErrorLike('y')).toBe(false);
  });

  describe('on', () => {
    it.each(PUSH_EVENTS)('delivers %s payloads until unsubscribed', (event) => {
      const t = transport(echo);
      const api = createTraytuneApi(t.invoke, t.subscribe);
      const first = vi.fn();
      const second = vi.fn();
      const offFirst = api.on(event, first);
      api.on(event, second);
      t.emit(event, { n: 1 });
      offFirst();
      t.emit(event, { n: 2 });
      expect(first.mock.calls).toEqual([[{ n: 1 }]]);
      expect(second.mock.calls).toEqual([[{ n: 1 }], [{ n: 2 }]]);
      // Idempotent: a second call does not remove anything else.
      offFirst();
      expect(t.removed).toEqual([event]);
      expect(t.listeners.get(event)?.size).toBe(1);
    });

    it.each(['player:snapshots', 'toString', '__proto__', 'app:getState', ''])(
      'throws for the unknown event %j',
      (event) => {
        const t = transport(echo);
        const api = createTraytuneApi(t.invoke, t.subscribe);
        expect(() => api.on(event as 'app:state', () => {})).toThrow(TypeError);
        expect(t.listeners.size).toBe(0);
      },
    );

    it('throws for a listener that is not a function', () => {
      const t = transport(echo);
      const api = createTraytuneApi(t.invoke, t.subscribe);
      expect(() => api.on('app:state', 'nope' as unknown as () => void)).toThrow(TypeError);
      expect(t.listeners.size).toBe(0);
    });

    it('keeps delivering to other listeners when one throws', () => {
      const t = transport(echo);
      const api = createTraytuneApi(t.invoke, t.subscribe);
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
      const after = vi.fn();
      api.on('settings:changed', () => {
        throw new Error('listener bug');
      });
      api.on('settings:changed', after);
      t.emit('settings:changed', { pinned: true });
      expect(after).toHaveBeenCalledOnce();
      expect(consoleError).toHaveBeenCalledOnce();
      consoleError.mockRestore();
    });
  });

  it('is deeply frozen', () => {
    const t = transport(echo);
    const api = createTraytuneApi(t.invoke, t.subscribe);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.on)).toBe(true);
    for (const [group, methods] of Object.entries(api)) {
      if (group === 'on') continue;
      expect(Object.isFrozen(methods)).toBe(true);
      for (const fn of Object.values(methods as object)) expect(Object.isFrozen(fn)).toBe(true);
    }
    const loose = api as unknown as Record<string, Record<string, unknown>>;
    expect(() => {
      loose['player'] = {};
    }).toThrow(TypeError);
    expect(() => {
      (loose['player'] as Record<string, unknown>)['next'] = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      loose['ipcRenderer'] = {};
    }).toThrow(TypeError);
  });

  it('works end to end over the real dispatcher (structured-cloned like Electron IPC)', async () => {
    const { handlers, calls } = recordingHandlers();
    const ipc = createIpcDispatcher({ handlers, isTrustedSender: createOriginCheck([APP_ORIGIN]) });
    const api = createTraytuneApi(
      (channel, input) => ipc.dispatch(channel, `${APP_ORIGIN}/index.html`, structuredClone(input)),
      () => () => {},
    );
    await expect(api.player.seek({ positionMs: 5 })).resolves.toEqual({ handled: 'player:seek' });
    const error: unknown = await api.player.seek({ positionMs: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('positionMs') as unknown,
    });
    expect(calls).toEqual([{ channel: 'player:seek', input: { positionMs: 5 } }]);
  });
});
