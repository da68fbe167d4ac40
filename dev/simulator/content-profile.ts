/**
 * What plays and what Spotify refuses, per profile: the "content" half of a simulator profile
 * (profile.ts holds the traffic half: rate limit, quota, stale reads, answer styles).
 * The realistic profile turns on what real accounts meet every day; the lenient one keeps the
 * simulator as exact and predictable as tests that need exact control want it.
 */
export interface ContentRealism {
  /** Placeholder until the content behaviours land; every flag here is off in the lenient profile. */
  readonly enabled: boolean;
}

export const LENIENT_CONTENT: ContentRealism = Object.freeze({ enabled: false });
export const REALISTIC_CONTENT: ContentRealism = Object.freeze({ enabled: true });
