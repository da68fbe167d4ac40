import type { ContextBridge } from 'electron';

/**
 * The renderer-side double of Electron's `contextBridge`, for the harness page. With contextIsolation the
 * preload and the page live in two JavaScript worlds; the harness runs both in one, so this double copies
 * what crosses the bridge the way Electron does (shell/renderer/api/electron_api_context_bridge.cc and
 * https://electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support):
 *
 * - functions are proxied: their arguments and results cross again, and what they throw arrives as a bare
 *   `Error(message)`;
 * - promises are proxied, and so is their value or rejection (an Error again loses everything but its
 *   message: its name, code and other properties are dropped);
 * - arrays and plain objects are copied (own enumerable keys; a class instance arrives without its
 *   prototype);
 * - anything else goes through the structured clone (Date, Map, typed arrays …).
 *
 * `exposeInMainWorld` refuses a key the page's global already has, and defines the copy read-only,
 * non-configurable and deep-frozen, as Electron does.
 */

/** What the page's global object is to the double: the place `exposeInMainWorld` defines its key. */
export type MainWorld = object;

/** Electron's own message when the key is taken. */
export const KEY_TAKEN_MESSAGE = 'Cannot bind an API on top of an existing property on the window object';

export function createContextBridge(world: MainWorld): Pick<ContextBridge, 'exposeInMainWorld'> {
  return {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (apiKey in world) throw new Error(KEY_TAKEN_MESSAGE);
      Object.defineProperty(world, apiKey, {
        value: deepFreeze(passToOtherWorld(api)),
        writable: false,
        configurable: false,
        enumerable: true,
      });
    },
  } satisfies Pick<ContextBridge, 'exposeInMainWorld'>;
}

/**
 * The copy of `value` that the other world receives. `seen` maps what was already passed in this crossing
 * to its copy, so shared references stay shared and a cycle does not loop.
 */
export function passToOtherWorld(value: unknown, seen = new Map<object, unknown>()): unknown {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;

  if (typeof value === 'function') return remember(seen, value, proxyFunction(value as AnyFunction));

  if (value instanceof Promise) return remember(seen, value, proxyPromise(value));
  if (value instanceof Error) return remember(seen, value, new Error(value.message));
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value as unknown[]) copy.push(passToOtherWorld(item, seen));
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    for (const key of Object.keys(value)) {
      copy[key] = passToOtherWorld((value as Record<string, unknown>)[key], seen);
    }
    return copy;
  }
  return remember(seen, value, structuredClone(value));
}

type AnyFunction = (...args: unknown[]) => unknown;

function proxyFunction(fn: AnyFunction): AnyFunction {
  return (...args: unknown[]): unknown => {
    const seen = new Map<object, unknown>();
    const passedArgs = args.map((arg) => passToOtherWorld(arg, seen));
    let result: unknown;
    try {
      result = Reflect.apply(fn, undefined, passedArgs);
    } catch (error) {
      // Electron rethrows only the message in the caller's world: no cause, no name, no properties.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(messageOf(error));
    }
    return passToOtherWorld(result);
  };
}

function proxyPromise(promise: Promise<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    promise.then(
      (value) => resolve(passToOtherWorld(value)),
      // The reason crosses like any value: an Error loses all but its message, a plain object is copied.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      (reason: unknown) => reject(passToOtherWorld(reason)),
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Objects Electron copies key by key: not an array, not a built-in the structured clone knows. */
function isPlainObject(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Object]';
}

function remember<T>(seen: Map<object, unknown>, source: object, copy: T): T {
  seen.set(source, copy);
  return copy;
}

function deepFreeze<T>(value: T, frozen = new Set<unknown>()): T {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return value;
  if (frozen.has(value) || ArrayBuffer.isView(value)) return value;
  frozen.add(value);
  for (const key of Object.getOwnPropertyNames(value)) {
    deepFreeze((value as Record<string, unknown>)[key], frozen);
  }
  return Object.freeze(value);
}
