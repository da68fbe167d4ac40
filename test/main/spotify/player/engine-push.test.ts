/**
 * The local player as the engine's push channel (issue 11 §2), against the simulator. The local player
 * here is the simulator's own state, reported the way the app's bridge link reports MPRIS (no position,
 * as Spotify's MPRIS): the bridge itself is tested on a real bus in test/main/local-player and end to end
 * in test/main/app/local-player.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../../dev/simulator/index.ts';
import type { LocalReport } from '../../../../src/main/spotify/player/index.ts';
import { CONTAINS, MINUTE, PLAYER, startPlayer, type PlayerHarness } from './harness.ts';

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** What the computer's Spotify client would report of the simulator's playback now. */
function localReportOf(sim: Simulator): LocalReport {
  const state = sim.player.snapshot();
  const track = sim.player.catalogue().find((t) => t.uri === state.itemUri);
  return {
    item:
      track === undefined
        ? null
        : {
            uri: track.uri,
            id: track.uri.split(':')[2] ?? null,
            type: 'track',
            name: track.name,
            artists: [],
            album: null,
            artUrl: null,
            durationMs: track.durationMs,
            isLocal: false,
          },
    isPlaying: state.isPlaying,
    positionMs: null,
  };
}

/** Advances `ms` in steps of one second, reporting the simulator's state after each (as MPRIS would). */
async function playFor(h: PlayerHarness, ms: number, report = true): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    await h.clock.advance(Math.min(1_000, left));
    if (report) h.engine.localPlayer(localReportOf(h.sim));
  }
}

/** A hidden, playing engine whose local player has been found to agree with the Web API. */
async function pushing(): Promise<PlayerHarness> {
  const harness = await startPlayer({
    before: (sim) => {
      sim.player.externalRepeat('context');
      sim.player.externalResume();
    },
    start: false,
  });
  harness.engine.localPlayer(localReportOf(harness.sim));
  await harness.engine.start(); // the first read agrees with the report
  expect(harness.engine.pushActive).toBe(true);
  // Past the few seconds after the start in which a new item's liked state is checked even while hidden.
  await playFor(harness, 15_000);
  harness.sim.requests.reset();
  return harness;
}

describe('PlayerEngine with the local player as push channel', () => {
  it('finds the local device when a read agrees with a playing report, with one prompt read', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    expect(h.engine.pushActive).toBe(false);
    h.sim.requests.reset();
    h.engine.localPlayer(localReportOf(h.sim));
    await h.clock.advance(2_000);
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
    expect(h.engine.pushActive).toBe(true);
  });

  it('does not take a paused client on the same track for the device that plays', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    h.engine.localPlayer({ ...localReportOf(h.sim), isPlaying: false });
    await h.clock.advance(5_000);
    expect(h.engine.pushActive).toBe(false);
  });

  it('does not take a client playing something else for the active device', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    const other = h.sim.player.catalogue().find((t) => t.uri !== h!.sim.player.snapshot().itemUri)!;
    const report = localReportOf(h.sim);
    h.engine.localPlayer({ ...report, item: { ...report.item!, uri: other.uri } });
    await h.clock.advance(5_000);
    expect(h.engine.pushActive).toBe(false);
  });

  it('spends no request on track changes, skips and pauses while the local player pushes them', async () => {
    h = await pushing();
    const sim = h.sim;
    sim.player.externalSkip();
    h.engine.localPlayer(localReportOf(sim));
    // Shown at once, from the report alone.
    expect(h.engine.getSnapshot().item?.uri).toBe(sim.player.snapshot().itemUri);
    sim.player.externalPause();
    h.engine.localPlayer(localReportOf(sim));
    expect(h.engine.getSnapshot().isPlaying).toBe(false);
    sim.player.externalResume();
    h.engine.localPlayer(localReportOf(sim));
    expect(h.engine.getSnapshot().isPlaying).toBe(true);
    await playFor(h, 20 * MINUTE); // several natural track changes, each reported
    expect(h.engine.getSnapshot().item?.uri).toBe(sim.player.snapshot().itemUri);
    expect(h.apiCalls()).toEqual([]);
    expect(h.engine.pushActive).toBe(true);
  });

  it('keeps one read every half hour for what the local player does not report', async () => {
    h = await pushing();
    await playFor(h, 60 * MINUTE);
    const reads = h.sim.requests.entries.filter((e) => e.path === PLAYER && e.status === 200);
    expect(reads.map((e) => e.at - reads[0]!.at)).toEqual([0, 30 * MINUTE]);
    expect(h.engine.pushActive).toBe(true);
  });

  it('checks the liked state of a reported new item where someone looks, with no player read', async () => {
    h = await pushing();
    h.engine.setVisible(true);
    await h.clock.advance(100);
    h.sim.requests.reset();
    h.sim.player.externalSkip();
    h.engine.localPlayer(localReportOf(h.sim));
    await h.clock.advance(100);
    expect(h.apiCalls()).toEqual([`GET ${CONTAINS}`]);
    expect(h.engine.getSnapshot().liked).not.toBeNull();
  });

  it('checks the liked state of a track reported while hidden once the window is shown', async () => {
    h = await pushing();
    h.sim.player.externalSkip();
    h.engine.localPlayer(localReportOf(h.sim));
    expect(h.apiCalls()).toEqual([]); // hidden: nobody looks
    h.engine.setVisible(true);
    await h.clock.advance(100);
    expect(h.apiCalls()).toEqual([`GET ${CONTAINS}`]);
    expect(h.engine.getSnapshot().liked).not.toBeNull();
  });

  it('goes back to polling when the local player goes quiet: the track-end read disagrees', async () => {
    h = await pushing();
    await playFor(h, 30 * MINUTE, false); // the reports stop; the simulator plays on
    expect(h.engine.pushActive).toBe(false);
    // Back to the normal track-end reads: the snapshot follows the simulator again.
    expect(h.engine.getSnapshot().item?.uri).toBe(h.sim.player.snapshot().itemUri);
    expect(h.count(PLAYER, 'GET')).toBeGreaterThan(3);
  });

  it('goes back to polling when the local player quits, with one prompt read', async () => {
    h = await pushing();
    h.engine.localPlayer(null);
    expect(h.engine.pushActive).toBe(false);
    await h.clock.advance(1_500);
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
  });

  it('goes back to polling when playback moves to another device', async () => {
    h = await pushing();
    const phone = h.sim.player.devices().find((device) => device.type === 'Smartphone')!;
    const result = await h.engine.transferTo(phone.id);
    expect(result.ok).toBe(true);
    await h.clock.advance(3_000);
    expect(h.engine.pushActive).toBe(false);
  });

  it('needs no read after own play/pause and skips that the local player reports', async () => {
    h = await pushing();
    expect((await h.engine.next()).ok).toBe(true);
    h.engine.localPlayer(localReportOf(h.sim)); // the client announces the track Spotify moved to
    expect((await h.engine.pause()).ok).toBe(true);
    h.engine.localPlayer(localReportOf(h.sim));
    await h.clock.advance(10_000);
    expect(h.apiCalls()).toEqual([`POST ${PLAYER}/next`, `PUT ${PLAYER}/pause`]);
    expect(h.engine.getSnapshot()).toMatchObject({
      item: { uri: h.sim.player.snapshot().itemUri },
      isPlaying: false,
      pending: [],
    });
  });

  it('still reads once the settle time is up when no report confirms an own command', async () => {
    h = await pushing();
    expect((await h.engine.next()).ok).toBe(true);
    await h.clock.advance(10_000);
    expect(h.apiCalls()).toEqual([`POST ${PLAYER}/next`, `GET ${PLAYER}`]);
    expect(h.engine.getSnapshot().item?.uri).toBe(h.sim.player.snapshot().itemUri);
  });

  it('reads after own commands the local player does not report (volume), as ever', async () => {
    h = await pushing();
    expect((await h.engine.setVolume(20)).ok).toBe(true);
    await h.clock.advance(3_000);
    expect(h.apiCalls()).toEqual([`PUT ${PLAYER}/volume`, `GET ${PLAYER}`]);
  });

  it('spends one read per new item, not per position, while a playing client does not agree', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    const other = h.sim.player.catalogue().find((t) => t.uri !== h!.sim.player.snapshot().itemUri)!;
    const report = localReportOf(h.sim);
    const elsewhere = { ...report, item: { ...report.item!, uri: other.uri } };
    h.sim.requests.reset();
    // A polled client (macOS) reports its position every second.
    for (let second = 0; second < 60; second++) {
      h.engine.localPlayer({ ...elsewhere, positionMs: second * 1_000 });
      await h.clock.advance(1_000);
    }
    expect(h.count(PLAYER, 'GET')).toBe(1);
    expect(h.engine.pushActive).toBe(false);
  });

  it('ignores reports while it is not found to agree (a paused client, not the active device)', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    const report = { ...localReportOf(h.sim), isPlaying: false };
    h.engine.localPlayer(report);
    expect(h.engine.getSnapshot().isPlaying).toBe(true);
  });
});
