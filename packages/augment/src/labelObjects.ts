import { checkShape, type Shape3 } from './Sample';
import { connectedComponents } from './internal/connectedComponents';

/** A connected blob of one class: half-open bounding box [start, end) in [D, H, W] voxels. */
export interface LabelObject {
  readonly start: readonly [number, number, number];
  readonly end: readonly [number, number, number];
  readonly voxels: number;
}

/**
 * The objects the foreground-biased crop chooses from: for every class present in a label map, its
 * `kLargest` connected blobs by bounding-box volume (DALI's `random_object_bbox` ranks by box volume;
 * ties keep scan order). Plain JSON: compute it once per case and cache it (DALI's `cache_objects=True`).
 */
export interface LabelObjects {
  readonly shape: Shape3;
  readonly classes: readonly { readonly label: number; readonly objects: readonly LabelObject[] }[];
}

export interface LabelObjectsOptions {
  /** Blobs kept per class (default 2, the seed's `k_largest=2`). */
  kLargest?: number;
  /** 6 (faces, DALI's rule, default) or 26 (faces, edges and corners). */
  connectivity?: 6 | 26;
}

/** Finds the connected blobs of each non-zero class of a [D, H, W] label map. */
export function labelObjects(
  label: Uint8Array,
  shape: Shape3,
  options: LabelObjectsOptions = {},
): LabelObjects {
  const { kLargest = 2, connectivity = 6 } = options;
  checkShape('labelObjects: shape', shape);
  if (!(label instanceof Uint8Array) || label.length !== shape[0] * shape[1] * shape[2]) {
    throw new RangeError(
      `labelObjects: label must be a Uint8Array of ${shape[0] * shape[1] * shape[2]} elements for shape [${shape.join(', ')}]`,
    );
  }
  if (!Number.isInteger(kLargest) || kLargest < 1) {
    throw new RangeError(`labelObjects: kLargest must be a positive integer, got ${kLargest}`);
  }
  if (connectivity !== 6 && connectivity !== 26) {
    throw new RangeError(`labelObjects: connectivity must be 6 or 26, got ${connectivity}`);
  }
  const byClass = new Map<number, LabelObject[]>();
  for (const c of connectedComponents(label, shape, connectivity)) {
    const list = byClass.get(c.label) ?? [];
    list.push({ start: c.start, end: c.end, voxels: c.voxels });
    byClass.set(c.label, list);
  }
  const boxVolume = (o: LabelObject) =>
    (o.end[0] - o.start[0]) * (o.end[1] - o.start[1]) * (o.end[2] - o.start[2]);
  const classes = [...byClass.keys()]
    .sort((a, b) => a - b)
    .map((cls) => ({
      label: cls,
      // Array.prototype.sort is stable, so equal boxes keep their scan order.
      objects: byClass
        .get(cls)!
        .sort((a, b) => boxVolume(b) - boxVolume(a))
        .slice(0, kLargest),
    }));
  return { shape: [shape[0], shape[1], shape[2]], classes };
}
