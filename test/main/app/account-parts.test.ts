import { describe, expect, it } from 'vitest';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import { RECONNECT_WARNING_MS, ReconnectWarning } from '../../../src/main/app/account/reconnect-warning.ts';
import { SessionCache } from '../../../src/main/app/account/session-cache.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const GRANT: StoredGrant = { clientId: 'c', refreshToken: 'r1', scopes: [], authorizedAt: 0 };

describe('SessionCache', () => {
  it('passes through until detached; then saves and clears nothing, and still reads', async () => {
    const inner = new MemoryTokenCache();
    const view = new SessionCache(inner);
    await view.save(GRANT);
    expect(await inner.load()).toEqual(GRANT);

    view.detach();
    await view.clear();
    expect(await inner.load()).toEqual(GRANT);
    await view.save({ ...GRANT, refreshToken: 'r2' });
    expect((await inner.load())?.refreshToken).toBe('r1');
    expect(await view.load()).toEqual(GRANT);
  });
});

describe('ReconnectWarning', () => {
  it('is null until 14 days before the end, then the end; longer waits than a timer allows are chained', async () => {
    const clock = new FakeClock();
    const seen: (number | null)[] = [];
    const warning = new ReconnectWarning({ clock, scheduler: clock, onChange: (at) => seen.push(at) });
    // Far beyond setTimeout's ~24.8-day maximum.
    const expiresAt = clock.now() + 180 * 24 * 3_600_000;
    warning.watch(expiresAt);
    expect(seen).toEqual([null]);

    await clock.advance(expiresAt - RECONNECT_WARNING_MS - clock.now() - 1);
    expect(seen.at(-1)).toBeNull();
    await clock.advance(1);
    expect(seen.at(-1)).toBe(expiresAt);
    expect(clock.pending).toBe(0);
  });

  it('shows the end at once inside the period, and stop() cancels the timer', async () => {
    const clock = new FakeClock();
    const seen: (number | null)[] = [];
    const warning = new ReconnectWarning({ clock, scheduler: clock, onChange: (at) => seen.push(at) });
    warning.watch(clock.now() + RECONNECT_WARNING_MS - 1);
    expect(seen).toEqual([clock.now() + RECONNECT_WARNING_MS - 1]);

    warning.watch(clock.now() + 2 * RECONNECT_WARNING_MS);
    expect(clock.pending).toBe(1);
    warning.stop();
    expect(clock.pending).toBe(0);
    await clock.advance(2 * RECONNECT_WARNING_MS);
    expect(seen.at(-1)).toBeNull();
  });
});
