import type { Mat4 } from '@nnunet-ts/volume';

/** The voxel grid of an image: what two files of one case must share. */
export interface Grid {
  /** The three spatial sizes. */
  shape: readonly number[];
  /** Voxel size along i, j, k in mm. */
  spacing: readonly number[];
  affine: Mat4;
}

/**
 * Relative tolerance for spacing and affine entries: |a − b| ≤ tolerance · max(1, |a|, |b|). Files
 * written by different tools round the same geometry differently (float32 header fields), so exact
 * equality would reject good data; 1e-4 of a 400 mm origin is 0.04 mm, far below a voxel.
 */
export const DEFAULT_GEOMETRY_TOLERANCE = 1e-4;

/** How `grid` differs from `reference` (shape exactly, spacing and affine within the tolerance); empty when they agree. */
export function gridMismatches(grid: Grid, reference: Grid, tolerance: number): string[] {
  const problems: string[] = [];
  if (grid.shape.some((n, i) => n !== reference.shape[i])) {
    problems.push(`shape [${list(grid.shape)}] differs from [${list(reference.shape)}]`);
  }
  const spacingOff = largestDifference(grid.spacing, reference.spacing, tolerance);
  if (spacingOff !== undefined) {
    problems.push(
      `spacing [${list(grid.spacing)}] mm differs from [${list(reference.spacing)}] mm (by ${format(spacingOff)}, tolerance ${tolerance})`,
    );
  }
  const affineOff = largestDifference(
    grid.affine.slice(0, 3).flat(),
    reference.affine.slice(0, 3).flat(),
    tolerance,
  );
  if (affineOff !== undefined) {
    problems.push(
      `affine [${rows(grid.affine)}] differs from [${rows(reference.affine)}] (by up to ${format(affineOff)}, tolerance ${tolerance})`,
    );
  }
  return problems;
}

/** The largest absolute difference when some pair is outside the tolerance, else undefined. */
function largestDifference(
  a: readonly number[],
  b: readonly number[],
  tolerance: number,
): number | undefined {
  let outside = false;
  let largest = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    const difference = Math.abs(x - y);
    largest = Math.max(largest, difference);
    if (!(difference <= tolerance * Math.max(1, Math.abs(x), Math.abs(y)))) outside = true;
  });
  return outside ? largest : undefined;
}

const format = (x: number) => String(Number(x.toPrecision(6)));
const list = (values: readonly number[]) => values.map(format).join(', ');
const rows = (affine: Mat4) =>
  affine
    .slice(0, 3)
    .map((row) => `[${list(row)}]`)
    .join(', ');
