import { describe, expect, it } from 'vitest';
import type { DatasetFingerprint } from '../fingerprint/DatasetFingerprint';
import { nnunetTopology, nvidiaTopology, totalStrides } from '@nnunet-ts/plans';
import { featureMapSize } from './featureMapSize';
import { planExperiment } from './planExperiment';
import { planLowres } from './planLowres';
import { planPatchAndBatch } from './planPatchAndBatch';
import { targetSpacing } from './targetSpacing';

describe('targetSpacing', () => {
  it('is the per-axis median for isotropic data', () => {
    expect(
      targetSpacing(
        [
          [1, 0.8, 0.8],
          [1.2, 0.7, 0.7],
          [0.9, 0.9, 0.9],
        ],
        [
          [100, 200, 200],
          [90, 210, 210],
          [120, 190, 190],
        ],
      ),
    ).toEqual([1, 0.8, 0.8]);
  });

  it('takes the 10th percentile of a coarse, short axis (nnU-Net anisotropy rule)', () => {
    const spacings = [5, 6, 3.5, 5, 5.5].map((z) => [z, 0.7, 0.7]);
    const shapes = spacings.map(() => [20, 400, 400]);
    // numpy: percentile([3.5, 5, 5, 5.5, 6], 10) = 3.5 + 0.4 · 1.5 = 4.1
    const t = targetSpacing(spacings, shapes);
    expect(t[0]).toBeCloseTo(4.1, 12);
    expect(t.slice(1)).toEqual([0.7, 0.7]);
  });

  it('keeps the median when the coarse axis is not also short', () => {
    const spacings = [5, 6, 3.5].map((z) => [z, 0.7, 0.7]);
    expect(
      targetSpacing(spacings, [
        [200, 400, 400],
        [200, 400, 400],
        [200, 400, 400],
      ])[0],
    ).toBe(5);
  });
});

describe('featureMapSize', () => {
  it('adds encoder, decoder, transposed-convolution and head outputs (worked example)', () => {
    // patch 56×40, strides 1,2,2,2, filters 32..256, 3 classes:
    // encoder 2·(32·2240 + 64·560 + 128·140 + 256·35) = 268800
    // decoder (3·128+3)·140 + (3·64+3)·560 + (3·32+3)·2240 = 385140
    const { topology } = nnunetTopology([56, 40], [1, 1]);
    expect(topology.strides).toEqual([
      [1, 1],
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(featureMapSize(topology, [56, 40], 3)).toBe(268800 + 385140);
  });
});

describe('planPatchAndBatch', () => {
  // Values from nnU-Net v2 plans files: Hippocampus (MSD Task04: 260 cases, median 36×50×35 at 1 mm, 3 labels)
  // and a BraTS-like tumour set (484 cases, median 138×170×138 at 1 mm, 4 labels). As nnU-Net, the 2D
  // batch-size cap uses the 3D dataset volume.
  it('reproduces nnU-Net v2 plans', () => {
    const hippoVoxels = 36 * 50 * 35 * 260;
    const h3 = planPatchAndBatch({
      spacing: [1, 1, 1],
      medianShape: [36, 50, 35],
      classes: 3,
      memoryTargetGb: 8,
      datasetVoxels: hippoVoxels,
    });
    expect([h3.patchSize, h3.batchSize]).toEqual([[40, 56, 40], 9]);
    const h2 = planPatchAndBatch({
      spacing: [1, 1],
      medianShape: [50, 35],
      classes: 3,
      memoryTargetGb: 8,
      datasetVoxels: hippoVoxels,
    });
    expect([h2.patchSize, h2.batchSize]).toEqual([[56, 40], 366]);
    const b2 = planPatchAndBatch({
      spacing: [1, 1],
      medianShape: [170, 138],
      classes: 4,
      memoryTargetGb: 8,
      datasetVoxels: 138 * 170 * 138 * 484,
    });
    expect([b2.patchSize, b2.batchSize]).toEqual([[192, 160], 105]);
  });

  it('shrinks the patch until two samples fit the memory budget, and grows the batch with more memory', () => {
    const input = { spacing: [0.8, 0.8, 0.8], medianShape: [300, 400, 400], classes: 5, datasetVoxels: 1e10 };
    let previous = 0;
    for (const memoryTargetGb of [2, 8, 24]) {
      const { topology, patchSize, batchSize } = planPatchAndBatch({ ...input, memoryTargetGb });
      const voxels = patchSize.reduce((a, b) => a * b, 1);
      expect(featureMapSize(topology, patchSize, 5)).toBeLessThanOrEqual(560e6 * (memoryTargetGb / 8));
      const strideProduct = totalStrides(topology.strides);
      patchSize.forEach((p, a) => expect(p % strideProduct[a]).toBe(0));
      expect(voxels * batchSize).toBeGreaterThanOrEqual(previous);
      expect(batchSize).toBeGreaterThanOrEqual(2);
      previous = voxels * batchSize;
    }
  });

  it('caps the batch at 5% of the dataset, but never below 2', () => {
    const small = planPatchAndBatch({
      spacing: [1, 1, 1],
      medianShape: [20, 20, 20],
      classes: 2,
      memoryTargetGb: 8,
      datasetVoxels: 20 ** 3 * 10,
    });
    expect(small.batchSize).toBe(2);
  });
});

function fingerprint(overrides: Partial<DatasetFingerprint> = {}): DatasetFingerprint {
  return {
    version: 1,
    datasetName: 'Spleen',
    channelNames: ['CT'],
    labels: { '0': 'background', '1': 'spleen' },
    caseIds: ['a', 'b', 'c'],
    spacings: [
      [5, 0.8, 0.8],
      [1.5, 0.7, 0.7],
      [2.5, 0.9, 0.9],
    ],
    shapesAfterCrop: [
      [40, 300, 300],
      [140, 320, 320],
      [90, 280, 280],
    ],
    medianRelativeSizeAfterCropping: 1,
    foregroundIntensityPropertiesPerChannel: [
      { mean: 100, median: 101, std: 30, min: -50, max: 300, percentile00_5: -20, percentile99_5: 220 },
    ],
    foregroundSamplesPerChannel: [1000],
    ...overrides,
  };
}

describe('planExperiment', () => {
  it('plans 3d_fullres and 2d with nnU-Net rules and CT normalization from the fingerprint', () => {
    const plans = planExperiment(fingerprint(), { memoryTargetGb: 8 });
    const c3 = plans.configurations['3d_fullres'];
    const c2 = plans.configurations['2d'];
    if (!c3 || !c2) throw new Error('both configurations expected');
    // z: median 2.5 > 3 · 0.8 and median 90 slices · 3 < 300, so the 10th percentile of [1.5, 2.5, 5]: 1.7
    expect(c3.spacing[0]).toBeCloseTo(1.7, 12);
    expect(c3.spacing.slice(1)).toEqual([0.8, 0.8]);
    expect(c2.spacing).toEqual([0.8, 0.8]);
    expect(c3.topologyRule).toBe('nnunet');
    expect(nnunetTopology(c3.patchSize, c3.spacing)).toEqual({
      topology: c3.topology,
      patchSize: c3.patchSize,
    });
    // median of the resampled shapes: round(40·5/1.7) = 118, round(140·1.5/1.7) = 124, round(90·2.5/1.7) = 132;
    // in-plane 300, 280, 315
    expect(c3.medianShape).toEqual([124, 300, 300]);
    expect(c3.normalization).toEqual([{ scheme: 'ct', clip: [-20, 220], mean: 100, std: 30 }]);
    expect(c3.resampling.image.interpolation).toBe('cubic');
    expect(c3.resampling.label.interpolation).toBe('linear');
    expect(plans.planner).toBe('nnunet');
  });

  it('uses z-score normalization for other channels, over nonzero voxels when cropping removed a lot', () => {
    const fp = fingerprint({ channelNames: ['T2', 'noNorm'], medianRelativeSizeAfterCropping: 0.5 });
    fp.foregroundIntensityPropertiesPerChannel = [null, null];
    const plans = planExperiment(fp);
    expect(plans.configurations['2d']?.normalization).toEqual([
      { scheme: 'zscore', nonzeroMask: true },
      { scheme: 'none' },
    ]);
    const whole = planExperiment({ ...fp, medianRelativeSizeAfterCropping: 0.9 });
    expect(whole.configurations['2d']?.normalization[0]).toEqual({ scheme: 'zscore', nonzeroMask: false });
  });

  it('reproduces the seed table under the nvidia planner (Task09 Spleen)', () => {
    const plans = planExperiment(fingerprint(), { planner: 'nvidia', msdTask: '9' });
    const c3 = plans.configurations['3d_fullres'];
    const c2 = plans.configurations['2d'];
    expect(plans.msdTask).toBe('09');
    expect(c3?.patchSize).toEqual([64, 192, 160]);
    expect(c3?.spacing).toEqual([1.6, 0.79, 0.79]);
    expect(c3?.topology).toEqual(nvidiaTopology([64, 192, 160], [1.6, 0.79, 0.79]));
    expect(c3?.batchSize).toBe(2);
    expect(c3?.normalization).toEqual([{ scheme: 'ct', clip: [-41, 176], mean: 99.29, std: 39.47 }]);
    expect(c2?.patchSize).toEqual([512, 512]);
    expect(c2?.spacing).toEqual([0.79, 0.79]);
    expect(c2?.batchSize).toBe(64);
  });

  it('says why the nvidia planner cannot plan a dataset that is not an MSD task', () => {
    expect(() => planExperiment(fingerprint(), { planner: 'nvidia' })).toThrow(
      'dataset Spleen is not one of them (name its folder TaskNN_* or pass --task NN)',
    );
    expect(() => planExperiment(fingerprint(), { planner: 'nvidia', msdTask: '12' })).toThrow('is task 12');
  });

  it('refuses CT normalization without any foreground voxels', () => {
    const fp = fingerprint({ foregroundIntensityPropertiesPerChannel: [null] });
    expect(() => planExperiment(fp)).toThrow('channel 0 (CT)');
  });

  it('plans only 2d for a dataset of single slices', () => {
    const fp = fingerprint({ spacings: [[1, 0.5, 0.5]], shapesAfterCrop: [[1, 256, 256]], caseIds: ['a'] });
    const plans = planExperiment(fp);
    expect(Object.keys(plans.configurations)).toEqual(['2d']);
  });
});

describe('planLowres (nnU-Net v2 3d_lowres)', () => {
  const plan = (spacing: number[], medianShape: number[], numTraining: number) => {
    const fullres = planPatchAndBatch({
      spacing,
      medianShape,
      classes: 2,
      memoryTargetGb: 8,
      datasetVoxels: medianShape.reduce((a, b) => a * b, 1) * numTraining,
    });
    return {
      fullres,
      lowres: planLowres({
        spacing,
        patchSize: fullres.patchSize,
        medianShape,
        numTraining,
        classes: 2,
        memoryTargetGb: 8,
      }),
    };
  };

  it('a large isotropic CT: the spacing grows by 3% steps until the patch covers a quarter of the image', () => {
    // 512³ at 1 mm, patch 128³ = 2,097,152 voxels throughout: (512/f)³ / 4 ≤ 2,097,152 needs
    // f ≥ 2.5198; 1.03^31 = 2.5001 is short of it, 1.03^32 = 2.5751 is the first step that suffices
    const { fullres, lowres } = plan([1, 1, 1], [512, 512, 512], 100);
    expect(fullres.patchSize).toEqual([128, 128, 128]);
    expect(lowres).toBeDefined();
    for (const s of lowres!.spacing) expect(s).toBeCloseTo(1.03 ** 32, 12);
    expect(lowres!.medianShape).toEqual([199, 199, 199]); // round(512 / 2.5751)
    expect(lowres!.patchSize).toEqual([128, 128, 128]);
    expect(lowres!.batchSize).toBe(2);
  });

  it('an anisotropic MR keeps its coarse axis while the fine ones are more than twice as fine', () => {
    const { lowres } = plan([4, 0.5, 0.5], [60, 640, 640], 50);
    expect(lowres).toBeDefined();
    expect(lowres!.spacing[0]).toBe(4);
    expect(lowres!.spacing[1]).toBe(lowres!.spacing[2]);
    expect(4 / lowres!.spacing[1]!).toBeGreaterThan(2);
    // a whole number of 3% steps on the fine axes
    const steps = Math.log(lowres!.spacing[1]! / 0.5) / Math.log(1.03);
    expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
    const [d, h, w] = lowres!.patchSize;
    expect((d! * h! * w!) / lowres!.medianShape.reduce((a, b) => a * b, 1)).toBeGreaterThanOrEqual(0.25);
  });

  it('a small image gets none: the full-res patch already covers it', () => {
    expect(plan([1, 1, 1], [64, 64, 64], 20).lowres).toBeUndefined();
  });

  it('planExperiment adds 3d_lowres to a large dataset, with the full-res normalization and resampling', () => {
    const ct = fingerprint({
      spacings: [1, 2, 3].map(() => [1, 1, 1]),
      shapesAfterCrop: [1, 2, 3].map(() => [512, 512, 512]),
    });
    const plans = planExperiment(ct);
    const [full, low] = [plans.configurations['3d_fullres']!, plans.configurations['3d_lowres']!];
    expect(low).toBeDefined();
    expect(low.dim).toBe(3);
    expect(low.normalization).toEqual(full.normalization);
    expect(low.resampling).toEqual(full.resampling);
    expect(low.spacing[0]).toBeGreaterThan(full.spacing[0]!);
    expect(Object.keys(plans.configurations).sort()).toEqual(['2d', '3d_fullres', '3d_lowres']);
    // the seed's planner and a small dataset plan none
    expect(planExperiment(fingerprint()).configurations['3d_lowres']).toBeUndefined();
  });
});

describe('--patch-size and --batch-size overrides', () => {
  const base = {
    spacing: [1, 1, 1],
    medianShape: [36, 50, 35],
    classes: 3,
    memoryTargetGb: 8,
    datasetVoxels: 36 * 50 * 35 * 260,
  };

  it('keeps a patch the topology divides, re-deriving the topology and the batch for it', () => {
    const planned = planPatchAndBatch({ ...base, patchSize: [32, 48, 32] });
    expect(planned.patchSize).toEqual([32, 48, 32]);
    expect(planned).toMatchObject(nnunetTopology([32, 48, 32], [1, 1, 1]));
    expect(planned.batchSize).toBeGreaterThanOrEqual(2);
    expect(planPatchAndBatch({ ...base, patchSize: [32, 48, 32], batchSize: 5 }).batchSize).toBe(5);
    expect(planPatchAndBatch({ ...base, batchSize: 3 }).batchSize).toBe(3);
  });

  it('refuses a patch the network cannot take, saying which axis and what would do', () => {
    expect(() => planPatchAndBatch({ ...base, patchSize: [36, 48, 32] })).toThrow(
      "--patch-size 36 48 32: patch size 36 on axis 0 is not divisible by the network's total stride 8 there; use a multiple of 8 (nnU-Net's rule would pad it to 40 48 32)",
    );
    expect(() => planPatchAndBatch({ ...base, patchSize: [2, 48, 32] })).toThrow(
      '--patch-size 2 48 32: 2 on axis 0 is below the smallest feature-map edge 4',
    );
    expect(() => planPatchAndBatch({ ...base, patchSize: [48, 32] })).toThrow(
      '--patch-size 48 32: a 3D configuration needs 3 sizes, got 2',
    );
  });

  it('planExperiment applies 3 sizes to 3d_fullres and 2 to 2d; the nvidia planner refuses them', () => {
    const plans = planExperiment(fingerprint(), { patchSize: [16, 64, 64], batchSize: 4 });
    expect(plans.configurations['3d_fullres']).toMatchObject({ patchSize: [16, 64, 64], batchSize: 4 });
    expect(plans.configurations['2d']!.batchSize).not.toBe(4);
    const flat = planExperiment(fingerprint(), { patchSize: [128, 128] });
    expect(flat.configurations['2d']!.patchSize).toEqual([128, 128]);
    expect(() =>
      planExperiment(fingerprint({ datasetName: 'Task09_Spleen' }), {
        planner: 'nvidia',
        msdTask: '09',
        patchSize: [64, 64, 64],
      }),
    ).toThrow("--patch-size and --batch-size adjust the nnunet planner's plan");
  });
});
