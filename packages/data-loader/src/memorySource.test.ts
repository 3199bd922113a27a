import { describe, expect, it } from 'vitest';
import type { Region } from './CaseSource';
import { memorySource } from './memorySource';
import { referenceRegion } from './internal/testing/referenceRegion';
import { syntheticCase } from './internal/testing/syntheticCase';

describe('memorySource', () => {
  const a = syntheticCase('a', [6, 7, 9], 3, [{ center: [3, 3, 4], radius: 2, label: 2 }]);
  const b = { ...syntheticCase('b', [4, 5, 6], 1), label: new Uint16Array(4 * 5 * 6).fill(300) };
  const source = memorySource([a, b]);

  it('lists, describes and reads whole cases', async () => {
    expect(source.ids).toEqual(['a', 'b']);
    expect(await source.header('a')).toEqual({ shape: [6, 7, 9], channels: 3 });
    const whole = await source.read('b');
    expect(whole.label).toBeInstanceOf(Uint16Array);
    expect(whole.image).toEqual(b.image);
    expect(await source.readLabel('a')).toEqual(a.label);
  });

  it('reads regions inside, across and outside the border like the voxel-by-voxel reference', async () => {
    const regions: Region[] = [
      { start: [1, 2, 3], size: [3, 4, 5] },
      { start: [-2, 5, -3], size: [4, 4, 6] },
      { start: [4, -1, 7], size: [5, 9, 4] },
      { start: [10, 0, 0], size: [2, 2, 2] },
    ];
    for (const region of regions) {
      for (const c of [a, b]) {
        const got = await source.read(c.id, region);
        const want = referenceRegion(c, region);
        expect(got.shape).toEqual(region.size);
        expect(Array.from(got.image)).toEqual(want.image);
        expect(Array.from(got.label)).toEqual(want.label);
        expect(got.label.constructor).toBe(c.label.constructor);
      }
    }
  });

  it('names the problem with bad cases and unknown ids', async () => {
    expect(() => memorySource([a, a])).toThrow("case id 'a' appears twice");
    expect(() => memorySource([{ ...a, shape: [6, 7, 8] }])).toThrow(
      /case 'a': image must be a Float32Array of 1008/,
    );
    expect(() => memorySource([{ ...a, label: new Int8Array(6 * 7 * 9) as unknown as Uint8Array }])).toThrow(
      /case 'a': label must be a Uint8Array or Uint16Array/,
    );
    await expect(source.read('zz')).rejects.toThrow("memorySource: no case 'zz'");
  });
});
