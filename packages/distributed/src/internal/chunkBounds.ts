/**
 * Splits `length` elements into `parts` contiguous chunks as evenly as possible: chunk i is
 * `[bounds[i], bounds[i + 1])`. Chunks are empty when `length < parts`.
 */
export function chunkBounds(length: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.floor((i * length) / parts));
}

/** `[start, end)` pieces of at most `maxLength` elements; one empty piece for an empty range. */
export function segments(start: number, end: number, maxLength: number): [number, number][] {
  if (end === start) return [[start, end]];
  const pieces: [number, number][] = [];
  for (let at = start; at < end; at += maxLength) pieces.push([at, Math.min(at + maxLength, end)]);
  return pieces;
}
