import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import { connectedComponents, type Component } from './connectedComponents';

/** Flood fill from each unvisited voxel in memory order: the obvious, slow reference. */
function floodFill(label: Uint8Array, shape: [number, number, number], connectivity: 6 | 26): Component[] {
  const [D, H, W] = shape;
  const seen = new Uint8Array(label.length);
  const out: Component[] = [];
  const steps: number[][] = [];
  for (let a = -1; a <= 1; a++)
    for (let b = -1; b <= 1; b++)
      for (let c = -1; c <= 1; c++) {
        const n = Math.abs(a) + Math.abs(b) + Math.abs(c);
        if (n > 0 && (connectivity === 26 || n === 1)) steps.push([a, b, c]);
      }
  for (let i = 0; i < label.length; i++) {
    if (label[i] === 0 || seen[i]) continue;
    const value = label[i];
    const comp: Component = { label: value, voxels: 0, start: [D, H, W], end: [0, 0, 0] };
    const stack = [i];
    seen[i] = 1;
    while (stack.length) {
      const j = stack.pop()!;
      const p = [Math.floor(j / (H * W)), Math.floor(j / W) % H, j % W];
      comp.voxels++;
      for (let a = 0; a < 3; a++) {
        comp.start[a] = Math.min(comp.start[a], p[a]);
        comp.end[a] = Math.max(comp.end[a], p[a] + 1);
      }
      for (const s of steps) {
        const q = [p[0] + s[0], p[1] + s[1], p[2] + s[2]];
        if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] >= D || q[1] >= H || q[2] >= W) continue;
        const k = (q[0] * H + q[1]) * W + q[2];
        if (!seen[k] && label[k] === value) {
          seen[k] = 1;
          stack.push(k);
        }
      }
    }
    out.push(comp);
  }
  return out;
}

describe('connectedComponents', () => {
  it('matches a flood fill on random label maps, for 6- and 26-connectivity', () => {
    const r = Random.derive(11);
    for (let trial = 0; trial < 6; trial++) {
      const shape: [number, number, number] = [5 + r.int(8), 5 + r.int(8), 5 + r.int(8)];
      const label = Uint8Array.from({ length: shape[0] * shape[1] * shape[2] }, () =>
        r.chance(0.35) ? 1 + r.int(2) : 0,
      );
      for (const connectivity of [6, 26] as const) {
        expect(connectedComponents(label, shape, connectivity)).toEqual(
          floodFill(label, shape, connectivity),
        );
      }
    }
  });

  it('joins voxels touching by a corner only with 26-connectivity', () => {
    const label = new Uint8Array(8);
    label[0] = 1; // (0, 0, 0)
    label[7] = 1; // (1, 1, 1)
    expect(connectedComponents(label, [2, 2, 2], 6)).toHaveLength(2);
    expect(connectedComponents(label, [2, 2, 2], 26)).toEqual([
      { label: 1, voxels: 2, start: [0, 0, 0], end: [2, 2, 2] },
    ]);
  });

  it('keeps touching blobs of different labels apart', () => {
    const label = Uint8Array.from([1, 1, 2, 2]);
    expect(connectedComponents(label, [1, 1, 4], 26).map((c) => [c.label, c.voxels])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
