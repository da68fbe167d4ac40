import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  applyPlayerProperties,
  loopToMpris,
  msToMicros,
  trackFromMetadata,
} from '../../../src/main/local-player/mpris-metadata.ts';
import { knownClientOf, preferredClientName } from '../../../src/main/local-player/mpris-names.ts';

const SPOTIFY_METADATA = {
  'mpris:trackid': '/com/spotify/track/4uLU6hMCjMI75M1A2tKUQC',
  'mpris:length': 213_000_000n,
  'mpris:artUrl': 'https://i.scdn.co/image/ab67616d0000b273abc',
  'xesam:title': 'Never Gonna Give You Up',
  'xesam:artist': ['Rick Astley'],
  'xesam:album': 'Whenever You Need Somebody',
  'xesam:url': 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
};

describe('MPRIS metadata', () => {
  it("reads Spotify's metadata: the open.spotify.com link becomes a spotify: URI, microseconds become ms", () => {
    expect(trackFromMetadata(SPOTIFY_METADATA)).toEqual({
      trackUri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
      title: 'Never Gonna Give You Up',
      artists: ['Rick Astley'],
      album: 'Whenever You Need Somebody',
      artUrl: 'https://i.scdn.co/image/ab67616d0000b273abc',
      durationMs: 213_000,
    });
  });

  it('takes a spotify: url as it is, and falls back to the trackid path when there is no url', () => {
    expect(trackFromMetadata({ 'xesam:url': 'spotify:episode:abc' }).trackUri).toBe('spotify:episode:abc');
    expect(trackFromMetadata({ 'mpris:trackid': '/com/spotify/track/XYZ123' }).trackUri).toBe(
      'spotify:track:XYZ123',
    );
    expect(
      trackFromMetadata({ 'mpris:trackid': '/org/mpris/MediaPlayer2/TrackList/NoTrack' }).trackUri,
    ).toBeNull();
  });

  it('gives nulls and no artists for an empty or odd dictionary, and a number length works too', () => {
    expect(trackFromMetadata({})).toEqual({
      trackUri: null,
      title: null,
      artists: [],
      album: null,
      artUrl: null,
      durationMs: null,
    });
    const odd = trackFromMetadata({
      'xesam:title': '  ',
      'xesam:artist': ['A', 3, ''],
      'mpris:length': 1_500_000,
    });
    expect(odd).toMatchObject({ title: null, artists: ['A'], durationMs: 1500 });
  });

  it('applies status, position, volume, shuffle and loop changes, keeping what did not change', () => {
    const playing = applyPlayerProperties(EMPTY_STATE, {
      PlaybackStatus: 'Playing',
      Metadata: SPOTIFY_METADATA,
      Position: 42_000_000n,
      Volume: 1.4,
      Shuffle: true,
      LoopStatus: 'Playlist',
    });
    expect(playing).toMatchObject({
      status: 'playing',
      title: 'Never Gonna Give You Up',
      positionMs: 42_000,
      volume: 1,
      shuffle: true,
      loop: 'playlist',
    });
    const paused = applyPlayerProperties(playing, { PlaybackStatus: 'Paused', LoopStatus: 'Bogus' });
    expect(paused).toEqual({ ...playing, status: 'paused' });
  });

  it('drops the old position when the track changes, keeps it when the same metadata comes again', () => {
    const at = applyPlayerProperties(EMPTY_STATE, { Metadata: SPOTIFY_METADATA, Position: 5_000_000n });
    expect(applyPlayerProperties(at, { Metadata: SPOTIFY_METADATA }).positionMs).toBe(5000);
    const other = { ...SPOTIFY_METADATA, 'xesam:url': 'https://open.spotify.com/track/other1' };
    expect(applyPlayerProperties(at, { Metadata: other })).toMatchObject({
      trackUri: 'spotify:track:other1',
      positionMs: null,
    });
  });

  it('converts to MPRIS units and names', () => {
    expect(msToMicros(1234.4)).toBe(1_234_000n);
    expect(msToMicros(-5)).toBe(0n);
    expect([loopToMpris('none'), loopToMpris('track'), loopToMpris('playlist')]).toEqual([
      'None',
      'Track',
      'Playlist',
    ]);
  });
});

describe('known MPRIS clients', () => {
  it('knows Spotify exactly and the others with their instance suffixes, and nothing else', () => {
    expect(knownClientOf('org.mpris.MediaPlayer2.spotify')?.kind).toBe('spotify');
    expect(knownClientOf('org.mpris.MediaPlayer2.spotify.instance1')).toBeNull();
    expect(knownClientOf('org.mpris.MediaPlayer2.spotifyd.instance4242')?.kind).toBe('spotifyd');
    expect(knownClientOf('org.mpris.MediaPlayer2.ncspot')?.kind).toBe('ncspot');
    expect(knownClientOf('org.mpris.MediaPlayer2.raspotify')?.kind).toBe('librespot');
    expect(knownClientOf('org.mpris.MediaPlayer2.vlc')).toBeNull();
    expect(knownClientOf('org.mpris.MediaPlayer2.spotifydx')).toBeNull();
  });

  it('prefers the Spotify client over the alternatives, and ignores other players', () => {
    expect(
      preferredClientName([
        'org.mpris.MediaPlayer2.vlc',
        'org.mpris.MediaPlayer2.ncspot',
        'org.mpris.MediaPlayer2.spotify',
      ]),
    ).toBe('org.mpris.MediaPlayer2.spotify');
    expect(preferredClientName(['org.mpris.MediaPlayer2.vlc'])).toBeNull();
  });
});
