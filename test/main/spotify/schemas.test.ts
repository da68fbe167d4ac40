import { describe, expect, it } from 'vitest';
import {
  PlaybackStateSchema,
  PlaylistsPageSchema,
  QueueSchema,
  UserSchema,
} from '../../../src/main/spotify/schemas.ts';

const track = {
  type: 'track',
  id: 't1',
  uri: 'spotify:track:t1',
  name: 'Song',
  duration_ms: 200_000,
  artists: [{ id: 'a1', name: 'Artist', uri: 'spotify:artist:a1' }],
  album: {
    id: 'al1',
    name: 'Album',
    uri: 'spotify:album:al1',
    images: [{ url: 'https://i/1', height: 64, width: 64 }],
  },
  popularity: 50,
};

const device = {
  id: 'd1',
  is_active: true,
  is_private_session: false,
  is_restricted: false,
  name: 'Laptop',
  type: 'Computer',
  volume_percent: 40,
  supports_volume: true,
};

describe('response schemas', () => {
  it('normalises a playback state: nulls, defaults, both shapes of actions', () => {
    const base = {
      device,
      repeat_state: 'off',
      shuffle_state: false,
      context: null,
      timestamp: 1,
      progress_ms: 1000,
      is_playing: true,
      item: track,
      currently_playing_type: 'track',
    };
    const spotify = PlaybackStateSchema.parse({
      ...base,
      actions: { disallows: { resuming: true, pausing: false } },
    });
    expect(spotify.actions).toEqual({ resuming: true });
    expect(spotify.item).toMatchObject({ type: 'track', explicit: false, is_local: false });
    expect(spotify.item).not.toHaveProperty('popularity');
    const spec = PlaybackStateSchema.parse({ ...base, actions: { skipping_prev: true } });
    expect(spec.actions).toEqual({ skipping_prev: true });
    const bare = PlaybackStateSchema.parse({ ...base, context: undefined, item: null, actions: undefined });
    expect(bare).toMatchObject({ context: null, item: null, actions: {} });
  });

  it('accepts episodes and local tracks, rejects unknown item types', () => {
    const episode = {
      type: 'episode',
      id: 'e1',
      uri: 'spotify:episode:e1',
      name: 'Episode',
      duration_ms: 1,
      images: [],
      show: { id: 's1', name: 'Show', uri: 'spotify:show:s1', publisher: 'P', images: [] },
    };
    const local = {
      ...track,
      id: null,
      is_local: true,
      album: null,
      artists: [{ id: null, name: 'Me', uri: null }],
    };
    const queue = QueueSchema.parse({ currently_playing: episode, queue: [local] });
    expect(queue.currently_playing?.type).toBe('episode');
    expect(queue.queue[0]).toMatchObject({ id: null, album: null, is_local: true });
    expect(QueueSchema.safeParse({ currently_playing: { ...track, type: 'ad' }, queue: [] }).success).toBe(
      false,
    );
  });

  it('drops null entries from playlist pages and reads both item-count fields', () => {
    const playlist = {
      id: 'p1',
      name: 'Mix',
      uri: 'spotify:playlist:p1',
      images: null,
      owner: { id: 'u', display_name: 'U' },
      snapshot_id: 's',
      items: { href: 'h', total: 3 },
    };
    const page = PlaylistsPageSchema.parse({
      href: 'h',
      items: [playlist, null],
      limit: 20,
      next: null,
      offset: 0,
      previous: null,
      total: 2,
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      images: [],
      description: null,
      public: null,
      items: { total: 3 },
      tracks: null,
    });
  });

  it('reads a development-mode profile without product or email', () => {
    expect(UserSchema.parse({ id: 'u', display_name: null, uri: 'spotify:user:u', images: [] })).toEqual({
      id: 'u',
      display_name: null,
      uri: 'spotify:user:u',
      images: [],
    });
  });
});
