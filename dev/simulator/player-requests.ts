/** The reads that show a user's player state: what a stale view (consistency.ts) answers for. */
export const PLAYER_STATE_READS: readonly string[] = [
  '/v1/me/player',
  '/v1/me/player/currently-playing',
  '/v1/me/player/queue',
  '/v1/me/player/devices',
];

/** A player command: anything but GET on /v1/me/player or below it. */
export function isPlayerCommand(method: string, path: string): boolean {
  return method !== 'GET' && (path === '/v1/me/player' || path.startsWith('/v1/me/player/'));
}

export function isPlayerStateRead(method: string, path: string): boolean {
  return method === 'GET' && PLAYER_STATE_READS.includes(path);
}
