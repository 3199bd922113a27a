import type { Shape3 } from '../Sample';

/** A connected blob of voxels sharing one non-zero label, with its half-open bounding box. */
export interface Component {
  label: number;
  voxels: number;
  start: [number, number, number];
  end: [number, number, number];
}

/**
 * Connected components of every non-zero label of a [D, H, W] label map: 6-connectivity joins voxels
 * that share a face, 26-connectivity also edges and corners. Union-find over a scan in memory order;
 * the components come out in the order of their first voxel, so the result is deterministic.
 */
export function connectedComponents(label: Uint8Array, shape: Shape3, connectivity: 6 | 26): Component[] {
  const [D, H, W] = shape;
  const parent = new Int32Array(label.length).fill(-1);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    // The smaller index becomes the root, so a root is always its component's first voxel.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  const neighbours = earlierNeighbours(connectivity);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        const value = label[i];
        if (value === 0) continue;
        parent[i] = i;
        for (const [dd, dh, dw] of neighbours) {
          const nd = d + dd;
          const nh = h + dh;
          const nw = w + dw;
          if (nd < 0 || nh < 0 || nh >= H || nw < 0 || nw >= W) continue;
          const j = (nd * H + nh) * W + nw;
          if (label[j] === value) union(i, j);
        }
      }
    }
  }
  const components: Component[] = [];
  const slot = new Map<number, Component>();
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        if (label[i] === 0) continue;
        const root = find(i);
        let c = slot.get(root);
        if (c === undefined) {
          c = { label: label[i], voxels: 0, start: [d, h, w], end: [d + 1, h + 1, w + 1] };
          slot.set(root, c);
          components.push(c);
        }
        c.voxels++;
        if (h < c.start[1]) c.start[1] = h;
        if (w < c.start[2]) c.start[2] = w;
        if (d + 1 > c.end[0]) c.end[0] = d + 1;
        if (h + 1 > c.end[1]) c.end[1] = h + 1;
        if (w + 1 > c.end[2]) c.end[2] = w + 1;
      }
    }
  }
  return components;
}

/** Neighbour offsets that come before a voxel in memory order (the ones already visited by the scan). */
function earlierNeighbours(connectivity: 6 | 26): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let dd = -1; dd <= 0; dd++) {
    for (let dh = -1; dh <= 1; dh++) {
      for (let dw = -1; dw <= 1; dw++) {
        const before = dd < 0 || (dd === 0 && (dh < 0 || (dh === 0 && dw < 0)));
        if (!before) continue;
        const faces = Math.abs(dd) + Math.abs(dh) + Math.abs(dw);
        if (connectivity === 26 || faces === 1) out.push([dd, dh, dw]);
      }
    }
  }
  return out;
}
