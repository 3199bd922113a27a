import { describe, expect, it } from 'vitest';
import { casesOfRank, mergeRankParts } from './CaseShare';

describe('casesOfRank / mergeRankParts', () => {
  const cases = Array.from({ length: 7 }, (_, i) => `case_${i}`);

  it('deals the cases out round-robin: disjoint parts that make up the whole', () => {
    expect(casesOfRank(cases, { rank: 0, size: 3 })).toEqual(['case_0', 'case_3', 'case_6']);
    expect(casesOfRank(cases, { rank: 2, size: 3 })).toEqual(['case_2', 'case_5']);
    expect(casesOfRank(cases)).toEqual(cases);
    // more ranks than cases: the last ranks have nothing to do
    expect(casesOfRank(cases.slice(0, 2), { rank: 3, size: 4 })).toEqual([]);
  });

  it.each([1, 2, 3, 7, 9])('the parts of %i rank(s), merged, are the list in its order', (size) => {
    const parts = Array.from({ length: size }, (_, rank) => casesOfRank(cases, { rank, size }));
    expect(mergeRankParts(parts)).toEqual(cases);
  });
});
