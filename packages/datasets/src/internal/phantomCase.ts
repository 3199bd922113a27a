import { createVolume, type Mat4, type Vec3, type Volume } from '@nnunet-ts/volume';
import { Blob } from './Blob';
import type { LegacyRandomState } from './LegacyRandomState';
import { valueNoise } from './valueNoise';

export type PhantomModality = 'CT' | 'MR';

export interface PhantomSpec {
  shape: Vec3;
  /** Voxel size in mm. */
  spacing: Vec3;
  channels: 1 | 2;
  /** Foreground labels: 1 organ, 2 lesion (inside the organ), 3 kidney (apart from it). */
  labels: 2 | 3;
  modality: PhantomModality;
}

/** The label names of a phantom, by value. */
export const PHANTOM_LABELS = ['background', 'organ', 'lesion', 'kidney'] as const;

/**
 * Mean intensity of each tissue per channel, texture amplitudes and noise. CT is in Hounsfield
 * units (air −1000, fat/muscle mix around −20, an enhancing organ, a hypodense lesion, a bright
 * kidney; channel 2 is a later phase). MR values are arbitrary units with contrasts that differ
 * between the two channels (T1-like, T2-like), as intensity scales differ between MR scans.
 */
const TISSUES = {
  CT: {
    mean: { air: [-1000, -1000], body: [-20, -20], organ: [110, 90], lesion: [55, 80], kidney: [190, 140] },
    bodyTexture: 70,
    texture: 12,
    noise: 12,
  },
  MR: {
    mean: { air: [0, 0], body: [300, 200], organ: [500, 260], lesion: [240, 620], kidney: [420, 700] },
    bodyTexture: 60,
    texture: 25,
    noise: 12,
  },
} as const;

const TISSUE_NAMES = ['air', 'body', 'organ', 'lesion', 'kidney'] as const;

/**
 * One phantom: a body (an elliptic cylinder with a wobbly outline) holding an organ, a lesion in it
 * and, for three labels, a kidney elsewhere; every structure a random blob. Intensities are the
 * tissue means plus smooth texture and Gaussian noise (CT: int16 HU; MR: float32 with a per-case
 * gain and a smooth bias field, zero outside the body). All randomness comes from `random`.
 */
export function phantomCase(
  spec: PhantomSpec,
  random: LegacyRandomState,
): { image: Volume; label: Volume<'uint8'> } {
  const { shape, spacing, channels, modality } = spec;
  const [nx, ny, nz] = shape;
  const a = random.uniform(0.8, 0.92);
  const b = random.uniform(0.65, 0.82);
  const body = new Blob(
    [random.uniform(-0.05, 0.05), random.uniform(-0.05, 0.05), 0],
    [a, b, 100],
    random,
    0.04,
  );
  const organ = new Blob(
    [random.uniform(-0.3, 0.3) * a, random.uniform(-0.25, 0.25) * b, random.uniform(-0.2, 0.2)],
    [random.uniform(0.25, 0.36), random.uniform(0.22, 0.32), random.uniform(0.4, 0.65)],
    random,
    0.25,
  );
  const scale = random.uniform(0.3, 0.45);
  const lesion = new Blob(
    [0, 1, 2].map((d) => organ.center[d]! + random.uniform(-0.35, 0.35) * organ.radii[d]!) as unknown as Vec3,
    [0, 1, 2].map((d) => organ.radii[d]! * scale * random.uniform(0.85, 1.15)) as unknown as Vec3,
    random,
    0.3,
  );
  const kidney = spec.labels === 3 ? kidneyBlob(organ, a, b, random) : undefined;

  const tissue = new Uint8Array(nx * ny * nz);
  let at = 0;
  for (let k = 0; k < nz; k++) {
    const z = ((k + 0.5) / nz) * 2 - 1;
    for (let j = 0; j < ny; j++) {
      const y = ((j + 0.5) / ny) * 2 - 1;
      for (let i = 0; i < nx; i++, at++) {
        const x = ((i + 0.5) / nx) * 2 - 1;
        if (!body.contains(x, y, z)) continue;
        let t = 1;
        if (organ.contains(x, y, z)) t = 2;
        if (lesion.contains(x, y, z)) t = 3;
        else if (t === 1 && kidney?.contains(x, y, z)) t = 4;
        tissue[at] = t;
      }
    }
  }

  const cellOf = (mm: number): Vec3 => [mm / spacing[0], mm / spacing[1], mm / spacing[2]];
  const coarse = valueNoise(shape, cellOf(8), random);
  const fine = valueNoise(shape, cellOf(3), random);
  const table = TISSUES[modality];
  const size = tissue.length;
  const values = new Float32Array(size * channels);
  const bias = modality === 'MR' ? valueNoise(shape, cellOf(40), random) : undefined;
  const gain = modality === 'MR' ? random.uniform(0.8, 1.25) : 1;
  const offset = modality === 'CT' ? random.uniform(-5, 5) : 0;
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < size; v++) {
      const t = tissue[v]!;
      const mean = table.mean[TISSUE_NAMES[t]!][c]!;
      if (t === 0) {
        // MR air stays 0 (as in skull-stripped or masked scans); CT air is noisy
        values[c * size + v] = modality === 'CT' ? mean + table.noise * random.standardNormal() : 0;
        continue;
      }
      const texture = 0.65 * coarse[v]! + 0.35 * fine[v]!;
      const amplitude = t === 1 ? table.bodyTexture : table.texture;
      let value = mean + offset + amplitude * texture + table.noise * random.standardNormal();
      if (bias) value *= gain * (1 + 0.15 * bias[v]!);
      values[c * size + v] = value;
    }
  }
  const affine = centeredAffine(shape, spacing);
  const data = modality === 'CT' ? toHounsfield(values) : values;
  const label = tissue.map((t) => Math.max(0, t - 1));
  return {
    image: createVolume({ data, shape, channels, affine, spacing }),
    label: createVolume({ data: label, shape, affine, spacing }),
  };
}

/** A kidney-sized blob inside the body, placed away from the organ when a few tries allow. */
function kidneyBlob(organ: Blob, a: number, b: number, random: LegacyRandomState): Blob {
  const radii: Vec3 = [random.uniform(0.1, 0.15), random.uniform(0.12, 0.18), random.uniform(0.25, 0.4)];
  let center: Vec3 = [0, 0, 0];
  for (let attempt = 0; attempt < 20; attempt++) {
    center = [random.uniform(-0.6, 0.6) * a, random.uniform(-0.5, 0.5) * b, random.uniform(-0.3, 0.3)];
    const u = (center[0] - organ.center[0]) / (organ.radii[0] + radii[0]);
    const v = (center[1] - organ.center[1]) / (organ.radii[1] + radii[1]);
    if (u * u + v * v > 1) break;
  }
  return new Blob(center, radii, random, 0.2);
}

/** CT values as stored by scanners: rounded int16 within [−1024, 3071] HU. */
function toHounsfield(values: Float32Array): Int16Array {
  const out = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.min(3071, Math.max(-1024, Math.round(values[i]!)));
  return out;
}

/** RAS axes with the given voxel size and the image centre at the world origin. */
function centeredAffine(shape: Vec3, spacing: Vec3): Mat4 {
  const o = shape.map((n, d) => (-(n - 1) / 2) * spacing[d]!) as unknown as Vec3;
  return [
    [spacing[0], 0, 0, o[0]],
    [0, spacing[1], 0, o[1]],
    [0, 0, spacing[2], o[2]],
    [0, 0, 0, 1],
  ];
}
