/**
 * Exact squared Euclidean distance (in mm²) from every voxel to the nearest seed voxel, with
 * anisotropic spacing: Felzenszwalb & Huttenlocher's lower envelope of parabolas, one pass per axis.
 * `shape` is in storage order (axis 0 fastest). Voxels with no seed anywhere get Infinity.
 */
export function squaredDistanceTransform(
  seeds: Uint8Array,
  shape: readonly number[],
  spacing: readonly number[],
): Float64Array {
  const field = new Float64Array(seeds.length);
  for (let i = 0; i < seeds.length; i++) field[i] = seeds[i] ? 0 : Infinity;
  const strides = shape.map((_, axis) => shape.slice(0, axis).reduce((a, b) => a * b, 1));
  const longest = Math.max(...shape);
  const line = new Float64Array(longest);
  const out = new Float64Array(longest);
  const hull = new Int32Array(longest);
  const bounds = new Float64Array(longest + 1);
  for (let axis = 0; axis < shape.length; axis++) {
    const n = shape[axis]!;
    const step = strides[axis]!;
    const h = spacing[axis]!;
    const lines = seeds.length / n;
    for (let l = 0; l < lines; l++) {
      // the l-th line along `axis`: split l into the index below the axis and the index above it
      const below = l % step;
      const start = below + (l - below) * n;
      for (let q = 0; q < n; q++) line[q] = field[start + q * step]!;
      lowerEnvelope(line, n, h, out, hull, bounds);
      for (let q = 0; q < n; q++) field[start + q * step] = out[q]!;
    }
  }
  return field;
}

function lowerEnvelope(
  f: Float64Array,
  n: number,
  h: number,
  out: Float64Array,
  hull: Int32Array,
  bounds: Float64Array,
): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    const xq = q * h;
    while (k >= 0) {
      const v = hull[k]!;
      const xv = v * h;
      const s = (f[q]! + xq * xq - (f[v]! + xv * xv)) / (2 * (xq - xv));
      if (s <= bounds[k]!) k--;
      else {
        k++;
        hull[k] = q;
        bounds[k] = s;
        break;
      }
    }
    if (k < 0) {
      k = 0;
      hull[0] = q;
      bounds[0] = -Infinity;
    }
  }
  if (k < 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  bounds[k + 1] = Infinity;
  let j = 0;
  for (let q = 0; q < n; q++) {
    const x = q * h;
    while (bounds[j + 1]! < x) j++;
    const v = hull[j]!;
    const d = x - v * h;
    out[q] = d * d + f[v]!;
  }
}
