/** The simulator's clock: token and code lifetimes, the request log's `at`. Real delays do not use it. */
export interface SimClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export interface ClockSource {
  now(): number;
  advance?(ms: number): void;
  set?(ms: number): void;
}

/** A manual clock starting at `start`, or one backed by a caller's clock (whose advance/set may be absent). */
export function createSimClock(source?: ClockSource, start: number = Date.now()): SimClock {
  if (source) {
    return {
      now: () => source.now(),
      advance: (ms) => {
        if (!source.advance)
          throw new Error('The clock given to startSimulator has no advance(); move it yourself');
        source.advance(ms);
      },
      set: (ms) => {
        if (!source.set) throw new Error('The clock given to startSimulator has no set(); move it yourself');
        source.set(ms);
      },
    };
  }
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      now += ms;
    },
    set: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError(`set(ms) needs a finite ms, got ${ms}`);
      now = ms;
    },
  };
}

/**
 * Wall-clock time plus an offset that `advance`/`set` move: for the standalone server and a browser
 * harness, where playback should progress on its own.
 */
export function realTimeClock(): ClockSource {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      offset += ms;
    },
    set: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError(`set(ms) needs a finite ms, got ${ms}`);
      offset = ms - Date.now();
    },
  };
}
