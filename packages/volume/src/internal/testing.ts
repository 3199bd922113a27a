// Helpers for this package's tests only (excluded from the published files).
import type { Mat4, Vec3 } from '../affine';
import { allocateData, dtypeInfo, type DType } from '../dtype';
import { createVolume, type Volume } from '../Volume';

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A volume whose every element is distinct where the dtype allows, on an oblique affine. */
export function randomVolume<D extends DType>(
  dtype: D,
  shape: Vec3,
  channels: number,
  seed: number,
): Volume<D> {
  const rand = rng(seed);
  const { bigint } = dtypeInfo(dtype);
  const data = allocateData(dtype, shape[0] * shape[1] * shape[2] * channels) as unknown as {
    length: number;
    [i: number]: number | bigint;
  };
  for (let e = 0; e < data.length; e++) {
    const v = Math.floor(rand() * 100) + 1;
    data[e] = bigint ? BigInt(v) : v;
  }
  const angle = rand() * Math.PI;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const sp = [0.5 + rand() * 2, 0.5 + rand() * 2, 0.5 + rand() * 2];
  const affine: Mat4 = [
    [c * sp[0], -s * sp[1], 0, rand() * 100 - 50],
    [s * sp[0], c * sp[1], 0, rand() * 100 - 50],
    [0, 0, -sp[2], rand() * 100 - 50],
    [0, 0, 0, 1],
  ];
  return createVolume({ data: data as never, dtype, shape, channels, affine });
}

/** The value (all components) at voxel (i, j, k) of channel ch, read the obvious way. */
export function voxelAt(volume: Volume, i: number, j: number, k: number, ch = 0): (number | bigint)[] {
  const { components } = dtypeInfo(volume.dtype);
  const [nI, nJ, nK] = volume.shape;
  const base = (((ch * nK + k) * nJ + j) * nI + i) * components;
  return Array.from({ length: components }, (_, c) => (volume.data as ArrayLike<number | bigint>)[base + c]);
}

/**
 * Checks the defining property of every geometry helper: each output voxel shows the source voxel at the
 * same world position, or `fill` where that position lies outside the source.
 */
export function worldPositionsKept(src: Volume, out: Volume, fill: number | bigint = 0): string | null {
  const inv = invertForTest(src.affine);
  for (let ch = 0; ch < out.channels; ch++) {
    for (let k = 0; k < out.shape[2]; k++) {
      for (let j = 0; j < out.shape[1]; j++) {
        for (let i = 0; i < out.shape[0]; i++) {
          const w = apply(out.affine, [i, j, k]);
          const s = apply(inv, w);
          const r = s.map(Math.round);
          if (s.some((v, d) => Math.abs(v - r[d]) > 1e-6))
            return `voxel ${i},${j},${k} maps to non-integer ${s}`;
          const inside = r.every((v, d) => v >= 0 && v < src.shape[d]);
          const expected = inside
            ? voxelAt(src, r[0], r[1], r[2], ch)
            : voxelAt(src, 0, 0, 0).map(() => fill);
          const got = voxelAt(out, i, j, k, ch);
          if (got.some((v, c) => v !== expected[c]))
            return `voxel ${i},${j},${k}: got ${got}, expected ${expected}`;
        }
      }
    }
  }
  return null;
}

function apply(a: Mat4, p: readonly number[]): [number, number, number] {
  const row = (r: number) => a[r][0] * p[0] + a[r][1] * p[1] + a[r][2] * p[2] + a[r][3];
  return [row(0), row(1), row(2)];
}

/** Gauss-Jordan inverse of a 4x4 matrix: deliberately a different method from the package's cofactor inverse. */
export function invertForTest(a: Mat4): Mat4 {
  const m = a.map((row, r) => [...row, ...[0, 1, 2, 3].map((c) => (c === r ? 1 : 0))]);
  for (let c = 0; c < 4; c++) {
    let p = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c];
    for (let x = 0; x < 8; x++) m[c][x] /= pivot;
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let x = 0; x < 8; x++) m[r][x] -= f * m[c][x];
    }
  }
  return m.map((row) => row.slice(4)) as unknown as Mat4;
}
