import { describe, expect, it } from 'vitest';
import { FAKE_EPOCH, FakeClock } from '../../../support/fake-clock.ts';

describe('FakeClock', () => {
  it('fires due timers in time order (ties in the order set), with now() at each timer', async () => {
    const clock = new FakeClock();
    const fired: [string, number][] = [];
    const at = (name: string) => () => fired.push([name, clock.now() - FAKE_EPOCH]);
    clock.setTimeout(at('c'), 300);
    clock.setTimeout(at('a'), 100);
    clock.setTimeout(at('b1'), 200);
    clock.setTimeout(at('b2'), 200);
    const cancelled = clock.setTimeout(at('x'), 150);
    clock.clearTimeout(cancelled);
    await clock.advance(250);
    expect(fired).toEqual([
      ['a', 100],
      ['b1', 200],
      ['b2', 200],
    ]);
    expect(clock.now()).toBe(FAKE_EPOCH + 250);
    expect(clock.pending).toBe(1);
    await clock.runNext();
    expect(fired.at(-1)).toEqual(['c', 300]);
  });

  it('fires timers set by timers within the same advance, and waits for settlers between them', async () => {
    const clock = new FakeClock();
    const log: string[] = [];
    let busy: Promise<void> = Promise.resolve();
    clock.onSettle(() => busy);
    clock.setTimeout(() => {
      log.push('first');
      // Real asynchronous work started by the timer: advance waits for it before the next timer.
      busy = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => {
        log.push('io done');
        clock.setTimeout(() => log.push('chained'), 1_000);
      });
    }, 1_000);
    clock.setTimeout(() => log.push('second'), 1_500);
    await clock.advance(2_000);
    expect(log).toEqual(['first', 'io done', 'second', 'chained']);
  });

  it('sleep() resolves with simulated time and honours abort', async () => {
    const clock = new FakeClock();
    let woke = false;
    void clock.sleep(5_000).then(() => (woke = true));
    await clock.advance(4_999);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('set() jumps without firing; a later advance fires what is due', async () => {
    const clock = new FakeClock();
    let fired = 0;
    clock.setTimeout(() => fired++, 10);
    clock.set(FAKE_EPOCH + 100);
    expect(fired).toBe(0);
    await clock.advance(0);
    expect(fired).toBe(1);
  });

  it('rethrows a timer callback error from advance()', async () => {
    const clock = new FakeClock();
    clock.setTimeout(() => {
      throw new Error('bad timer');
    }, 1);
    await expect(clock.advance(5)).rejects.toThrow('bad timer');
  });
});
