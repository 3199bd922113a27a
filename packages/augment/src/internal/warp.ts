import type { Sample, Shape3 } from '../Sample';
import { cubicWeights } from './cubicWeights';

export type ImageOrder = 'linear' | 'cubic';
/** `argmax`: batchgeneratorsv2's per-label sampling (each label's one-hot interpolated linearly, highest wins). */
export type LabelMode = 'nearest' | 'argmax';

export interface WarpSpec {
  readonly patch: Shape3;
  /** Input position (voxel coordinates, [d, h, w]) that the patch centre maps to. */
  readonly center: readonly number[];
  /** Row-major 3×3 matrix from output offsets (from the patch centre) to input offsets. */
  readonly matrix: readonly number[];
  readonly imageOrder: ImageOrder;
  readonly labelMode: LabelMode;
}

/**
 * Resamples image and label through one coordinate map: output voxel o reads the input at
 * center + matrix·(o − (patch − 1)/2). Outside the input the image is 0 and the label is background
 * (0), as if the volume were zero-padded; a label voxel straddling the border therefore weighs the
 * outside as background.
 */
export function warp(sample: Sample, spec: WarpSpec): Sample {
  const [pd, ph, pw] = spec.patch;
  const C = sample.channels;
  const image = new Float32Array(pd * ph * pw * C);
  const label = new Uint8Array(pd * ph * pw);
  const m = spec.matrix;
  const sampler = new Sampler(sample, spec.imageOrder);
  const voxel = new Float64Array(C);
  const half = [(pd - 1) / 2, (ph - 1) / 2, (pw - 1) / 2];
  const linear = spec.imageOrder === 'linear';
  const nearest = spec.labelMode === 'nearest';
  for (let d = 0, o = 0; d < pd; d++) {
    for (let h = 0; h < ph; h++) {
      const od = d - half[0];
      const oh = h - half[1];
      for (let w = 0; w < pw; w++, o++) {
        const ow = w - half[2];
        const x = spec.center[0] + m[0] * od + m[1] * oh + m[2] * ow;
        const y = spec.center[1] + m[3] * od + m[4] * oh + m[5] * ow;
        const z = spec.center[2] + m[6] * od + m[7] * oh + m[8] * ow;
        if (!linear || !sampler.trilinearInside(x, y, z, image, o * C)) {
          sampler.image(x, y, z, voxel);
          image.set(voxel, o * C);
        }
        label[o] = nearest ? sampler.labelNearest(x, y, z) : sampler.labelArgmax(x, y, z);
      }
    }
  }
  return { image, label, shape: [pd, ph, pw], channels: C };
}

class Sampler {
  private readonly D: number;
  private readonly H: number;
  private readonly W: number;
  private readonly C: number;
  private readonly wd = new Float64Array(4);
  private readonly wh = new Float64Array(4);
  private readonly ww = new Float64Array(4);
  // Scratch for the per-label votes of the 8 corners.
  private readonly votes = new Float64Array(8);
  private readonly voters = new Int32Array(8);

  constructor(
    private readonly sample: Sample,
    private readonly order: ImageOrder,
  ) {
    [this.D, this.H, this.W] = sample.shape;
    this.C = sample.channels;
  }

  image(x: number, y: number, z: number, out: Float64Array): void {
    out.fill(0);
    const taps = this.order === 'linear' ? 2 : 4;
    const first = this.order === 'linear' ? 0 : -1;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const z0 = Math.floor(z);
    this.weights(x - x0, this.wd);
    this.weights(y - y0, this.wh);
    this.weights(z - z0, this.ww);
    const { D, H, W, C } = this;
    const src = this.sample.image;
    for (let a = 0; a < taps; a++) {
      const d = x0 + first + a;
      if (d < 0 || d >= D || this.wd[a] === 0) continue;
      for (let b = 0; b < taps; b++) {
        const h = y0 + first + b;
        if (h < 0 || h >= H || this.wh[b] === 0) continue;
        const wdh = this.wd[a] * this.wh[b];
        for (let e = 0; e < taps; e++) {
          const w = z0 + first + e;
          if (w < 0 || w >= W || this.ww[e] === 0) continue;
          const weight = wdh * this.ww[e];
          const at = ((d * H + h) * W + w) * C;
          for (let c = 0; c < C; c++) out[c] += weight * src[at + c];
        }
      }
    }
  }

  /**
   * Trilinear interpolation written straight into `out` at `at` when all 8 neighbours are inside (the common
   * case, without bounds checks); returns false, writing nothing, otherwise.
   */
  trilinearInside(x: number, y: number, z: number, out: Float32Array, at: number): boolean {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const z0 = Math.floor(z);
    const { D, H, W, C } = this;
    if (x0 < 0 || y0 < 0 || z0 < 0 || x0 >= D - 1 || y0 >= H - 1 || z0 >= W - 1) return false;
    const fx = x - x0;
    const fy = y - y0;
    const fz = z - z0;
    const sh = W * C;
    const sd = H * W * C;
    const src = this.sample.image;
    for (let c = 0, k = ((x0 * H + y0) * W + z0) * C; c < C; c++, k++) {
      // Along w, then h, then d: the same weights as the 8-corner sum, fewer multiplications.
      const a = src[k] + fz * (src[k + C] - src[k]);
      const b = src[k + sh] + fz * (src[k + sh + C] - src[k + sh]);
      const e = src[k + sd] + fz * (src[k + sd + C] - src[k + sd]);
      const f = src[k + sd + sh] + fz * (src[k + sd + sh + C] - src[k + sd + sh]);
      const ab = a + fy * (b - a);
      const ef = e + fy * (f - e);
      out[at + c] = ab + fx * (ef - ab);
    }
    return true;
  }

  labelNearest(x: number, y: number, z: number): number {
    const d = Math.floor(x + 0.5);
    const h = Math.floor(y + 0.5);
    const w = Math.floor(z + 0.5);
    if (d < 0 || d >= this.D || h < 0 || h >= this.H || w < 0 || w >= this.W) return 0;
    return this.sample.label[(d * this.H + h) * this.W + w];
  }

  /** The label with the largest summed trilinear weight among the 8 corners; ties go to the lower label. */
  labelArgmax(x: number, y: number, z: number): number {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const z0 = Math.floor(z);
    const { D, H, W } = this;
    if (x0 >= 0 && y0 >= 0 && z0 >= 0 && x0 < D - 1 && y0 < H - 1 && z0 < W - 1) {
      // Inside a uniform region every corner votes for the same label.
      const lab = this.sample.label;
      const k = (x0 * H + y0) * W + z0;
      const v = lab[k];
      const kd = k + H * W;
      if (
        lab[k + 1] === v &&
        lab[k + W] === v &&
        lab[k + W + 1] === v &&
        lab[kd] === v &&
        lab[kd + 1] === v &&
        lab[kd + W] === v &&
        lab[kd + W + 1] === v
      ) {
        return v;
      }
    }
    const fx = x - x0;
    const fy = y - y0;
    const fz = z - z0;
    let n = 0;
    for (let a = 0; a < 2; a++) {
      const wa = a === 0 ? 1 - fx : fx;
      if (wa === 0) continue;
      const d = x0 + a;
      for (let b = 0; b < 2; b++) {
        const wb = b === 0 ? 1 - fy : fy;
        if (wb === 0) continue;
        const h = y0 + b;
        for (let e = 0; e < 2; e++) {
          const we = e === 0 ? 1 - fz : fz;
          if (we === 0) continue;
          const w = z0 + e;
          const inside = d >= 0 && d < D && h >= 0 && h < H && w >= 0 && w < W;
          const value = inside ? this.sample.label[(d * H + h) * W + w] : 0;
          let k = 0;
          while (k < n && this.voters[k] !== value) k++;
          if (k === n) {
            this.voters[n] = value;
            this.votes[n++] = 0;
          }
          this.votes[k] += wa * wb * we;
        }
      }
    }
    let best = 0;
    for (let k = 1; k < n; k++) {
      if (
        this.votes[k] > this.votes[best] ||
        (this.votes[k] === this.votes[best] && this.voters[k] < this.voters[best])
      ) {
        best = k;
      }
    }
    return this.voters[best];
  }

  private weights(t: number, out: Float64Array): void {
    if (this.order === 'cubic') cubicWeights(t, out);
    else {
      out[0] = 1 - t;
      out[1] = t;
    }
  }
}
