import { describe, expect, it } from 'vitest';
import { labelObjects } from './labelObjects';
import { sampleOf } from './internal/testing';

describe('labelObjects', () => {
  // Class 2: three blobs along w with boxes of 1, 8 and 4 voxels (the 2-voxel-long bar has a 2x2x2 box);
  // class 5: one blob.
  const s = sampleOf(
    [4, 4, 12],
    1,
    () => 0,
    (d, h, w) => {
      if (d === 0 && h === 0 && w === 0) return 2;
      if (d < 2 && h < 2 && w >= 3 && w < 5 && (d === h || w === 3)) return 2;
      if (d === 3 && h === 3 && w >= 6 && w < 10) return 2;
      if (d === 2 && w === 11) return 5;
      return 0;
    },
  );

  it('keeps the k largest blobs per class by bounding-box volume, classes in increasing order', () => {
    const objects = labelObjects(s.label, s.shape);
    expect(objects.shape).toEqual([4, 4, 12]);
    expect(objects.classes.map((c) => c.label)).toEqual([2, 5]);
    expect(objects.classes[0].objects).toEqual([
      { start: [0, 0, 3], end: [2, 2, 5], voxels: 6 },
      { start: [3, 3, 6], end: [4, 4, 10], voxels: 4 },
    ]);
    expect(objects.classes[1].objects).toEqual([{ start: [2, 0, 11], end: [3, 4, 12], voxels: 4 }]);
    expect(labelObjects(s.label, s.shape, { kLargest: 5 }).classes[0].objects).toHaveLength(3);
  });

  it('splits diagonal contacts with 6-connectivity and joins them with 26', () => {
    const diagonal = sampleOf(
      [2, 2, 2],
      1,
      () => 0,
      (d, h, w) => (d === h && h === w ? 1 : 0),
    );
    expect(labelObjects(diagonal.label, diagonal.shape, { kLargest: 9 }).classes[0].objects).toHaveLength(2);
    expect(
      labelObjects(diagonal.label, diagonal.shape, { kLargest: 9, connectivity: 26 }).classes[0].objects,
    ).toHaveLength(1);
  });

  it('returns no classes for an empty label map and names bad arguments', () => {
    expect(labelObjects(new Uint8Array(8), [2, 2, 2]).classes).toEqual([]);
    expect(() => labelObjects(new Uint8Array(7), [2, 2, 2])).toThrow(
      /labelObjects: label must be a Uint8Array of 8/,
    );
    expect(() => labelObjects(new Uint8Array(8), [2, 2, 2], { kLargest: 0 })).toThrow(/kLargest/);
    expect(() => labelObjects(new Uint8Array(8), [2, 2, 2], { connectivity: 8 as 6 })).toThrow(
      /connectivity/,
    );
  });
});
