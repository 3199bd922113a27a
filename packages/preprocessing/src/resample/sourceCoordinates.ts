/**
 * Where each of `m` output samples reads along an axis of `n` input samples when the axis is resized
 * with voxel areas aligned (skimage/scipy `resize`, align_corners=False): x = (j + 0.5)·n/m − 0.5,
 * clamped to [0, n − 1] (edge mode).
 */
export function sourceCoordinates(n: number, m: number): Float64Array {
  const coords = new Float64Array(m);
  const scale = n / m;
  for (let j = 0; j < m; j++) coords[j] = Math.min(n - 1, Math.max(0, (j + 0.5) * scale - 0.5));
  return coords;
}
