/**
 * What this window added to the queue and has not yet seen in a queue read. Spotify's reads lag its
 * commands (a read right after "add to queue" often still has the old queue), so the Queue panel reads
 * again, a few times, while something added here is missing.
 */

const pending = new Set<string>();

export const QUEUE_REREAD_MS = 1_000;
export const QUEUE_REREADS = 3;

export function noteQueued(uri: string): void {
  pending.add(uri);
}

/** Whether a queue read still lacks something added here (those it has are no longer waited for). */
export function missingFromQueue(upNext: readonly { readonly uri: string }[]): boolean {
  for (const { uri } of upNext) pending.delete(uri);
  return pending.size > 0;
}

/** Stops waiting (the re-reads ran out: the item may have played already, or been removed elsewhere). */
export function forgetQueued(): void {
  pending.clear();
}
