/**
 * A seeded pseudo-random generator in [0, 1) (mulberry32): the same data set on every run. Integer
 * arithmetic throughout — a float LCG loses its low bits past 2^53 and skews every distribution drawn from it.
 */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
