/** Argument checks shared by the transforms; each message names the transform and the option. */

export function checkProbability(name: string, p: number): void {
  if (!(Number.isFinite(p) && p >= 0 && p <= 1))
    throw new RangeError(`${name}: expected a probability in [0, 1], got ${p}`);
}

/** A [lo, hi] range with lo <= hi, optionally bounded below (inclusive) by `min`. */
export function checkRange(name: string, range: readonly number[], min = -Infinity): void {
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every(Number.isFinite) ||
    range[0] > range[1] ||
    range[0] < min
  ) {
    const bound = min === -Infinity ? '' : ` with lo >= ${min}`;
    throw new RangeError(`${name}: expected [lo, hi] with lo <= hi${bound}, got ${JSON.stringify(range)}`);
  }
}

export function checkPositiveRange(name: string, range: readonly number[]): void {
  checkRange(name, range, 0);
  if (range[0] <= 0) throw new RangeError(`${name}: expected positive values, got ${JSON.stringify(range)}`);
}
