import { describe, expect, it } from 'vitest';
import { DISALLOW_FLAGS } from '../../../dev/simulator/player-state.ts';
import {
  contentSimulatorPerTest,
  disallowed,
  expectRefusal,
  playerBody,
  playOut,
  trackNamed,
  type ContentContext,
} from './content-helpers.ts';

const morningCommute = (ctx: ContentContext) => {
  const playlist = ctx.sim.player.playlists()[0];
  if (!playlist) throw new Error('no playlist');
  return playlist;
};

/** Plays Morning Commute's first track out so that (with an ad every track) an ad is playing. */
async function untilAd(ctx: ContentContext): Promise<void> {
  ctx.sim.player.externalPlay({ contextUri: `spotify:playlist:${morningCommute(ctx).id}` });
  await playOut(ctx);
  expect((await playerBody(ctx)).currently_playing_type).toBe('ad');
}

/** Every command and the flag that refuses it (a flag set → 403). */
const COMMANDS: [string, string, string, unknown?][] = [
  ['skipping_next', 'POST', '/me/player/next'],
  ['skipping_prev', 'POST', '/me/player/previous'],
  ['seeking', 'PUT', '/me/player/seek?position_ms=1000'],
  ['toggling_shuffle', 'PUT', '/me/player/shuffle?state=true'],
  ['toggling_repeat_track', 'PUT', '/me/player/repeat?state=track'],
  ['toggling_repeat_context', 'PUT', '/me/player/repeat?state=context'],
];

describe('realistic profile: actions.disallows', () => {
  const ctx = contentSimulatorPerTest('realistic', { adEveryTracks: 1 });

  it('sets pausing while paused and resuming while playing', async () => {
    expect(await disallowed(ctx)).toContain('pausing');
    expect(await disallowed(ctx)).not.toContain('resuming');
    ctx.sim.player.externalResume();
    expect(await disallowed(ctx)).toContain('resuming');
    expect(await disallowed(ctx)).not.toContain('pausing');
  });

  it('sets skipping_next and skipping_prev in a one-track context with repeat off, neither with repeat context', async () => {
    ctx.sim.player.externalPlay({ uris: [trackNamed(ctx.sim, 'Aurora')] });
    expect(await disallowed(ctx)).toEqual(['resuming', 'skipping_next', 'skipping_prev']);
    ctx.sim.player.externalRepeat('context');
    expect(await disallowed(ctx)).toEqual(['resuming']);
  });

  it('during an ad disallows seeking, skipping, shuffle, both repeats, interrupting and transferring', async () => {
    await untilAd(ctx);
    const body = await playerBody(ctx);
    expect(body.item).toBeUndefined();
    expect(Object.keys(body.actions.disallows).sort()).toEqual(
      DISALLOW_FLAGS.filter((flag) => flag !== 'pausing').sort(),
    );
  });

  it('during an ad refuses each command whose flag is set with 403 UNKNOWN "Restriction violated"', async () => {
    await untilAd(ctx);
    for (const [flag, method, path] of COMMANDS) {
      const answer = await ctx.api(method, path);
      expectRefusal(answer, 403, 'UNKNOWN');
      expect(answer.text, flag).toContain('Restriction violated');
    }
    expectRefusal(
      await ctx.api('PUT', '/me/player/play', { uris: [trackNamed(ctx.sim, 'Aurora')] }),
      403,
      'UNKNOWN',
    );
    const other = ctx.sim.player.devices().find((d) => d.name === 'Kitchen Speaker')?.id ?? '';
    ctx.sim.player.setDeviceAvailable(other, true);
    expectRefusal(await ctx.api('PUT', '/me/player', { device_ids: [other] }), 403, 'UNKNOWN');
    // Pausing an ad is allowed.
    expect((await ctx.api('PUT', '/me/player/pause')).status).toBe(204);
  });

  it('sets toggling_shuffle for a podcast episode and refuses shuffle there', async () => {
    const episode = morningCommute(ctx).itemUris.find((uri) => uri.startsWith('spotify:episode:'));
    ctx.sim.player.externalPlay({ uris: [episode ?? ''] });
    expect(await disallowed(ctx)).toContain('toggling_shuffle');
    expectRefusal(await ctx.api('PUT', '/me/player/shuffle?state=true'), 403, 'UNKNOWN');
  });

  it('reports every one of the 10 DisallowsObject flags in some state', async () => {
    const seen = new Set<string>(await disallowed(ctx));
    ctx.sim.player.externalResume();
    for (const flag of await disallowed(ctx)) seen.add(flag);
    await untilAd(ctx);
    for (const flag of await disallowed(ctx)) seen.add(flag);
    expect([...seen].sort()).toEqual([...DISALLOW_FLAGS].sort());
  });
});

describe('realistic profile with enforceDisallows off', () => {
  const ctx = contentSimulatorPerTest('realistic', { adEveryTracks: 1, enforceDisallows: false });

  it('reports the flags but carries out the commands: next skips the ad', async () => {
    await untilAd(ctx);
    expect(await disallowed(ctx)).toContain('skipping_next');
    expect((await ctx.api('PUT', '/me/player/seek?position_ms=1000')).status).toBe(204);
    expect((await ctx.api('POST', '/me/player/next')).status).toBe(204);
    const body = await playerBody(ctx);
    expect(body.currently_playing_type).toBe('track');
    expect(body.item?.uri).toBe(morningCommute(ctx).itemUris[1]);
  });
});

describe('lenient profile: disallows as before', () => {
  const ctx = contentSimulatorPerTest('lenient');

  it('sets only pausing/resuming and the skips, and refuses nothing but the ends', async () => {
    expect(await disallowed(ctx)).toEqual(['pausing', 'skipping_prev']);
    ctx.sim.player.externalPlay({ uris: [trackNamed(ctx.sim, 'Aurora')] });
    expect(await disallowed(ctx)).toEqual(['resuming', 'skipping_next', 'skipping_prev']);
    expect((await ctx.api('PUT', '/me/player/shuffle?state=true')).status).toBe(204);
    expect((await ctx.api('PUT', '/me/player/repeat?state=track')).status).toBe(204);
    expect((await ctx.api('PUT', '/me/player/seek?position_ms=1000')).status).toBe(204);
  });

  it('plays no ad, however many tracks end', async () => {
    ctx.sim.player.externalPlay({ contextUri: `spotify:playlist:${morningCommute(ctx).id}` });
    for (let i = 0; i < 8; i++) {
      await playOut(ctx);
      expect((await playerBody(ctx)).currently_playing_type).toBe('track');
    }
  });
});
