import { createVolume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { aggregateFingerprint } from './aggregateFingerprint';
import { caseFingerprint } from './caseFingerprint';

/** A 6×5×4 (i, j, k) case: image values v(i, j, k) = 100·k + 10·j + i inside a nonzero box, label 1 or 2 in part of it. */
function makeCase(offset: number) {
  const shape = [6, 5, 4] as const;
  const image = new Float32Array(6 * 5 * 4);
  const label = new Uint8Array(6 * 5 * 4);
  for (let k = 0; k < 4; k++)
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 6; i++) {
        const at = i + 6 * (j + 5 * k);
        if (i >= 1 && i <= 4 && j >= 1 && k <= 2) image[at] = 100 * k + 10 * j + i + offset - 500;
        if (i >= 2 && i <= 3 && j >= 2 && j <= 3 && k === 1) label[at] = j === 2 ? 1 : 2;
      }
  const spacing = [0.8, 0.8, 2.5] as [number, number, number];
  return {
    image: createVolume({ data: image, shape: [...shape], spacing }),
    label: createVolume({ data: label, shape: [...shape], spacing }),
  };
}

describe('fingerprint', () => {
  it('records the crop, spacing (array order) and every foreground intensity of a case', () => {
    const { image, label } = makeCase(0);
    const f = caseFingerprint('a', image, label, { maxSamples: 1000 });
    expect(f.spacing).toEqual([2.5, 0.8, 0.8]);
    expect(f.shapeBeforeCrop).toEqual([4, 5, 6]);
    // nonzero box: i 1..4, j 1..4, k 0..2
    expect(f.shapeAfterCrop).toEqual([3, 4, 4]);
    expect(f.labels).toEqual([1, 2]);
    const expected = [122, 123, 132, 133].map((v) => v - 500);
    expect(Array.from(f.foregroundIntensities[0]).sort((a, b) => a - b)).toEqual(expected);
  });

  it('samples at most maxSamples foreground voxels, reproducibly', () => {
    const { image, label } = makeCase(0);
    const a = caseFingerprint('a', image, label, { maxSamples: 3 });
    const b = caseFingerprint('a', image, label, { maxSamples: 3 });
    expect(a.foregroundIntensities[0]).toHaveLength(3);
    expect(a.foregroundIntensities[0]).toEqual(b.foregroundIntensities[0]);
  });

  it('aggregates the statistics of all samples with numpy percentile semantics', () => {
    const cases = [0, 1000].map((offset, n) => {
      const { image, label } = makeCase(offset);
      return caseFingerprint(`case${n}`, image, label, { maxSamples: 1000 });
    });
    const dataset = {
      name: 'toy',
      channelNames: ['CT'],
      labels: new Map([
        [0, 'bg'],
        [1, 'a'],
        [2, 'b'],
      ]),
    };
    const fp = aggregateFingerprint(dataset, [cases[1], cases[0]]);
    expect(fp.caseIds).toEqual(['case0', 'case1']);
    expect(fp.medianRelativeSizeAfterCropping).toBeCloseTo(48 / 120, 12);
    const values = [-378, -377, -368, -367, 622, 623, 632, 633];
    const p = fp.foregroundIntensityPropertiesPerChannel[0];
    expect(p).toEqual({
      mean: 127.5,
      median: (-367 + 622) / 2,
      std: expect.closeTo(Math.sqrt(values.reduce((s, v) => s + (v - 127.5) ** 2, 0) / 8), 9),
      min: -378,
      max: 633,
      // numpy: position p/100·(n−1) between sorted neighbours
      percentile00_5: expect.closeTo(-378 + 0.035 * 1, 9),
      percentile99_5: expect.closeTo(632 + 0.965 * 1, 9),
    });
    expect(fp.labels).toEqual({ '0': 'bg', '1': 'a', '2': 'b' });
  });
});
