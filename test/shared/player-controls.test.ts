import { describe, expect, it } from 'vitest';
import type { PlayerItem, PlayerSnapshot } from '../../src/shared/player.ts';
import { USER_MESSAGES } from '../../src/shared/messages.ts';
import {
  controlState,
  isLoading,
  LOCAL_CONTROLS,
  PLACEHOLDER_URIS,
  shownItem,
  type PlayerControl,
} from '../../src/shared/player-controls.ts';
import { LAPTOP, localSnapshot, playingSnapshot, SONG } from '../support/player-snapshot.ts';

const TRACK: PlayerItem = { ...SONG, artists: ['Ann', 'Bob'], artUrl: 'https://i.scdn.co/image/x' };
const AD: PlayerItem = {
  ...TRACK,
  uri: 'spotify:ad',
  id: null,
  type: 'ad',
  name: 'Advertisement',
  artists: [],
  album: null,
  artUrl: null,
  durationMs: 30_000,
};
const UNSUPPORTED: PlayerItem = {
  ...AD,
  uri: 'spotify:unsupported',
  type: 'unsupported',
  name: 'Unsupported item',
  durationMs: 0,
};
const EPISODE: PlayerItem = {
  ...TRACK,
  uri: 'spotify:episode:e1',
  id: 'e1',
  type: 'episode',
  name: 'Episode 12',
  artists: ['The Pocket Almanac'],
  album: 'The Pocket Almanac',
};

/** TRACK playing on the active laptop. */
const snapshot = (patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot =>
  playingSnapshot({ item: TRACK, device: LAPTOP, ...patch });

const ALL: PlayerControl[] = [
  'playPause',
  'previous',
  'next',
  'seek',
  'shuffle',
  'repeat',
  'like',
  'addToPlaylist',
  'transfer',
];

describe('shownItem', () => {
  it('a track: its name and artists; an episode: its name and the show', () => {
    expect(shownItem(snapshot())).toEqual({ kind: 'track', title: 'Song', subtitle: 'Ann, Bob' });
    expect(shownItem(snapshot({ item: { ...TRACK, artists: [] } })).subtitle).toBe('Unknown artist');
    expect(shownItem(snapshot({ item: EPISODE }))).toEqual({
      kind: 'episode',
      title: 'Episode 12',
      subtitle: 'The Pocket Almanac',
    });
  });

  it('an ad is "Advertisement"; an unsupported item is "Unsupported item", with Spotify\'s name if any', () => {
    expect(shownItem(snapshot({ item: AD }))).toMatchObject({ kind: 'ad', title: 'Advertisement' });
    expect(shownItem(snapshot({ item: UNSUPPORTED }))).toEqual({
      kind: 'unsupported',
      title: 'Unsupported item',
      subtitle: null,
    });
    expect(shownItem(snapshot({ item: { ...UNSUPPORTED, name: 'Chapter 1' } })).subtitle).toBe('Chapter 1');
  });

  it('no item while a device plays or a skip is on its way: loading, not "Nothing playing"', () => {
    expect(shownItem(snapshot({ item: null }))).toMatchObject({ kind: 'loading', title: 'Loading…' });
    const skipping = snapshot({ item: null, isPlaying: false, pending: [{ id: 1, kind: 'previous' }] });
    expect(isLoading(skipping)).toBe(true);
    // Paused with nothing loaded, or no device at all: nothing playing.
    expect(shownItem(snapshot({ item: null, isPlaying: false })).kind).toBe('nothing');
    expect(shownItem(snapshot({ item: null, device: null, isPlaying: false })).title).toBe('Nothing playing');
  });
});

describe('controlState', () => {
  it('a track with nothing disallowed: every control works, with no reason', () => {
    for (const control of ALL)
      expect([control, controlState(snapshot(), control)]).toEqual([
        control,
        { enabled: true, reason: null },
      ]);
  });

  it('each disallows flag disables its control, with a reason, and nothing else', () => {
    const cases: [string, PlayerControl, Partial<PlayerSnapshot>][] = [
      ['pausing', 'playPause', { isPlaying: true }],
      ['resuming', 'playPause', { isPlaying: false }],
      ['skipping_next', 'next', {}],
      ['skipping_prev', 'previous', {}],
      ['seeking', 'seek', {}],
      ['toggling_shuffle', 'shuffle', {}],
      ['toggling_repeat_context', 'repeat', { repeat: 'off' }],
      ['toggling_repeat_track', 'repeat', { repeat: 'context' }],
      ['toggling_repeat_track', 'repeat', { repeat: 'track' }],
      ['transferring_playback', 'transfer', {}],
    ];
    for (const [flag, control, patch] of cases) {
      const state = snapshot({ ...patch, disallows: [flag] });
      const result = controlState(state, control);
      expect([flag, control, result.enabled]).toEqual([flag, control, false]);
      expect(result.reason).toMatch(/^Spotify does not allow .+ right now\.$/);
      for (const other of ALL.filter((c) => c !== control)) {
        expect([flag, other, controlState(state, other).enabled]).toEqual([flag, other, true]);
      }
    }
  });

  it('the flag of the press it would make: playing with resuming disallowed can still pause', () => {
    expect(controlState(snapshot({ isPlaying: true, disallows: ['resuming'] }), 'playPause').enabled).toBe(
      true,
    );
    expect(
      controlState(snapshot({ repeat: 'off', disallows: ['toggling_repeat_track'] }), 'repeat').enabled,
    ).toBe(true);
  });

  it('an ad: no Like, no add-to-playlist, no seek; next and previous as Spotify says', () => {
    const ad = snapshot({
      item: AD,
      disallows: ['skipping_next', 'skipping_prev', 'seeking', 'toggling_shuffle'],
    });
    expect(controlState(ad, 'like')).toEqual({ enabled: false, reason: 'Ads cannot be liked.' });
    expect(controlState(ad, 'addToPlaylist')).toEqual({
      enabled: false,
      reason: 'Ads cannot be added to a playlist.',
    });
    expect(controlState(ad, 'seek').reason).toBe('Spotify does not allow seeking during an ad.');
    expect(controlState(ad, 'next').reason).toBe(
      'Spotify does not allow skipping to the next item during an ad.',
    );
    expect(controlState(ad, 'playPause').enabled).toBe(true);
    // An ad without the flags (Spotify did not send them): next is Spotify's call, seeking still is not.
    const bare = snapshot({ item: AD });
    expect(controlState(bare, 'next').enabled).toBe(true);
    expect(controlState(bare, 'seek').enabled).toBe(false);
  });

  it('an unsupported item: the transport works; Like, add-to-playlist and a seek of unknown length do not', () => {
    const item = snapshot({ item: UNSUPPORTED });
    for (const control of ['playPause', 'next', 'previous', 'shuffle', 'repeat', 'transfer'] as const)
      expect([control, controlState(item, control).enabled]).toEqual([control, true]);
    expect(controlState(item, 'like').reason).toBe('This item cannot be liked from Traytune.');
    expect(controlState(item, 'addToPlaylist').enabled).toBe(false);
    expect(controlState(item, 'seek').reason).toMatch(/how long/);
  });

  it('never offers a placeholder URI or a local file to a playlist', () => {
    for (const uri of PLACEHOLDER_URIS) {
      expect(controlState(snapshot({ item: { ...TRACK, uri } }), 'addToPlaylist').enabled).toBe(false);
    }
    const local = { ...TRACK, uri: 'spotify:local:A:B:C:180', id: null };
    expect(controlState(snapshot({ item: { ...local, isLocal: true } }), 'addToPlaylist').enabled).toBe(
      false,
    );
    expect(controlState(snapshot({ item: local }), 'addToPlaylist').enabled).toBe(false);
    expect(controlState(snapshot({ item: { ...local, isLocal: true } }), 'like').reason).toBe(
      'Local files cannot be liked.',
    );
    expect(controlState(snapshot({ item: EPISODE }), 'addToPlaylist').enabled).toBe(true);
  });

  it('while the next item loads: Like, add and seek wait with a calm reason; next and previous stay', () => {
    const loading = snapshot({ item: null });
    for (const control of ['like', 'addToPlaylist', 'seek'] as const)
      expect(controlState(loading, control)).toEqual({
        enabled: false,
        reason: 'The next item is still loading.',
      });
    expect(controlState(loading, 'next').enabled).toBe(true);
    expect(controlState(snapshot({ item: null, device: null, isPlaying: false }), 'like').reason).toMatch(
      /Nothing is playing/,
    );
  });
});

describe('local mode (no account, Spotify running on this computer)', () => {
  /** TRACK in local mode. */
  const local = (patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot =>
    localSnapshot({ item: TRACK, ...patch });

  it('play/pause, previous and next work; everything else needs an account, and says so', () => {
    expect([...LOCAL_CONTROLS].sort()).toEqual(['next', 'playPause', 'previous']);
    for (const control of ALL) {
      const expected = LOCAL_CONTROLS.has(control)
        ? { enabled: true, reason: null }
        : { enabled: false, reason: USER_MESSAGES.needsAccount };
      expect([control, controlState(local(), control)]).toEqual([control, expected]);
    }
  });

  it('the local player’s own refusals still hold for the transport', () => {
    expect(controlState(local({ disallows: ['skipping_next'] }), 'next').enabled).toBe(false);
    expect(controlState(local({ disallows: ['skipping_next'] }), 'previous').enabled).toBe(true);
    // What needs an account says that, whatever else is in the way.
    expect(controlState(local({ item: AD }), 'like').reason).toBe(USER_MESSAGES.needsAccount);
  });

  it('nothing loaded: the hint does not point to Liked, which needs an account', () => {
    const stopped = local({ item: null, isPlaying: false });
    expect(shownItem(stopped)).toEqual({
      kind: 'nothing',
      title: 'Nothing playing',
      subtitle: 'Start something in Spotify.',
    });
    expect(shownItem(snapshot({ item: null, device: null, isPlaying: false })).subtitle).toMatch(/Liked/);
  });
});
