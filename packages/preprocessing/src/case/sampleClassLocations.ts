import type { Shape3 } from '../internal/Shape3';
import { sampleIndices, seededRandom } from '../internal/seededRandom';

export interface ClassLocationOptions {
  /** at most this many voxels per class (nnU-Net: 10,000) ... */
  maxPerClass?: number;
  /** ... but at least this fraction of the class's voxels (nnU-Net: 1%) */
  minFraction?: number;
  seed?: number;
}

/**
 * Voxels of each foreground class, sampled without replacement as nnU-Net's preprocessor does, for the
 * data loader's foreground oversampling. Keys are class values; each location is [d, h, w].
 */
export function sampleClassLocations(
  label: ArrayLike<number>,
  shape: Shape3,
  { maxPerClass = 10_000, minFraction = 0.01, seed = 1234 }: ClassLocationOptions = {},
): Record<string, [number, number, number][]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === 0) continue;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const random = seededRandom(seed);
  const result: Record<string, [number, number, number][]> = {};
  const plane = shape[1] * shape[2];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const voxels = byClass.get(c) as number[];
    const k = Math.max(Math.min(maxPerClass, voxels.length), Math.ceil(voxels.length * minFraction));
    result[String(c)] = Array.from(sampleIndices(voxels.length, k, random), (j) => {
      const i = voxels[j];
      return [Math.floor(i / plane), Math.floor((i % plane) / shape[2]), i % shape[2]];
    });
  }
  return result;
}
