import { LabelMap } from '@nnunet-ts/datasets';
import { createVolume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { nnunetTopology, type ConfigurationPlan } from '@nnunet-ts/plans';
import { preprocessCase } from './preprocessCase';
import { restoreLabel, restoreProbabilities } from './restoreOriginalGeometry';

const RESAMPLING: ConfigurationPlan['resampling'] = {
  image: { interpolation: 'cubic', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  label: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  probabilities: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
};

function plan(overrides: Partial<ConfigurationPlan>): ConfigurationPlan {
  const spacing = overrides.spacing ?? [2, 1, 1];
  const patchSize = overrides.patchSize ?? [32, 64, 48];
  return {
    dim: 3,
    spacing,
    patchSize,
    medianShape: patchSize,
    batchSize: 2,
    topologyRule: 'nnunet',
    topology: nnunetTopology(patchSize, spacing).topology,
    normalization: [{ scheme: 'ct', clip: [-100, 300], mean: 50, std: 100 }],
    resampling: RESAMPLING,
    ...overrides,
  };
}

/**
 * A 40×36×12 (i, j, k) CT-like case, 0.9×0.9×3 mm: zero outside i 5..34, j 3..32, all k (so the crop is
 * known); inside, −1000 except a ball of 200 (label 1) and a slab of 600 (label 2).
 */
function phantom() {
  const [nI, nJ, nK] = [40, 36, 12];
  const spacing: [number, number, number] = [0.9, 0.9, 3];
  const image = new Float32Array(nI * nJ * nK);
  const label = new Uint8Array(nI * nJ * nK);
  for (let k = 0; k < nK; k++)
    for (let j = 0; j < nJ; j++)
      for (let i = 0; i < nI; i++) {
        const at = i + nI * (j + nJ * k);
        if (i < 5 || i > 34 || j < 3 || j > 32) continue;
        const r2 = ((i - 18) * 0.9) ** 2 + ((j - 17) * 0.9) ** 2 + ((k - 6) * 3) ** 2;
        image[at] = -1000;
        if (r2 <= 9 ** 2) {
          image[at] = 200;
          label[at] = 1;
        } else if (i >= 28 && i <= 33 && k >= 2 && k <= 9) {
          image[at] = 600;
          label[at] = 2;
        }
      }
  const affine = [
    [-0.9, 0, 0, 10],
    [0, 0.9, 0, -20],
    [0, 0, 3, 30],
    [0, 0, 0, 1],
  ] as const;
  return {
    id: 'ph',
    image: createVolume({
      data: image,
      shape: [nI, nJ, nK],
      affine: affine.map((r) => [...r]) as never,
      spacing,
    }),
    label: createVolume({
      data: label,
      shape: [nI, nJ, nK],
      affine: affine.map((r) => [...r]) as never,
      spacing,
    }),
    source: { images: ['/x/ph.nii.gz'], label: '/x/ph_label.nii.gz' },
  };
}

function dice(a: ArrayLike<number>, b: ArrayLike<number>, cls: number): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === cls) na++;
    if (b[i] === cls) nb++;
    if (a[i] === cls && b[i] === cls) both++;
  }
  return (2 * both) / (na + nb);
}

const labelMap = new LabelMap({ '0': 'background', '1': 'ball', '2': 'slab' });
const options = { configuration: '3d_fullres', mode: 'training' as const, planHash: 'h', labelMap };

describe('preprocessCase', () => {
  it('crops, resamples to the planned spacing, normalizes and pads to the patch', () => {
    const input = phantom();
    const { image, label, meta } = preprocessCase(input, plan({}), options);
    // crop box in array order [D, H, W]: k 0..11, j 3..32, i 5..34
    expect(meta.crop).toEqual({ start: [0, 3, 5], end: [12, 33, 35] });
    expect(meta.shapeBeforeResampling).toEqual([12, 30, 30]);
    expect(meta.spacingBeforeResampling).toEqual([3, 0.9, 0.9]);
    expect(meta.spacing).toEqual([2, 1, 1]);
    // round(12·3/2) = 18, round(30·0.9) = 27
    expect(meta.shapeAfterResampling).toEqual([18, 27, 27]);
    // padded to the patch [32, 64, 48], centred
    expect(meta.shape).toEqual([32, 64, 48]);
    expect(meta.pad).toEqual({ before: [7, 18, 10], after: [7, 19, 11] });
    expect(image.length).toBe(32 * 64 * 48);
    expect(label?.length).toBe(32 * 64 * 48);
    expect(meta.labelsPresent).toEqual([1, 2]);
    expect(meta.original.orientation).toEqual(['L', 'A', 'S']);
    // the ball's centre: 200 → (200 − 50)/100; background air clipped to −100 → −1.5; padding 0
    const at = (d: number, h: number, w: number) => image[(d * 64 + h) * 48 + w];
    // the ball's centre (k 6, j 17, i 18) in the cropped grid is [6, 14, 13]; where it lands after resampling
    const centre = [6, 14, 13].map(
      (x, a) =>
        meta.pad.before[a] +
        Math.round(((x + 0.5) * meta.shapeAfterResampling[a]) / meta.shapeBeforeResampling[a] - 0.5),
    );
    expect(at(centre[0], centre[1], centre[2])).toBeCloseTo(1.5, 3);
    expect(at(7, 18, 10)).toBeCloseTo(-1.5, 4);
    expect(at(0, 0, 0)).toBe(0);
    for (const [cls, list] of Object.entries(meta.classLocations)) {
      for (const [d, h, w] of list) expect(label?.[(d * 64 + h) * 48 + w]).toBe(Number(cls));
    }
  });

  it('does not pad val and test cases, and stores no label for test cases', () => {
    const input = phantom();
    const val = preprocessCase(input, plan({}), { ...options, mode: 'val' });
    expect(val.meta.shape).toEqual([18, 27, 27]);
    expect(val.meta.pad).toEqual({ before: [0, 0, 0], after: [0, 0, 0] });
    const test = preprocessCase({ ...input, label: undefined }, plan({}), { ...options, mode: 'test' });
    expect(test.label).toBeUndefined();
    expect(test.meta.classLocations).toEqual({});
  });

  it('keeps D in a 2D configuration and resamples only in-plane', () => {
    const { meta } = preprocessCase(phantom(), plan({ dim: 2, spacing: [0.6, 0.6], patchSize: [64, 64] }), {
      ...options,
      configuration: '2d',
    });
    expect(meta.spacing).toEqual([3, 0.6, 0.6]);
    expect(meta.shapeAfterResampling).toEqual([12, 45, 45]);
    expect(meta.shape).toEqual([12, 64, 64]);
  });

  it('inverts: a preprocessed label map maps back onto the original grid', () => {
    const input = phantom();
    for (const p of [plan({}), plan({ spacing: [1.5, 0.7, 1.1], patchSize: [16, 16, 16] })]) {
      const { label, meta } = preprocessCase(input, p, options);
      const restored = restoreLabel(meta, label as Uint8Array);
      expect(restored.shape).toEqual([40, 36, 12]);
      expect(restored.affine).toEqual(input.image.affine);
      expect(dice(restored.data as Uint8Array, input.label.data, 1)).toBeGreaterThan(0.95);
      expect(dice(restored.data as Uint8Array, input.label.data, 2)).toBeGreaterThan(0.9);
    }
  });

  it('inverts probabilities: one-hot of the stored label maps back to the same classes', () => {
    const input = phantom();
    const { label, meta } = preprocessCase(input, plan({}), options);
    const stored = label as Uint8Array;
    const probabilities = new Float32Array(stored.length * 3);
    for (let i = 0; i < stored.length; i++) probabilities[i * 3 + stored[i]] = 1;
    const volume = restoreProbabilities(meta, probabilities, 3);
    expect(volume.channels).toBe(3);
    const size = 40 * 36 * 12;
    const argmax = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const p = [0, 1, 2].map((c) => volume.data[c * size + i]);
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
      argmax[i] = p.indexOf(Math.max(...p));
    }
    const viaLabel = restoreLabel(meta, stored).data as Uint8Array;
    let agree = 0;
    for (let i = 0; i < size; i++) if (argmax[i] === viaLabel[i]) agree++;
    expect(agree / size).toBeGreaterThan(0.999);
  });

  it('stores classes, not label values: values 300 and 1000 are stored as uint8 classes 1 and 2', () => {
    const input = phantom();
    const values = Uint16Array.from(input.label.data, (c) => [0, 300, 1000][c]!);
    const wide = { ...input, label: createVolume({ ...input.label, data: values, dtype: 'uint16' }) };
    const wideMap = new LabelMap({ '0': 'background', '300': 'ball', '1000': 'slab' });
    const stored = preprocessCase(wide, plan({}), { ...options, labelMap: wideMap });
    const reference = preprocessCase(input, plan({}), options);
    expect(stored.label).toBeInstanceOf(Uint8Array);
    expect(stored.label).toEqual(reference.label);
    expect(stored.meta.labelDtype).toBe('uint8');
    expect(stored.meta.labelsPresent).toEqual([1, 2]);
    expect(Object.keys(stored.meta.classLocations)).toEqual(['1', '2']);
    // a value the labels do not declare, or no labels at all, is an error naming the label file
    expect(() => preprocessCase(wide, plan({}), options)).toThrow(
      '/x/ph_label.nii.gz: has label values that dataset.json does not declare: 300 (',
    );
    expect(() => preprocessCase(input, plan({}), { ...options, labelMap: undefined })).toThrow(
      "/x/ph.nii.gz: a case with a label map needs the dataset's labels (labelMap) to store classes",
    );
  });

  it('names the files when channels do not match the plan', () => {
    const p = plan({ normalization: [{ scheme: 'none' }, { scheme: 'none' }] });
    expect(() => preprocessCase(phantom(), p, options)).toThrow(
      '/x/ph.nii.gz: 1 channel(s), but the plan has 2',
    );
  });
});
