/**
 * Mirrors a channels-last block `[count, ...patch, channels]` along the given spatial axes
 * (indices into `patch`), writing into `out`. Mirroring twice restores the block.
 */
export function flipBlock(
  block: Float32Array,
  count: number,
  patch: readonly number[],
  channels: number,
  axes: readonly number[],
  out: Float32Array,
): void {
  const rank = patch.length;
  const voxels = patch.reduce((a, b) => a * b, 1);
  const flipped = patch.map((_, axis) => axes.includes(axis));
  const position = new Array<number>(rank).fill(0);
  for (let v = 0; v < voxels; v++) {
    let target = 0;
    for (let axis = 0; axis < rank; axis++) {
      const p = flipped[axis] ? patch[axis]! - 1 - position[axis]! : position[axis]!;
      target = target * patch[axis]! + p;
    }
    for (let n = 0; n < count; n++) {
      const from = (n * voxels + v) * channels;
      out.set(block.subarray(from, from + channels), (n * voxels + target) * channels);
    }
    let axis = rank - 1;
    while (axis >= 0 && ++position[axis]! === patch[axis]!) position[axis--] = 0;
  }
}

/** Every non-empty subset of the spatial axes: 7 in 3D, 3 in 2D (the mirror TTA of both anchors). */
export function mirrorCombinations(rank: number): number[][] {
  const combinations: number[][] = [];
  for (let mask = 1; mask < 1 << rank; mask++) {
    combinations.push([...Array(rank).keys()].filter((axis) => mask & (1 << axis)));
  }
  return combinations;
}
