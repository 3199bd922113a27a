import type { Mat4, Vec3 } from './affine';

/** World coordinates (mm) of a (possibly fractional) voxel index. */
export function indexToWorld(volume: { readonly affine: Mat4 }, index: Vec3): Vec3 {
  const a = volume.affine;
  const row = (r: number) => a[r][0] * index[0] + a[r][1] * index[1] + a[r][2] * index[2] + a[r][3];
  return [row(0), row(1), row(2)];
}
