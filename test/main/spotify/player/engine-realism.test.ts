/**
 * The engine under Spotify's real behaviour (issue 9, section 2): lagging reads, redundant-command
 * refusals, items it cannot show, a request budget, and users who look at the player now and then.
 * The simulator is the real part; its realism settings switch one behaviour on at a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SYNC_POLICY,
  type RequestBudgetView,
} from '../../../../src/main/spotify/player/sync-policy.ts';
import {
  CONTAINS,
  MINUTE,
  PLAYER,
  reversals,
  shown,
  startPlayer,
  type HarnessOptions,
  type PlayerHarness,
} from './harness.ts';

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Lenient content, only stale reads on: every read within 200–1500 ms of a command shows the state before it. */
function staleReads(seed: number, minMs = 200, maxMs = 1_500): HarnessOptions['sim'] {
  return {
    profile: 'lenient',
    randomSeed: seed,
    realism: { traffic: { staleReadMinMs: minMs, staleReadMaxMs: maxMs } },
  };
}

/** A budget the test moves by hand. */
function fakeBudget(used: number, slotAt: (now: number) => number = (now) => now) {
  const budget = {
    used,
    asked: 0,
    dayUsedFraction: () => {
      budget.asked++;
      return budget.used;
    },
    nextBackgroundSlot: slotAt,
  };
  return budget satisfies RequestBudgetView;
}

const playing = (sim: PlayerHarness['sim']) => sim.player.externalResume();

describe('no flicker: an own command holds until a read confirms it', () => {
  it.each([1, 2, 3, 4])(
    'stale reads (seed %i): pause, volume, shuffle and next never revert the view',
    async (seed) => {
      h = await startPlayer({ sim: staleReads(seed), engine: { visible: true }, before: playing });
      const from = h.snapshots.length;
      const first = h.engine.getSnapshot().item!.uri;

      expect(await h.engine.pause()).toEqual({ ok: true });
      await h.clock.advance(4_000);
      expect(await h.engine.setVolume(20)).toEqual({ ok: true });
      await h.clock.advance(4_000);
      expect(await h.engine.setShuffle(true)).toEqual({ ok: true });
      await h.clock.advance(4_000);
      expect(await h.engine.next()).toEqual({ ok: true });
      await h.clock.advance(4_000);

      expect(reversals(shown(h, from, (s) => s.isPlaying))).toBe(0);
      expect(reversals(shown(h, from, (s) => s.volumePercent))).toBe(0);
      expect(reversals(shown(h, from, (s) => s.shuffle))).toBe(0);
      // The item: old → unknown while skipping → new; never back to the old one.
      const items = shown(h, from, (s) => s.item?.uri ?? null);
      expect(items.slice(items.lastIndexOf(null) + 1)).not.toContain(first);
      expect(reversals(items)).toBe(0);
      // And it ends where Spotify is.
      const sim = h.sim.player.snapshot();
      expect(h.engine.getSnapshot()).toMatchObject({ volumePercent: 20, shuffle: true, pending: [] });
      expect(h.engine.getSnapshot().item?.uri).toBe(sim.itemUri);
      expect(h.engine.getSnapshot().isPlaying).toBe(sim.isPlaying);
    },
  );

  it('a stale read after a command is followed by one read after the settle deadline', async () => {
    // Every read within 1.8 s of a command is stale: the read 1.5 s after it is, the one at 2 s is not.
    h = await startPlayer({ sim: staleReads(1, 1_800, 1_800), before: playing });
    h.sim.requests.reset();
    await h.engine.pause();
    await h.clock.advance(1_700);
    expect(h.count(PLAYER, 'GET')).toBe(1); // the stale one
    expect(h.engine.getSnapshot().isPlaying).toBe(false); // held
    await h.clock.advance(2_000);
    expect(h.count(PLAYER, 'GET')).toBe(2); // at the deadline
    expect(h.engine.getSnapshot().isPlaying).toBe(false);
    await h.clock.advance(20_000);
    expect(h.count(PLAYER, 'GET')).toBe(2); // hidden + paused: nothing more soon
  });

  it('a stale read after a transfer leaves the chosen device active in the device list', async () => {
    // Every read within 1.8 s of a command shows the state before it: the read after the transfer is stale.
    h = await startPlayer({ sim: staleReads(1, 1_800, 1_800), engine: { visible: true }, before: playing });
    await h.engine.refreshDevices();
    const from = h.snapshots.length;
    const kitchen = h.sim.player.devices().find((device) => device.name === 'Kitchen Speaker')!;
    expect(h.engine.getSnapshot().device?.id).not.toBe(kitchen.id);

    expect(await h.engine.transferTo(kitchen.id)).toEqual({ ok: true });
    await h.clock.advance(DEFAULT_SYNC_POLICY.postCommandReadMs + 100); // the stale read has come
    expect(h.count(PLAYER, 'GET')).toBeGreaterThan(0);
    const activeInList = (s: PlayerHarness['snapshots'][number]) =>
      s.devices.find((device) => device.isActive)?.id ?? null;
    expect(activeInList(h.engine.getSnapshot())).toBe(kitchen.id);
    await h.clock.advance(4_000);
    expect(reversals(shown(h, from, activeInList))).toBe(0);
    expect(activeInList(h.engine.getSnapshot())).toBe(kitchen.id);
    expect(h.engine.getSnapshot().device?.id).toBe(kitchen.id);
  });

  it('after the settle deadline the read wins: a pause undone on another device shows as playing', async () => {
    h = await startPlayer({ before: playing });
    await h.engine.pause();
    h.sim.player.externalResume(); // the phone resumes at once
    await h.clock.advance(1_700);
    // The read after the command disagrees, but it may just be stale: the pause holds…
    expect(h.engine.getSnapshot().isPlaying).toBe(false);
    await h.clock.advance(2_000);
    // …until the read after the deadline, whose truth wins.
    expect(h.engine.getSnapshot().isPlaying).toBe(true);
    expect(h.engine.getSnapshot().pending).toEqual([]);
  });

  it('Like during an optimistic Next is refused (the next item is not known yet), then likes what shows', async () => {
    h = await startPlayer({ engine: { visible: true }, before: playing });
    const old = h.engine.getSnapshot().item!.uri;
    const likedBefore = [...h.sim.player.likedUris()];
    const skipping = h.engine.next();
    expect(h.engine.getSnapshot().item).toBeNull(); // what comes is not known until read
    const like = await h.engine.toggleLike();
    expect(like).toMatchObject({ ok: false, error: { kind: 'refused', source: 'like' } });
    if (!like.ok) expect(like.error.message).toMatch(/still loading/);
    expect(await skipping).toEqual({ ok: true });
    await h.clock.advance(2_000);
    expect(h.sim.player.likedUris()).toEqual(likedBefore);

    const now = h.engine.getSnapshot().item!.uri;
    expect(now).not.toBe(old);
    const wasLiked = h.engine.getSnapshot().liked;
    expect(typeof wasLiked).toBe('boolean');
    expect(await h.engine.toggleLike()).toEqual({ ok: true });
    expect(h.sim.player.likedUris().includes(now)).toBe(!wasLiked);
    expect(h.sim.player.likedUris().includes(old)).toBe(likedBefore.includes(old));
  });
});

describe('refusals and items Traytune cannot show', () => {
  it('ALREADY_PAUSED counts as success and is reconciled by a read', async () => {
    h = await startPlayer({ before: playing });
    h.sim.setRedundantCommandStyle('reason');
    h.sim.player.externalPause(); // the engine has not seen it
    expect(h.engine.getSnapshot().isPlaying).toBe(true);
    h.sim.requests.reset();
    expect(await h.engine.pause()).toEqual({ ok: true });
    expect(h.sim.requests.entries.find((e) => e.path === `${PLAYER}/pause`)?.status).toBe(403);
    await h.clock.advance(2_000);
    expect(h.count(PLAYER, 'GET')).toBe(1);
    expect(h.engine.getSnapshot()).toMatchObject({ isPlaying: false, error: null, pending: [] });
  });

  it('NOT_PAUSED counts as success and is reconciled by a read', async () => {
    h = await startPlayer();
    h.sim.setRedundantCommandStyle('reason');
    h.sim.player.externalResume();
    h.sim.requests.reset();
    expect(await h.engine.play()).toEqual({ ok: true });
    expect(h.sim.requests.entries.find((e) => e.path === `${PLAYER}/play`)?.status).toBe(403);
    await h.clock.advance(2_000);
    expect(h.count(PLAYER, 'GET')).toBe(1);
    expect(h.engine.getSnapshot()).toMatchObject({ isPlaying: true, error: null });
  });

  it('an item of an unknown type shows as unsupported; the rest of the read is kept; it cannot be liked', async () => {
    h = await startPlayer({ engine: { visible: true } });
    h.sim.player.playUnknownItem('audiobook-chapter');
    h.sim.player.externalVolume(42);
    h.sim.player.externalShuffle(true);
    h.sim.player.externalRepeat('track');
    await h.clock.advance(DEFAULT_SYNC_POLICY.pausedVisibleMs); // the next paused, visible read
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.error).toBeNull();
    expect(snapshot.item).toMatchObject({ type: 'unsupported', id: null, isLocal: false });
    expect(snapshot).toMatchObject({ volumePercent: 42, shuffle: true, repeat: 'track', isPlaying: true });
    expect(snapshot.device?.name).toBe('Traytune Desktop');
    expect(snapshot.progressMs).toBe(h.sim.player.snapshot().progressMs);
    h.sim.requests.reset();
    const like = await h.engine.toggleLike();
    expect(like).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(h.apiCalls()).toEqual([]);
    expect(h.count(CONTAINS)).toBe(0);
  });

  it('an ad shows as an ad, with no liked check', async () => {
    h = await startPlayer({
      engine: { visible: true },
      sim: { profile: 'lenient', realism: { content: { ads: true, adEveryTracks: 1 } } },
      before: (sim) => {
        const uri = sim.player.snapshot().itemUri;
        sim.player.externalSeek(sim.player.catalogue().find((t) => t.uri === uri)!.durationMs - 5_000);
        sim.player.externalResume();
      },
    });
    h.sim.requests.reset();
    await h.clock.advance(7_000);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.item).toMatchObject({ type: 'ad', name: 'Advertisement' });
    expect(snapshot).toMatchObject({ isPlaying: true, error: null, liked: null });
    expect(h.count(CONTAINS)).toBe(0);
    expect(await h.engine.toggleLike()).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });
});

describe('reads spent where the user sees them', () => {
  it('showing the mini-player and opening the tray menu read at once, unless the last read is fresh', async () => {
    h = await startPlayer({ before: playing });
    await h.clock.advance(20_000);
    h.sim.requests.reset();
    h.engine.notifyLooking();
    await h.clock.advance(0);
    expect(h.count(PLAYER, 'GET')).toBe(1);
    h.engine.notifyLooking(); // the menu opened again right away: the read is fresh
    h.engine.setVisible(true);
    await h.clock.advance(0);
    expect(h.count(PLAYER, 'GET')).toBe(1);
    h.engine.setVisible(false);
    await h.clock.advance(5_000);
    h.engine.setVisible(true);
    await h.clock.advance(0);
    expect(h.count(PLAYER, 'GET')).toBe(2);
  });

  it('checks the liked state of a new item only when someone looks', async () => {
    h = await startPlayer({ before: playing });
    await h.clock.advance(20_000); // the start's looking window is over
    h.sim.player.externalSkip();
    h.sim.requests.reset();
    await h.clock.advance(6 * MINUTE); // hidden: the item changes at least once, unseen
    expect(h.count(PLAYER, 'GET')).toBeGreaterThan(0);
    expect(h.count(CONTAINS)).toBe(0);
    expect(h.engine.getSnapshot().liked).toBeNull();
    h.engine.notifyLooking();
    await h.clock.advance(0);
    expect(h.count(CONTAINS)).toBe(1);
    const item = h.engine.getSnapshot().item!;
    expect(h.engine.getSnapshot().liked).toBe(h.sim.player.likedUris().includes(item.uri));
  });

  it('a Like pressed while the liked state is unknown asks Spotify first, then toggles', async () => {
    h = await startPlayer({ before: playing });
    await h.clock.advance(20_000);
    h.sim.player.externalSkip();
    await h.clock.advance(6 * MINUTE);
    const item = h.engine.getSnapshot().item!;
    expect(h.engine.getSnapshot().liked).toBeNull();
    const was = h.sim.player.likedUris().includes(item.uri);
    h.sim.requests.reset();
    expect(await h.engine.toggleLike()).toEqual({ ok: true });
    expect(h.apiCalls()).toEqual([`GET ${CONTAINS}`, `${was ? 'DELETE' : 'PUT'} /v1/me/library`]);
    expect(h.sim.player.likedUris().includes(item.uri)).toBe(!was);
    expect(h.engine.getSnapshot().liked).toBe(!was);
  });

  // One harness per case, and a span that ends between two reads: with 50 min exactly, the 50th
  // read (×1, every 60 s) sat on the very last millisecond, so the count hung on where advance() stops.
  it.each([
    [0.2, 50, '×1 below 50 %: every 60 s'],
    [0.9, 7, '×6.76: every 405 s'],
    [1.1, 1, 'over budget: every 30 minutes'],
  ])(
    'hidden interval reads slow down as the day budget runs low (%f used: %i reads, %s)',
    async (used, reads) => {
      const budget = fakeBudget(used);
      // The paused interval held at 60 s (no stretching with the pause's length): only the budget's.
      h = await startPlayer({ engine: { budget, sync: { pausedHiddenMaxMs: 60_000 } } });
      h.sim.requests.reset();
      // Paused + hidden; 50½ minutes, before the access token expires (its 401 would count twice).
      await h.clock.advance(50 * MINUTE + 30_000);
      expect(h.count(PLAYER, 'GET')).toBe(reads);
      expect(budget.asked).toBeGreaterThan(0);
    },
  );

  it('over budget and hidden: no track-end reads; visible: they go on', async () => {
    const budget = fakeBudget(1.1);
    h = await startPlayer({ engine: { budget }, before: playing });
    h.sim.requests.reset();
    await h.clock.advance(20 * MINUTE);
    expect(h.count(PLAYER, 'GET')).toBe(0);
    h.engine.setVisible(true);
    await h.clock.advance(10 * MINUTE);
    // Visible over budget: every 60 s, plus the prompt read and the track ends.
    expect(h.count(PLAYER, 'GET')).toBeGreaterThanOrEqual(11);
    expect(h.count(PLAYER, 'GET')).toBeLessThanOrEqual(16);
  });

  it('background reads wait for a slot in the rolling window; reads after own commands do not', async () => {
    let slotAt = 0;
    const budget = fakeBudget(0.1, (now) => Math.max(now, slotAt));
    h = await startPlayer({
      engine: { budget },
      before: (sim) => {
        const uri = sim.player.snapshot().itemUri;
        sim.player.externalSeek(sim.player.catalogue().find((t) => t.uri === uri)!.durationMs - 10_000);
        sim.player.externalResume();
      },
    });
    slotAt = h.clock.now() + 40_000;
    h.sim.requests.reset();
    await h.clock.advance(30_000); // the track ended at 10 s: its read waits for the slot
    expect(h.count(PLAYER, 'GET')).toBe(0);
    expect(h.engine.nextReadAt).toBe(slotAt);
    expect(await h.engine.setVolume(30)).toEqual({ ok: true });
    await h.clock.advance(2_000);
    expect(h.count(PLAYER, 'GET')).toBe(1); // the read after the command went out at once
    await h.clock.advance(15_000);
    expect(h.engine.getSnapshot().item?.uri).toBe(h.sim.player.snapshot().itemUri);
  });

  it('tells when the next read is due', async () => {
    h = await startPlayer();
    expect(h.engine.nextReadAt).toBe(h.clock.now() + DEFAULT_SYNC_POLICY.pausedHiddenMs);
    h.engine.setVisible(true);
    await h.clock.advance(0);
    expect(h.engine.nextReadAt).toBe(h.clock.now() + DEFAULT_SYNC_POLICY.pausedVisibleMs);
    h.engine.notifySuspend();
    expect(h.engine.nextReadAt).toBeNull();
  });
});

describe('recovery after an outage', () => {
  it('visible: a read within 15 s of the outage clearing shows it', async () => {
    h = await startPlayer({ engine: { visible: true }, client: { backoff: { maxRetries: 0 } } });
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 503, times: Infinity });
    await h.clock.advance(30 * MINUTE);
    expect(h.engine.getSnapshot().error).toMatchObject({ source: 'sync' });
    h.sim.clearFaults();
    h.sim.player.externalResume();
    await h.clock.advance(15_000);
    expect(h.engine.getSnapshot()).toMatchObject({ error: null, isPlaying: true });
  });

  it('hidden in a long backoff: opening the tray menu reads at once', async () => {
    h = await startPlayer({ client: { backoff: { maxRetries: 0 } } });
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 503, times: Infinity });
    await h.clock.advance(30 * MINUTE); // backoff at its 5-minute cap
    h.sim.clearFaults();
    h.sim.player.externalResume();
    h.engine.notifyLooking();
    await h.clock.advance(0);
    expect(h.engine.getSnapshot()).toMatchObject({ error: null, isPlaying: true });
  });

  it('hidden in a long backoff: showing the mini-player reads at once', async () => {
    h = await startPlayer({ client: { backoff: { maxRetries: 0 } } });
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 503, times: Infinity });
    await h.clock.advance(30 * MINUTE);
    h.sim.clearFaults();
    h.engine.setVisible(true);
    await h.clock.advance(0);
    expect(h.engine.getSnapshot().error).toBeNull();
  });
});
