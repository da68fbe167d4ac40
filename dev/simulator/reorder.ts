import type { SimRequest } from './http.ts';
import type { Random } from './random.ts';

interface AppliedCommand {
  request: SimRequest;
  at: number;
}

/**
 * Out-of-order commands ("the order of execution is not guaranteed", openapi.yml). When a user's command
 * arrives within `withinMs` of their previous one, and that one was a PUT, a seeded draw may make the new
 * command land first: the new one is carried out, then the previous one is carried out again, so the
 * final state is the previous command's (volume 30 then 50 ends at 30).
 *
 * Why re-apply instead of holding: each answer is the true result of carrying the command out (no answer
 * promises what a later check could refuse) and player-state.ts needs no dry run. Only PUTs are
 * re-applied, being idempotent (set volume, seek, pause, play X, transfer…); POSTs (next, previous, add to
 * queue) would act twice, so they are only ever the command that overtakes. The price: the previous
 * command's effect exists for a moment before the swap, unseen behind the stale-read window.
 */
export class CommandOrder {
  readonly #probability: number;
  readonly #withinMs: number;
  readonly #random: Random;
  readonly #last = new Map<string, AppliedCommand>();

  constructor(probability: number, withinMs: number, random: Random) {
    this.#probability = probability;
    this.#withinMs = withinMs;
    this.#random = random;
  }

  /** The earlier command to carry out again after `userId`'s new command, when the two swap; else `undefined`. */
  overtaken(userId: string, now: number): SimRequest | undefined {
    if (this.#probability <= 0) return undefined;
    const last = this.#last.get(userId);
    if (!last || last.request.method !== 'PUT' || now - last.at > this.#withinMs || now < last.at)
      return undefined;
    if (this.#random() >= this.#probability) return undefined;
    // A swapped pair is done: the next command compares with nothing until one more is applied.
    this.#last.delete(userId);
    return last.request;
  }

  /** A command of `userId` was carried out (and not swapped): the next one may overtake it. */
  applied(userId: string, request: SimRequest, at: number): void {
    if (this.#probability > 0) this.#last.set(userId, { request, at });
  }
}
