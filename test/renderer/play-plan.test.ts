import { describe, expect, it } from 'vitest';
import type { RecentPlay } from '../../src/shared/library.ts';
import {
  LOCAL_NOT_PLAYABLE,
  NOT_PLAYABLE,
  PLAYS_ON_ITS_OWN,
  planNote,
  planPlay,
  planRecent,
} from '../../src/renderer/components/play-plan.ts';
import { libraryTrack } from '../support/player-snapshot.ts';

const episode = libraryTrack({ uri: 'spotify:episode:ep1', type: 'episode' });
const local = libraryTrack({ uri: 'spotify:local:A:B:Title:200', isLocal: true, link: null });
const PLAYLIST = 'spotify:playlist:pl1';

describe('planPlay', () => {
  it('plays a Liked song in the Liked Songs context from itself', () => {
    expect(planPlay(libraryTrack(), 'liked', 4)).toEqual({
      kind: 'context',
      input: { context: 'liked', offset: { uri: 'spotify:track:abc' } },
    });
  });

  it('plays a playlist or album row in that context, a local file by its position', () => {
    expect(planPlay(libraryTrack(), PLAYLIST, 2)).toEqual({
      kind: 'context',
      input: { context: PLAYLIST, offset: { uri: 'spotify:track:abc' } },
    });
    expect(planPlay(episode, PLAYLIST, 3)).toEqual({
      kind: 'context',
      input: { context: PLAYLIST, offset: { uri: 'spotify:episode:ep1' } },
    });
    expect(planPlay(local, PLAYLIST, 7)).toEqual({
      kind: 'context',
      input: { context: PLAYLIST, offset: { position: 7 } },
    });
  });

  it('plays alone where there is no context, or an artist (which takes no offset)', () => {
    expect(planPlay(libraryTrack(), null, 0)).toEqual({ kind: 'track', uri: 'spotify:track:abc' });
    expect(planPlay(libraryTrack(), 'spotify:artist:ar1', 0)).toEqual({
      kind: 'track',
      uri: 'spotify:track:abc',
    });
    // Liked Songs holds no episodes: one found there plays on its own.
    expect(planPlay(episode, 'liked', 0)).toEqual({ kind: 'track', uri: 'spotify:episode:ep1' });
  });

  it('does not play what Spotify cannot play here, nor a local file outside its playlist', () => {
    expect(planPlay(libraryTrack({ playable: false }), PLAYLIST, 0)).toEqual({
      kind: 'none',
      reason: NOT_PLAYABLE,
    });
    expect(planPlay(local, null, 0)).toEqual({ kind: 'none', reason: LOCAL_NOT_PLAYABLE });
  });
});

describe('planRecent', () => {
  const play = (contextUri: string | null): RecentPlay => ({
    track: libraryTrack(),
    playedAt: 0,
    contextUri,
  });

  it('plays again in the album, playlist or Liked Songs it was played from', () => {
    expect(planRecent(play('spotify:album:al1'))).toEqual({
      kind: 'context',
      input: { context: 'spotify:album:al1', offset: { uri: 'spotify:track:abc' } },
    });
    expect(planRecent(play('spotify:user:someone:collection'))).toMatchObject({
      kind: 'context',
      input: { context: 'liked' },
    });
  });

  it('plays alone without a context, or with one it cannot name', () => {
    expect(planRecent(play(null))).toEqual({ kind: 'track', uri: 'spotify:track:abc' });
    expect(planRecent(play('spotify:artist:ar1'))).toEqual({ kind: 'track', uri: 'spotify:track:abc' });
    expect(planRecent(play('spotify:station:x'))).toEqual({ kind: 'track', uri: 'spotify:track:abc' });
  });
});

describe('planNote', () => {
  it('says why a row does not play, and when an episode plays on its own', () => {
    expect(
      planNote(libraryTrack({ playable: false }), planPlay(libraryTrack({ playable: false }), null, 0)),
    ).toBe(NOT_PLAYABLE);
    expect(planNote(episode, planPlay(episode, null, 0))).toBe(PLAYS_ON_ITS_OWN);
    expect(planNote(episode, planPlay(episode, PLAYLIST, 0))).toBeNull();
    expect(planNote(libraryTrack(), planPlay(libraryTrack(), null, 0))).toBeNull();
  });
});
