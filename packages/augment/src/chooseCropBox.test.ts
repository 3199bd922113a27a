import { describe, expect, it } from 'vitest';
import { chooseCropBox } from './chooseCropBox';
import type { LabelObjects } from './labelObjects';
import { Random } from './random';
import { expectBinomial } from './internal/testing';

const DRAWS = 4000;

const objects: LabelObjects = {
  shape: [40, 30, 50],
  classes: [
    {
      label: 1,
      objects: [
        // larger than the patch along w
        { start: [10, 5, 2], end: [14, 9, 40], voxels: 100 },
        { start: [30, 20, 30], end: [32, 22, 32], voxels: 8 },
      ],
    },
    { label: 3, objects: [{ start: [0, 0, 45], end: [1, 1, 50], voxels: 5 }] },
  ],
};
const patch = [16, 16, 16] as const;

describe('chooseCropBox', () => {
  it('without oversampling: the start is uniform over the positions inside the volume', () => {
    const r = Random.derive(1);
    const counts = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
    for (let i = 0; i < DRAWS; i++) {
      const box = chooseCropBox(objects, patch, r, 0);
      expect(box.targetLabel).toBeNull();
      box.start.forEach((s, a) => counts[a].set(s, (counts[a].get(s) ?? 0) + 1));
    }
    counts.forEach((m, a) => {
      const positions = objects.shape[a] - patch[a] + 1;
      expect([...m.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: positions }, (_, k) => k));
      for (const c of m.values()) expectBinomial(c, DRAWS, 1 / positions);
    });
  });

  it('aims at a foreground object with probability `oversampling`, classes and the k largest objects uniformly', () => {
    const r = Random.derive(2);
    let aimed = 0;
    const perClass = new Map<number, number>();
    let smallObject = 0;
    for (let i = 0; i < DRAWS; i++) {
      const box = chooseCropBox(objects, patch, r, 0.33);
      if (box.targetLabel === null) continue;
      aimed++;
      perClass.set(box.targetLabel, (perClass.get(box.targetLabel) ?? 0) + 1);
      if (box.targetLabel === 1 && box.start[0] > 14) smallObject++;
    }
    expectBinomial(aimed, DRAWS, 0.33);
    expectBinomial(perClass.get(1) ?? 0, aimed, 0.5);
    expectBinomial(perClass.get(3) ?? 0, aimed, 0.5);
    expectBinomial(smallObject, perClass.get(1) ?? 0, 0.5);
  });

  it('an aimed patch holds an object smaller than itself whole, and lies inside one that is larger', () => {
    const r = Random.derive(3);
    const seen = { low: Infinity, high: -Infinity };
    for (let i = 0; i < DRAWS; i++) {
      const box = chooseCropBox(objects, patch, r, 1);
      const end = box.start.map((s, a) => s + patch[a]);
      // Inside the volume.
      box.start.forEach((s, a) => expect(s >= 0 && end[a] <= objects.shape[a]).toBe(true));
      const target = objects.classes.find((c) => c.label === box.targetLabel)!;
      const hit = target.objects.filter((o) =>
        o.start.every((s, a) =>
          o.end[a] - s >= patch[a]
            ? box.start[a] >= s && end[a] <= o.end[a]
            : box.start[a] <= s && end[a] >= o.end[a],
        ),
      );
      expect(hit.length).toBeGreaterThan(0);
      if (box.targetLabel === 1 && box.start[0] < 14) {
        seen.low = Math.min(seen.low, box.start[2]);
        seen.high = Math.max(seen.high, box.start[2]);
      }
    }
    // The large object spans w in [2, 40): every start from 2 to 40 - 16 occurs.
    expect(seen).toEqual({ low: 2, high: 24 });
  });

  it('centres the volume in a patch larger than it, uniformly among the covering positions', () => {
    const r = Random.derive(4);
    const small: LabelObjects = { shape: [4, 20, 6], classes: [] };
    const starts = new Map<number, number>();
    for (let i = 0; i < DRAWS; i++) {
      const box = chooseCropBox(small, [8, 16, 6], r, 1);
      expect(box.targetLabel).toBeNull();
      expect(box.start[0] <= 0 && box.start[0] + 8 >= 4).toBe(true);
      expect(box.start[2]).toBe(0);
      starts.set(box.start[0], (starts.get(box.start[0]) ?? 0) + 1);
    }
    expect([...starts.keys()].sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0]);
    for (const c of starts.values()) expectBinomial(c, DRAWS, 1 / 5);
  });

  it('rejects bad arguments by name', () => {
    const r = Random.derive(5);
    expect(() => chooseCropBox(objects, patch, r, 1.5)).toThrow(/oversampling/);
    expect(() => chooseCropBox(objects, [16, 16] as never, r, 0.3)).toThrow(/patch/);
  });
});
