/** A seeded linear congruential generator of uniform numbers in [0, 1), for reproducible test data. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
