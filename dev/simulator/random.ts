/**
 * Seeded randomness for the profile's choices. Each concern draws from its own stream (`stream` names it),
 * so a new draw in one (say, one more stale read) never shifts the choices of another.
 */
export type Random = () => number;

/** mulberry32 seeded from `seed` and the stream's name: a number in [0, 1) per call, the same every run. */
export function seededRandom(seed: number, stream: string): Random {
  let state = (Math.trunc(seed) ^ hash(stream)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
