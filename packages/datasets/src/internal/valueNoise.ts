import type { Vec3 } from '@nnunet-ts/volume';
import type { LegacyRandomState } from './LegacyRandomState';

/**
 * A smooth random field in [-1, 1] over a grid of `shape` voxels (NIfTI order): random values on a
 * lattice with one node every `cell[d]` voxels along axis d, blended trilinearly with smoothstep
 * weights so the field has no visible lattice edges. Cheap texture and bias fields for phantoms.
 */
export function valueNoise(shape: Vec3, cell: Vec3, random: LegacyRandomState): Float32Array {
  const axes = shape.map((n, d) => axisWeights(n, cell[d]!));
  const [gx, gy] = [axes[0]!.nodes, axes[1]!.nodes];
  const gz = axes[2]!.nodes;
  const lattice = new Float64Array(gx * gy * gz);
  for (let i = 0; i < lattice.length; i++) lattice[i] = 2 * random.random() - 1;
  const [nx, ny, nz] = shape;
  const out = new Float32Array(nx * ny * nz);
  const { index: ix, weight: wx } = axes[0]!;
  const { index: iy, weight: wy } = axes[1]!;
  const { index: iz, weight: wz } = axes[2]!;
  let at = 0;
  for (let k = 0; k < nz; k++) {
    const z0 = iz[k]! * gx * gy;
    const z1 = z0 + gx * gy;
    const tz = wz[k]!;
    for (let j = 0; j < ny; j++) {
      const y0 = iy[j]! * gx;
      const y1 = y0 + gx;
      const ty = wy[j]!;
      for (let i = 0; i < nx; i++, at++) {
        const x0 = ix[i]!;
        const tx = wx[i]!;
        const lerpX = (base: number) =>
          lattice[base + x0]! + tx * (lattice[base + x0 + 1]! - lattice[base + x0]!);
        const front = lerpX(z0 + y0) + ty * (lerpX(z0 + y1) - lerpX(z0 + y0));
        const back = lerpX(z1 + y0) + ty * (lerpX(z1 + y1) - lerpX(z1 + y0));
        out[at] = front + tz * (back - front);
      }
    }
  }
  return out;
}

/** For each voxel along an axis: its lattice cell and smoothstep weight; and the number of lattice nodes. */
function axisWeights(n: number, cell: number): { index: Int32Array; weight: Float64Array; nodes: number } {
  if (!(cell > 0)) throw new RangeError(`valueNoise: cell sizes must be positive, got ${cell}`);
  const index = new Int32Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / cell;
    const cellIndex = Math.floor(x);
    const t = x - cellIndex;
    index[i] = cellIndex;
    weight[i] = t * t * (3 - 2 * t);
  }
  return { index, weight, nodes: Math.floor((n - 1) / cell) + 2 };
}
