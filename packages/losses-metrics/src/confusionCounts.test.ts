import { describe, expect, it } from 'vitest';
import { lcg } from './internal/testing/lcg';
import { confusionCounts } from './confusionCounts';
import { diceFromCounts, iouFromCounts } from './overlapMetrics';

describe('confusionCounts', () => {
  it('matches a voxel-by-voxel count on random label maps', () => {
    const random = lcg(7);
    const prediction = Uint8Array.from({ length: 5000 }, () => Math.floor(random() * 4));
    const reference = Uint8Array.from({ length: 5000 }, () => Math.floor(random() * 4));
    const counts = confusionCounts(prediction, reference, [1, 2, 3]);
    for (const c of [1, 2, 3]) {
      let TP = 0;
      let FP = 0;
      let FN = 0;
      let TN = 0;
      for (let i = 0; i < prediction.length; i++) {
        const p = prediction[i] === c;
        const r = reference[i] === c;
        if (p && r) TP++;
        else if (p) FP++;
        else if (r) FN++;
        else TN++;
      }
      expect(counts.get(c)).toEqual({ TP, FP, FN, TN, n_pred: TP + FP, n_ref: TP + FN });
    }
  });

  it('counts labels outside the scored classes as neither', () => {
    const counts = confusionCounts([0, 1, 7, 7], [1, 1, 0, 7], [1]).get(1)!;
    expect(counts).toEqual({ TP: 1, FP: 0, FN: 1, TN: 2, n_pred: 1, n_ref: 2 });
  });

  it('scores uint16 label values with a histogram the size of the classes, not of the values', () => {
    const prediction = Uint16Array.of(0, 300, 300, 65535, 1000, 1, 7);
    const reference = Uint16Array.of(0, 300, 1000, 65535, 1000, 0, 7);
    const counts = confusionCounts(prediction, reference, [1, 300, 1000, 65535]);
    expect(counts.get(300)).toEqual({ TP: 1, FP: 1, FN: 0, TN: 5, n_pred: 2, n_ref: 1 });
    expect(counts.get(1000)).toEqual({ TP: 1, FP: 0, FN: 1, TN: 5, n_pred: 1, n_ref: 2 });
    expect(counts.get(65535)).toEqual({ TP: 1, FP: 0, FN: 0, TN: 6, n_pred: 1, n_ref: 1 });
    expect(counts.get(1)).toEqual({ TP: 0, FP: 1, FN: 0, TN: 6, n_pred: 1, n_ref: 0 });
    expect(() => confusionCounts([0], [0], [70000])).toThrow('classes: 70000 is not a label value');
  });

  it('refuses label maps of different sizes', () => {
    expect(() => confusionCounts([0, 1], [0, 1, 1], [1])).toThrow(/2 voxels but the reference has 3/);
  });
});

describe('Dice and IoU', () => {
  it('follow their definitions', () => {
    const counts = { TP: 6, FP: 2, FN: 4, TN: 100, n_pred: 8, n_ref: 10 };
    expect(diceFromCounts(counts)).toBeCloseTo(12 / 18, 12);
    expect(iouFromCounts(counts)).toBeCloseTo(6 / 12, 12);
  });

  it('score an absent class as 1 (seed) or NaN (nnU-Net v2), and a missed class as 0', () => {
    const absent = { TP: 0, FP: 0, FN: 0, TN: 10, n_pred: 0, n_ref: 0 };
    expect(diceFromCounts(absent)).toBe(1);
    expect(diceFromCounts(absent, 'nan')).toBeNaN();
    expect(iouFromCounts(absent, 'nan')).toBeNaN();
    expect(diceFromCounts({ TP: 0, FP: 0, FN: 5, TN: 5, n_pred: 0, n_ref: 5 })).toBe(0);
  });
});
