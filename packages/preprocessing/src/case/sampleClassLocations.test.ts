import { describe, expect, it } from 'vitest';
import { sampleClassLocations } from './sampleClassLocations';

describe('sampleClassLocations', () => {
  const shape = [4, 50, 60] as const;
  const label = new Uint8Array(4 * 50 * 60);
  // class 1: 6000 voxels, class 2: 40 voxels, class 5: none
  for (let i = 0; i < 6000; i++) label[i * 2] = 1;
  for (let i = 0; i < 40; i++) label[i * 2 + 1] = 2;

  it('returns voxels of the right class, distinct, within the caps', () => {
    const locations = sampleClassLocations(label, shape, { maxPerClass: 500 });
    expect(Object.keys(locations)).toEqual(['1', '2']);
    expect(locations['1']).toHaveLength(500);
    expect(locations['2']).toHaveLength(40);
    for (const [cls, list] of Object.entries(locations)) {
      const seen = new Set<string>();
      for (const [d, h, w] of list) {
        expect(label[(d * shape[1] + h) * shape[2] + w]).toBe(Number(cls));
        seen.add(`${d},${h},${w}`);
      }
      expect(seen.size).toBe(list.length);
    }
  });

  it('keeps at least the minimum fraction of a large class', () => {
    const locations = sampleClassLocations(label, shape, { maxPerClass: 10, minFraction: 0.05 });
    expect(locations['1']).toHaveLength(300);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = sampleClassLocations(label, shape, { maxPerClass: 50, seed: 1 });
    const b = sampleClassLocations(label, shape, { maxPerClass: 50, seed: 1 });
    const c = sampleClassLocations(label, shape, { maxPerClass: 50, seed: 2 });
    expect(a).toEqual(b);
    expect(a['1']).not.toEqual(c['1']);
  });
});
