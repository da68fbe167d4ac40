/**
 * What this window added to the queue and has not yet seen in a queue read. Spotify's reads lag its
 * commands (a read right after "add to queue" often still has the old queue), so the Queue panel reads
 * again, a few times, while something added here is missing.
 */

export const QUEUE_REREAD_MS = 1_000;
const QUEUE_REREADS = 3;

export interface QueuedHere {
  /** An add to the queue went through: wait for it, with a fresh allowance of re-reads. */
  note(uri: string): void;
  /**
   * Whether to read the queue again after this read: yes while something added here is missing and
   * re-reads remain. Items the read has are no longer waited for; when the wait is over (all shown, or
   * the re-reads ran out: the item may have played already, or been removed elsewhere) the allowance is
   * whole again for the next add.
   */
  shouldReread(upNext: readonly { readonly uri: string }[]): boolean;
}

export function createQueuedHere(rereads: number): QueuedHere {
  const pending = new Set<string>();
  let left = rereads;
  const stopWaiting = (): false => {
    pending.clear();
    left = rereads;
    return false;
  };
  return {
    note(uri) {
      pending.add(uri);
      left = rereads;
    },
    shouldReread(upNext) {
      for (const { uri } of upNext) pending.delete(uri);
      if (pending.size === 0 || left === 0) return stopWaiting();
      left--;
      return true;
    },
  };
}

/** The window's one record: rows note their adds, the Queue panel asks it after each read. */
export const queuedHere = createQueuedHere(QUEUE_REREADS);
