import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { gridPreprocessor } from './gridPreprocessor';

const affine: Mat4 = [
  [0, 0, -3, 10],
  [0.5, 0, 0, 20],
  [0, 2, 0, 30],
  [0, 0, 0, 1],
];

describe('gridPreprocessor', () => {
  it('interleaves the channels per voxel in network order [D, H, W] and restores the image grid', () => {
    // 2 × 3 × 2 voxels, 2 channels: channel c of voxel (i, j, k) holds 1000c + 100k + 10j + i
    const [nI, nJ, nK] = [2, 3, 2];
    const data = new Int16Array(nI * nJ * nK * 2);
    const value = (i: number, j: number, k: number, c: number) => 1000 * c + 100 * k + 10 * j + i;
    for (let c = 0; c < 2; c++)
      for (let k = 0; k < nK; k++)
        for (let j = 0; j < nJ; j++)
          for (let i = 0; i < nI; i++) data[i + nI * (j + nJ * (k + nK * c))] = value(i, j, k, c);
    const image = createVolume({ data, shape: [nI, nJ, nK], channels: 2, affine });
    // spacing (zooms) [0.5, 2, 3] → network order [3, 2, 0.5]
    const input = gridPreprocessor(image, { patchSize: [2, 2, 2], spacing: [3, 2, 0.5] });
    expect(input.shape).toEqual([nK, nJ, nI]);
    expect(input.channels).toBe(2);
    for (let k = 0; k < nK; k++)
      for (let j = 0; j < nJ; j++)
        for (let i = 0; i < nI; i++)
          for (let c = 0; c < 2; c++)
            expect(input.data[((k * nJ + j) * nI + i) * 2 + c]).toBe(value(i, j, k, c));
    const labels = Uint8Array.from({ length: nI * nJ * nK }, (_, n) => n % 3);
    const restored = input.restore(labels);
    expect(restored.shape).toEqual(image.shape);
    expect(restored.affine).toEqual(image.affine);
    expect(restored.data).toBe(labels);
  });

  it('compares a 2D plan with the in-plane spacing only', () => {
    const image = createVolume({ data: new Float32Array(8), shape: [2, 2, 2], affine });
    expect(gridPreprocessor(image, { patchSize: [2, 2], spacing: [2, 0.5] }).shape).toEqual([2, 2, 2]);
  });

  it('refuses images it would have to resample or normalize', () => {
    const image = createVolume({ data: new Float32Array(8), shape: [2, 2, 2], affine });
    expect(() => gridPreprocessor(image, { patchSize: [2, 2, 2], spacing: [3, 2, 0.6] })).toThrow(
      "the image's spacing [3, 2, 0.5] mm is not the plan's [3, 2, 0.6]: resampling in the browser waits for packages/preprocessing",
    );
    expect(() =>
      gridPreprocessor(image, {
        patchSize: [2, 2, 2],
        spacing: [3, 2, 0.5],
        normalization: [{ scheme: 'zscore' }],
      }),
    ).toThrow(/normalizes with 'zscore'/);
    expect(() =>
      gridPreprocessor(image, {
        patchSize: [2, 2, 2],
        spacing: [3, 2, 0.5],
        normalization: [{ scheme: 'none' }, { scheme: 'none' }],
      }),
    ).toThrow('the model takes 2 channel(s), the image has 1');
  });
});
