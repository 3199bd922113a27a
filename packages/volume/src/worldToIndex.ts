import type { Mat4, Vec3 } from './affine';
import { indexToWorld } from './indexToWorld';
import { invertAffine } from './internal/mat4';

/** The continuous voxel index of a world point (the inverse of indexToWorld); round it to get a voxel. */
export function worldToIndex(volume: { readonly affine: Mat4 }, world: Vec3): Vec3 {
  return indexToWorld({ affine: invertAffine(volume.affine) }, world);
}
