import { describe, expect, it } from 'vitest';
import {
  KEY_TAKEN_MESSAGE,
  createContextBridge,
  passToOtherWorld,
} from '../../../dev/harness/context-bridge-double.ts';

class Track {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  describe(): string {
    return this.name;
  }
}

class CodedError extends Error {
  readonly code = 'validation';
}

describe('contextBridge.exposeInMainWorld', () => {
  it('defines a deep-frozen copy, read-only and non-configurable, as Electron does', () => {
    const world: Record<string, unknown> = {};
    const api = { player: { next: () => 'next' }, limits: [1, { max: 2 }] };
    createContextBridge(world).exposeInMainWorld('traytune', api);

    const exposed = world['traytune'] as typeof api;
    expect(exposed).not.toBe(api);
    expect(exposed.player.next()).toBe('next');
    expect(Object.isFrozen(exposed)).toBe(true);
    expect(Object.isFrozen(exposed.player)).toBe(true);
    expect(Object.isFrozen(exposed.player.next)).toBe(true);
    expect(Object.isFrozen(exposed.limits[1])).toBe(true);
    expect(Object.isFrozen(api.player)).toBe(false); // the preload's own object is left alone
    expect(Object.getOwnPropertyDescriptor(world, 'traytune')).toMatchObject({
      writable: false,
      configurable: false,
      enumerable: true,
    });
  });

  it('refuses a key the page already has, inherited ones included', () => {
    const world = Object.create({ inherited: 1 }) as Record<string, unknown>;
    world['own'] = 1;
    const bridge = createContextBridge(world);
    expect(() => bridge.exposeInMainWorld('own', {})).toThrow(KEY_TAKEN_MESSAGE);
    expect(() => bridge.exposeInMainWorld('inherited', {})).toThrow(KEY_TAKEN_MESSAGE);
    bridge.exposeInMainWorld('fresh', {});
    expect(() => bridge.exposeInMainWorld('fresh', {})).toThrow(KEY_TAKEN_MESSAGE);
  });
});

describe('values crossing the bridge', () => {
  it('copies objects and arrays, drops prototypes, and keeps shared references and cycles', () => {
    const shared = { id: 1 };
    const cyclic: Record<string, unknown> = { shared, list: [shared] };
    cyclic['self'] = cyclic;
    const copy = passToOtherWorld(cyclic) as typeof cyclic & { list: unknown[] };
    expect(copy).not.toBe(cyclic);
    expect(copy['self']).toBe(copy);
    expect(copy['shared']).toBe(copy.list[0]);
    expect(copy['shared']).not.toBe(shared);

    const track = passToOtherWorld(new Track('Intro')) as Record<string, unknown>;
    expect(track).toEqual({ name: 'Intro' });
    expect(Object.getPrototypeOf(track)).toBe(Object.prototype);
    expect(track['describe']).toBeUndefined();
  });

  it('clones built-ins with the structured clone', () => {
    const when = new Date(0);
    const copy = passToOtherWorld({ when, tags: new Map([['a', 1]]) }) as {
      when: Date;
      tags: Map<string, number>;
    };
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.when.getTime()).toBe(0);
    expect(copy.tags.get('a')).toBe(1);
  });

  it('proxies functions: arguments and results cross, a thrown error keeps only its message', () => {
    const received: unknown[] = [];
    const input = { positionMs: 5 };
    const fn = passToOtherWorld((arg: unknown) => {
      received.push(arg);
      if (arg === 'fail') throw new CodedError('refused');
      return { echoed: arg };
    }) as (arg: unknown) => { echoed: unknown };

    const result = fn(input);
    expect(received[0]).toEqual(input);
    expect(received[0]).not.toBe(input);
    expect(result).toEqual({ echoed: input });

    let thrown: unknown;
    try {
      fn('fail');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(CodedError);
    expect(thrown).toMatchObject({ name: 'Error', message: 'refused' });
    expect((thrown as { code?: unknown }).code).toBeUndefined();
  });

  it('proxies callbacks passed back in, so a listener handed to the preload receives copies', () => {
    const subscribe = passToOtherWorld((listener: (payload: unknown) => void) => listener({ n: 1 })) as (
      listener: (payload: unknown) => void,
    ) => void;
    const payloads: unknown[] = [];
    subscribe((payload) => payloads.push(payload));
    expect(payloads).toEqual([{ n: 1 }]);
  });

  it('proxies promises: a value is copied, a rejected Error loses its code, a plain object keeps it', async () => {
    const value = { ok: true };
    const resolved = passToOtherWorld(Promise.resolve(value)) as Promise<unknown>;
    expect(await resolved).toEqual(value);
    expect(await resolved).not.toBe(value);

    const rejectedError = passToOtherWorld(Promise.reject(new CodedError('nope'))) as Promise<unknown>;
    const error = await rejectedError.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'Error', message: 'nope' });
    expect((error as { code?: unknown }).code).toBeUndefined();

    const plain = { name: 'IpcError', code: 'validation', message: 'nope' };
    // The preload rejects with plain objects (plainIpcError) precisely because of this.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const rejectedPlain = passToOtherWorld(Promise.reject(plain)) as Promise<unknown>;
    const reason = await rejectedPlain.catch((caught: unknown) => caught);
    expect(reason).toEqual(plain);
    expect(reason).not.toBe(plain);
    expect(reason).not.toBeInstanceOf(Error);
  });
});
