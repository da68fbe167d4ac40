import { createRequire, syncBuiltinESMExports } from 'node:module';

interface TimerHandle {
  hasRef(): boolean;
  _destroyed?: boolean;
  _idleTimeout?: number;
}

const created: { timer: WeakRef<TimerHandle>; stack: string }[] = [];
const require = createRequire(import.meta.url);

/**
 * Remembers where every timer was made (setTimeout and setInterval, global and from node:timers), so a
 * boot test that finds a timer still holding the process after quit can say whose it is.
 */
export function trackTimers(): void {
  const timers = require('node:timers') as Record<
    'setTimeout' | 'setInterval',
    (...args: unknown[]) => TimerHandle
  >;
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = timers[name];
    const tracked = (...args: unknown[]): TimerHandle => {
      const timer = original(...args);
      const stack = (new Error().stack ?? '').split('\n').slice(2, 6).join(' | ');
      created.push({ timer: new WeakRef(timer), stack });
      return timer;
    };
    timers[name] = tracked;
    (globalThis as unknown as Record<string, unknown>)[name] = tracked;
  }
  // timers/promises keeps its timers out of sight: a sleep still pending is named by its caller.
  const promises = require('node:timers/promises') as {
    setTimeout: (...args: unknown[]) => Promise<unknown>;
  };
  const sleep = promises.setTimeout;
  promises.setTimeout = (...args: unknown[]) => {
    const entry = { stack: (new Error().stack ?? '').split('\n').slice(2, 6).join(' | '), ms: args[0] };
    sleeps.add(entry);
    return sleep(...args).finally(() => sleeps.delete(entry));
  };
  // `import { setTimeout } from 'node:timers/promises'` in the app's bundle must see the wrappers too.
  syncBuiltinESMExports();
}

const sleeps = new Set<{ stack: string; ms: unknown }>();

/** Timers that still keep the process alive: their delay and where they were set. */
export function pendingTimers(): string[] {
  const asleep = [...sleeps].map(
    ({ ms, stack }) => `sleep ${String(ms)} ms at ${stack.replace(/\s+/g, ' ').trim()}`,
  );
  return asleep.concat(
    created.flatMap(({ timer, stack }) => {
      const live = timer.deref();
      if (!live || live._destroyed || !live.hasRef()) return [];
      return [`${live._idleTimeout ?? '?'} ms at ${stack.replace(/\s+/g, ' ').trim()}`];
    }),
  );
}
