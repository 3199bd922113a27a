/**
 * Weights for Gaussian blending: a separable Gaussian centred on the patch with σ = patch · scale
 * per axis (nnU-Net: 1/8), scaled to a maximum of 1; voxels that underflow to zero get the smallest
 * positive weight so every voxel of the image keeps a weight. Row-major over the patch axes.
 */
export function gaussianImportanceMap(patch: readonly number[], sigmaScale = 1 / 8): Float32Array {
  const profiles = patch.map((size) => {
    const centre = Math.floor(size / 2);
    const sigma = size * sigmaScale;
    return Float64Array.from({ length: size }, (_, i) =>
      Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)),
    );
  });
  const total = patch.reduce((a, b) => a * b, 1);
  const map = new Float32Array(total);
  let index = 0;
  const visit = (axis: number, value: number) => {
    if (axis === patch.length) {
      map[index++] = value;
      return;
    }
    for (const p of profiles[axis]!) visit(axis + 1, value * p);
  };
  visit(0, 1);
  let max = 0;
  for (const v of map) max = Math.max(max, v);
  let minPositive = Infinity;
  for (let i = 0; i < total; i++) {
    map[i] = map[i]! / max;
    if (map[i]! > 0) minPositive = Math.min(minPositive, map[i]!);
  }
  for (let i = 0; i < total; i++) if (map[i] === 0) map[i] = minPositive;
  return map;
}
