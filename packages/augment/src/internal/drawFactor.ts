import type { Random } from '../random';
import { checkPositiveRange } from './checks';

/**
 * How a multiplicative factor is drawn from [lo, hi]: `uniform` over the range, or `aroundOne` as
 * batchgeneratorsv2's BGContrast (with probability 1/2 from [lo, 1) when lo < 1, else from [max(lo, 1), hi)),
 * which makes shrinking and growing equally likely although the range is asymmetric around 1.
 */
export type FactorDraw = 'uniform' | 'aroundOne';

export function drawFactor(random: Random, range: readonly [number, number], draw: FactorDraw): number {
  const [lo, hi] = range;
  if (draw === 'uniform') return random.uniform(lo, hi);
  if (lo < 1 && random.chance(0.5)) return random.uniform(lo, 1);
  return random.uniform(Math.max(lo, 1), hi);
}

/** A positive factor range; `aroundOne` also needs lo <= 1 <= hi. */
export function checkFactorRange(name: string, range: readonly number[], draw: FactorDraw): void {
  checkPositiveRange(name, range);
  if (draw === 'aroundOne' && !(range[0] <= 1 && range[1] >= 1)) {
    throw new RangeError(`${name}: an 'aroundOne' range must contain 1, got ${JSON.stringify(range)}`);
  }
  if (draw !== 'uniform' && draw !== 'aroundOne') {
    throw new RangeError(`${name}: draw must be 'uniform' or 'aroundOne', got ${JSON.stringify(draw)}`);
  }
}
