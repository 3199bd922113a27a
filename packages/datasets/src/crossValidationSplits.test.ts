import { describe, expect, it } from 'vitest';
import { crossValidationSplits } from './crossValidationSplits';
import { LegacyRandomState } from './internal/LegacyRandomState';

// Validation indices (into the sorted ids) that scikit-learn's KFold(k, shuffle=True, random_state=seed)
// gives, computed once with numpy 2.4 RandomState and the KFold fold-size rule.
const expectedValidation: { n: number; folds: number; seed: number; val: number[][] }[] = [
  { n: 6, folds: 5, seed: 12345, val: [[3, 5], [4], [0], [1], [2]] },
  {
    n: 23,
    folds: 5,
    seed: 12345,
    val: [
      [3, 8, 10, 17, 19],
      [0, 7, 12, 15, 16],
      [6, 11, 14, 18, 20],
      [9, 13, 21, 22],
      [1, 2, 4, 5],
    ],
  },
  {
    n: 10,
    folds: 3,
    seed: 12345,
    val: [
      [0, 3, 7, 9],
      [1, 4, 6],
      [2, 5, 8],
    ],
  },
];

const ids = (n: number) => Array.from({ length: n }, (_, i) => `case_${String(i).padStart(3, '0')}`);

describe('crossValidationSplits', () => {
  for (const { n, folds, seed, val } of expectedValidation) {
    it(`matches scikit-learn KFold for ${n} cases, ${folds} folds, seed ${seed}`, () => {
      const cases = ids(n);
      const splits = crossValidationSplits([...cases].reverse(), { folds, seed });
      expect(splits.map((fold) => fold.val)).toEqual(val.map((fold) => fold.map((i) => cases[i])));
      for (const fold of splits) {
        expect([...fold.train, ...fold.val].sort()).toEqual(cases);
        expect(fold.train).toEqual([...fold.train].sort());
      }
    });
  }

  it('matches numpy on a large permutation with another seed', () => {
    const [first] = crossValidationSplits(ids(700), { seed: 1 });
    expect(first!.val.slice(0, 10)).toEqual([0, 8, 13, 16, 19, 23, 34, 35, 41, 47].map((i) => ids(700)[i]));
  });

  it('explains impossible requests', () => {
    expect(() => crossValidationSplits(ids(3))).toThrow(
      /5 folds need at least 5 cases, but the dataset has 3/,
    );
    expect(() => crossValidationSplits(['a', 'b', 'a'], { folds: 2 })).toThrow(/"a" appears more than once/);
    expect(() => crossValidationSplits(ids(6), { folds: 1 })).toThrow(/integer ≥ 2/);
  });
});

describe('LegacyRandomState', () => {
  it('draws the same 32-bit numbers as numpy RandomState(12345)', () => {
    // numpy: RandomState(12345)._bit_generator.random_raw(3)
    const random = new LegacyRandomState(12345);
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([
      3992670690, 3823185381, 1358822685,
    ]);
  });
});
