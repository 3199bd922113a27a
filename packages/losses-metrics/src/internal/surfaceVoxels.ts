/**
 * Marks the voxels of `mask` that touch the outside of the mask through a face (6-neighbourhood in
 * 3D, 4 in 2D); voxels on the border of the grid count as surface, as if the grid were padded with zeros.
 */
export function surfaceVoxels(mask: Uint8Array, shape: readonly number[]): Uint8Array {
  const surface = new Uint8Array(mask.length);
  const strides = shape.map((_, axis) => shape.slice(0, axis).reduce((a, b) => a * b, 1));
  const coords = new Array<number>(shape.length).fill(0);
  for (let index = 0; index < mask.length; index++) {
    if (mask[index]) {
      let onSurface = false;
      for (let axis = 0; axis < shape.length && !onSurface; axis++) {
        const c = coords[axis]!;
        const step = strides[axis]!;
        if (c === 0 || c === shape[axis]! - 1 || !mask[index - step] || !mask[index + step]) onSurface = true;
      }
      if (onSurface) surface[index] = 1;
    }
    for (let axis = 0; axis < shape.length; axis++) {
      if (++coords[axis]! < shape[axis]!) break;
      coords[axis] = 0;
    }
  }
  return surface;
}
