/**
 * The first index where two float arrays differ bit for bit, or -1 when they are identical
 * (lengths included): vitest's `toEqual` walks big typed arrays element by element, far too slowly.
 */
export function firstMismatch(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
