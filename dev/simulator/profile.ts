import { LENIENT_CONTENT, REALISTIC_CONTENT, type ContentRealism } from './content-profile.ts';

/**
 * A simulator profile: how much of Spotify's real behaviour the simulator plays out. `realistic` is the
 * default for the end-to-end tests and the benchmark; `lenient` (every realism off) is for tests that
 * need exact control. Every setting is seeded and can be overridden one by one.
 */
export type ProfileName = 'lenient' | 'realistic';

export interface SimProfile {
  readonly name: ProfileName;
  /** Seeds every random choice the profile makes (stale-read lengths, reordering, answer styles…). */
  readonly seed: number;
  readonly content: ContentRealism;
}

export interface ProfileOptions {
  profile?: ProfileName;
  randomSeed?: number;
  /** Overrides of single settings; `content` is merged key by key. */
  realism?: { content?: Partial<ContentRealism> };
}

export function resolveProfile(options: ProfileOptions = {}): SimProfile {
  const name = options.profile ?? 'lenient';
  if (name !== 'lenient' && name !== 'realistic') {
    throw new Error(`profile must be "lenient" or "realistic", got ${JSON.stringify(name)}`);
  }
  const base = name === 'realistic' ? REALISTIC_CONTENT : LENIENT_CONTENT;
  return Object.freeze({
    name,
    seed: options.randomSeed ?? 1,
    content: Object.freeze({ ...base, ...options.realism?.content }),
  });
}
