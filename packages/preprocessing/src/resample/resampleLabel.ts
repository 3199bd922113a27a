import type { Shape3 } from '../internal/Shape3';
import { resampleAxis } from './internal/resampleAxis';
import type { AxisInterpolations } from './resampleChannel';
import { sourceCoordinates } from './sourceCoordinates';

/** A label map in array order: one unsigned integer class per voxel. */
export type LabelArray = Uint8Array | Uint16Array;

/**
 * Resizes a label map ([D, H, W]) the way nnU-Net's and the seed's label resampling intend: every class
 * becomes a one-hot mask, the masks are interpolated (linear or nearest per axis), and each output voxel
 * takes the class with the highest value (background wins ties, then the lower class). Each class is
 * only interpolated inside its bounding box plus one voxel, which keeps many small structures cheap.
 */
export function resampleLabel<T extends LabelArray>(
  label: T,
  shape: Shape3,
  newShape: Shape3,
  interpolation: AxisInterpolations,
): T {
  if (interpolation.includes('cubic')) {
    // the cubic spline's prefilter has infinite support, so per-class boxes would change the result
    throw new RangeError(
      'resampleLabel: label maps are resampled with linear or nearest interpolation, not cubic',
    );
  }
  const total = shape[0] * shape[1] * shape[2];
  if (label.length !== total) {
    throw new RangeError(
      `resampleLabel: label has ${label.length} values, shape [${shape.join(', ')}] needs ${total}`,
    );
  }
  const out = new (label.constructor as { new (n: number): T })(newShape[0] * newShape[1] * newShape[2]);
  if (shape.every((s, a) => s === newShape[a])) {
    out.set(label);
    return out;
  }
  const boxes = classBoxes(label, shape);
  const best = new Float32Array(out.length);
  const sum = new Float32Array(out.length);
  const coords = [0, 1, 2].map((a) => sourceCoordinates(shape[a], newShape[a]));
  for (const [cls, lo, hi] of boxes) {
    // input box with a one-voxel margin of background, and the outputs whose taps fall inside it
    const a = lo.map((v) => Math.max(0, v - 1));
    const b = hi.map((v, d) => Math.min(shape[d], v + 2));
    const first: number[] = [];
    const size: number[] = [];
    for (let d = 0; d < 3; d++) {
      if (shape[d] === newShape[d]) {
        first.push(a[d]);
        size.push(b[d] - a[d]);
        continue;
      }
      let j0 = 0;
      while (j0 < newShape[d] && coords[d][j0] < a[d]) j0++;
      let j1 = j0;
      while (j1 < newShape[d] && coords[d][j1] <= b[d] - 1) j1++;
      first.push(j0);
      size.push(j1 - j0);
    }
    if (size.some((s) => s === 0)) continue;
    let values = oneHotBox(label, shape, cls, a, b);
    const current = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    for (let d = 0; d < 3; d++) {
      if (shape[d] === newShape[d]) continue;
      const local = coords[d].slice(first[d], first[d] + size[d]).map((x) => x - a[d]);
      const outer = d === 0 ? 1 : d === 1 ? current[0] : current[0] * current[1];
      const inner = d === 2 ? 1 : d === 1 ? current[2] : current[1] * current[2];
      values = resampleAxis(values, { outer, n: current[d], inner }, local, interpolation[d]);
      current[d] = size[d];
    }
    let k = 0;
    for (let z = 0; z < size[0]; z++) {
      for (let y = 0; y < size[1]; y++) {
        let idx = ((first[0] + z) * newShape[1] + first[1] + y) * newShape[2] + first[2];
        for (let x = 0; x < size[2]; x++, k++, idx++) {
          const p = values[k];
          if (p === 0) continue;
          sum[idx] += p;
          if (p > best[idx]) {
            best[idx] = p;
            out[idx] = cls;
          }
        }
      }
    }
  }
  for (let i = 0; i < out.length; i++) if (out[i] !== 0 && 1 - sum[i] >= best[i]) out[i] = 0;
  return out;
}

/** Bounding box (inclusive) of every non-zero class, in ascending class order. */
function classBoxes(label: LabelArray, shape: Shape3): [number, number[], number[]][] {
  let max = 0;
  for (let i = 0; i < label.length; i++) if (label[i] > max) max = label[i];
  const lo = [0, 1, 2].map(() => new Int32Array(max + 1).fill(2 ** 30));
  const hi = [0, 1, 2].map(() => new Int32Array(max + 1).fill(-1));
  let i = 0;
  for (let z = 0; z < shape[0]; z++) {
    for (let y = 0; y < shape[1]; y++) {
      for (let x = 0; x < shape[2]; x++, i++) {
        const c = label[i];
        if (c === 0) continue;
        if (z < lo[0][c]) lo[0][c] = z;
        if (z > hi[0][c]) hi[0][c] = z;
        if (y < lo[1][c]) lo[1][c] = y;
        if (y > hi[1][c]) hi[1][c] = y;
        if (x < lo[2][c]) lo[2][c] = x;
        if (x > hi[2][c]) hi[2][c] = x;
      }
    }
  }
  const boxes: [number, number[], number[]][] = [];
  for (let c = 1; c <= max; c++) {
    if (hi[0][c] >= 0) boxes.push([c, [lo[0][c], lo[1][c], lo[2][c]], [hi[0][c], hi[1][c], hi[2][c]]]);
  }
  return boxes;
}

function oneHotBox(label: LabelArray, shape: Shape3, cls: number, a: number[], b: number[]): Float32Array {
  const box = new Float32Array((b[0] - a[0]) * (b[1] - a[1]) * (b[2] - a[2]));
  let k = 0;
  for (let z = a[0]; z < b[0]; z++) {
    for (let y = a[1]; y < b[1]; y++) {
      const row = (z * shape[1] + y) * shape[2];
      for (let x = a[2]; x < b[2]; x++, k++) if (label[row + x] === cls) box[k] = 1;
    }
  }
  return box;
}
