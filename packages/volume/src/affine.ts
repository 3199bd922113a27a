/** Geometry types shared by every volume helper. Matrices are row-major nested tuples. */
export type Vec3 = readonly [number, number, number];
export type Vec4 = readonly [number, number, number, number];
export type Mat3 = readonly [Vec3, Vec3, Vec3];
/** A voxel-to-world affine: world = A · [i, j, k, 1]. The last row is [0, 0, 0, 1]. */
export type Mat4 = readonly [Vec4, Vec4, Vec4, Vec4];

/** The affine with the given voxel spacing, unit direction columns (3×3, row-major) and origin. */
export function composeAffine(spacing: Vec3, direction: Mat3, origin: Vec3): Mat4 {
  const row = (r: 0 | 1 | 2): Vec4 => [
    direction[r][0] * spacing[0],
    direction[r][1] * spacing[1],
    direction[r][2] * spacing[2],
    origin[r],
  ];
  return [row(0), row(1), row(2), [0, 0, 0, 1]];
}

/** Length of each of the affine's first three columns: the world distance between neighbouring voxels. */
export function columnNorms(affine: Mat4): Vec3 {
  const norm = (c: number) => Math.hypot(affine[0][c], affine[1][c], affine[2][c]);
  return [norm(0), norm(1), norm(2)];
}
