import type { LocalClientKind } from './types.ts';

export const MPRIS_PREFIX = 'org.mpris.MediaPlayer2.';

/**
 * The MPRIS bus names of the Spotify clients the bridge follows, most preferred first. `exact` names are
 * owned as is; the others carry a per-instance suffix (spotifyd adds `.instance<pid>`, ncspot
 * `.instance<pid>` too when several run, librespot-based players their own).
 */
const KNOWN_CLIENTS: readonly {
  readonly kind: LocalClientKind;
  readonly name: string;
  readonly exact: boolean;
  readonly displayName: string;
}[] = [
  { kind: 'spotify', name: 'org.mpris.MediaPlayer2.spotify', exact: true, displayName: 'Spotify' },
  { kind: 'spotifyd', name: 'org.mpris.MediaPlayer2.spotifyd', exact: false, displayName: 'spotifyd' },
  { kind: 'ncspot', name: 'org.mpris.MediaPlayer2.ncspot', exact: false, displayName: 'ncspot' },
  {
    kind: 'spotify-player',
    name: 'org.mpris.MediaPlayer2.spotify_player',
    exact: false,
    displayName: 'spotify_player',
  },
  { kind: 'librespot', name: 'org.mpris.MediaPlayer2.librespot', exact: false, displayName: 'librespot' },
  { kind: 'librespot', name: 'org.mpris.MediaPlayer2.raspotify', exact: false, displayName: 'Raspotify' },
];

export interface KnownClient {
  readonly kind: LocalClientKind;
  readonly displayName: string;
  /** Lower is preferred when several run at once. */
  readonly rank: number;
}

/** The known client a bus name belongs to, or null for any other player (VLC, a browser…). */
export function knownClientOf(busName: string): KnownClient | null {
  for (const [rank, client] of KNOWN_CLIENTS.entries()) {
    const matches = client.exact
      ? busName === client.name
      : busName === client.name || busName.startsWith(`${client.name}.`);
    if (matches) return { kind: client.kind, displayName: client.displayName, rank };
  }
  return null;
}

/** Of the names on the bus, the known client to follow: the most preferred, then the first listed. */
export function preferredClientName(busNames: readonly string[]): string | null {
  let best: { name: string; rank: number } | null = null;
  for (const name of busNames) {
    const client = knownClientOf(name);
    if (client && (best === null || client.rank < best.rank)) best = { name, rank: client.rank };
  }
  return best?.name ?? null;
}
