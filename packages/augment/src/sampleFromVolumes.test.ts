import { createVolume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { createSample } from './Sample';
import { sampleFromVolumes } from './sampleFromVolumes';

describe('sampleFromVolumes', () => {
  it('reads NIfTI order [nI, nJ, nK] as [D, H, W] = [nK, nJ, nI] and interleaves the channels', () => {
    const [nI, nJ, nK] = [4, 3, 2];
    // Value encodes (i, j, k, channel) so every voxel can be traced.
    const data = new Int16Array(nI * nJ * nK * 2);
    for (let ch = 0; ch < 2; ch++)
      for (let k = 0; k < nK; k++)
        for (let j = 0; j < nJ; j++)
          for (let i = 0; i < nI; i++)
            data[i + nI * (j + nJ * (k + nK * ch))] = 1000 * ch + 100 * k + 10 * j + i;
    const labels = new Uint16Array(nI * nJ * nK).map((_, v) => v % 3);
    const s = sampleFromVolumes(
      createVolume({ data, shape: [nI, nJ, nK], channels: 2 }),
      createVolume({ data: labels, shape: [nI, nJ, nK] }),
    );
    expect(s.shape).toEqual([nK, nJ, nI]);
    expect(s.channels).toBe(2);
    expect(createSample(s)).toBe(s);
    for (let d = 0; d < nK; d++)
      for (let h = 0; h < nJ; h++)
        for (let w = 0; w < nI; w++) {
          const v = (d * nJ + h) * nI + w;
          expect(s.image[v * 2]).toBe(100 * d + 10 * h + w);
          expect(s.image[v * 2 + 1]).toBe(1000 + 100 * d + 10 * h + w);
          expect(s.label[v]).toBe(v % 3);
        }
  });

  it('rejects labels that are not class ids and mismatched shapes', () => {
    const image = createVolume({ data: new Float32Array(8), shape: [2, 2, 2] });
    expect(() =>
      sampleFromVolumes(image, createVolume({ data: new Float32Array(8).fill(0.5), shape: [2, 2, 2] })),
    ).toThrow(/label voxel 0 is 0.5/);
    expect(() =>
      sampleFromVolumes(image, createVolume({ data: new Int16Array(8).fill(300), shape: [2, 2, 2] })),
    ).toThrow(/\[0, 255\]/);
    expect(() =>
      sampleFromVolumes(image, createVolume({ data: new Uint8Array(12), shape: [2, 3, 2] })),
    ).toThrow(/image shape \[2, 2, 2\] differs from label shape \[2, 3, 2\]/);
  });
});
