/** The Web API scopes Traytune asks for (see docs/SPOTIFY.md for which endpoint needs which). */
export const TRAYTUNE_SCOPES: readonly string[] = Object.freeze([
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'user-read-recently-played',
  'user-read-private',
  'user-library-read',
  'user-library-modify',
  'playlist-read-private',
  'playlist-modify-public',
  'playlist-modify-private',
]);

/** The `scope` parameter: space separated, duplicates removed, order kept. */
export function formatScopes(scopes: readonly string[]): string {
  return [...new Set(scopes)].join(' ');
}

/** A `scope` field as answered by the token endpoint (space separated; may be empty or absent). */
export function parseScopes(scope: string | undefined | null): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(/\s+/).filter((s) => s.length > 0))];
}

/** Scopes in `required` that `granted` lacks (a user can, in principle, be granted fewer). */
export function missingScopes(
  granted: readonly string[],
  required: readonly string[] = TRAYTUNE_SCOPES,
): string[] {
  const have = new Set(granted);
  return required.filter((s) => !have.has(s));
}
