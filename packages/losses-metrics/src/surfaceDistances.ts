import { percentile } from './internal/percentile';
import { squaredDistanceTransform } from './internal/squaredDistanceTransform';
import { surfaceVoxels } from './internal/surfaceVoxels';

/** A binary mask on a grid: `shape` and `spacing` (mm) in storage order, axis 0 fastest. */
export interface MaskGrid {
  shape: readonly number[];
  spacing: readonly number[];
}

/** Distances (mm) from each surface voxel of `from` to the nearest surface voxel of `to`. */
function directedSurfaceDistances(from: Uint8Array, to: Uint8Array, grid: MaskGrid): Float64Array {
  const squared = squaredDistanceTransform(to, grid.shape, grid.spacing);
  const distances: number[] = [];
  for (let i = 0; i < from.length; i++) if (from[i]) distances.push(Math.sqrt(squared[i]!));
  return Float64Array.from(distances);
}

function surfacesOf(prediction: Uint8Array, reference: Uint8Array, grid: MaskGrid) {
  const voxels = grid.shape.reduce((a, b) => a * b, 1);
  if (prediction.length !== voxels || reference.length !== voxels) {
    throw new Error(
      `masks of ${prediction.length} and ${reference.length} voxels do not match the grid [${grid.shape.join(', ')}]`,
    );
  }
  if (grid.spacing.length !== grid.shape.length || !grid.spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new Error(`spacing [${grid.spacing.join(', ')}] must be positive, one value per axis`);
  }
  return {
    predictionSurface: surfaceVoxels(prediction, grid.shape),
    referenceSurface: surfaceVoxels(reference, grid.shape),
  };
}

const isEmpty = (mask: Uint8Array) => !mask.some((v) => v !== 0);

/**
 * The 95th-percentile Hausdorff distance in mm: the larger of the two directed 95th percentiles of
 * surface-to-surface distances (MONAI's definition). Both masks empty: NaN; one empty: Infinity.
 */
export function hausdorffDistance95(prediction: Uint8Array, reference: Uint8Array, grid: MaskGrid): number {
  const { predictionSurface, referenceSurface } = surfacesOf(prediction, reference, grid);
  const predEmpty = isEmpty(predictionSurface);
  const refEmpty = isEmpty(referenceSurface);
  if (predEmpty && refEmpty) return Number.NaN;
  if (predEmpty || refEmpty) return Infinity;
  return Math.max(
    percentile(directedSurfaceDistances(predictionSurface, referenceSurface, grid), 95),
    percentile(directedSurfaceDistances(referenceSurface, predictionSurface, grid), 95),
  );
}

/**
 * Normalized surface Dice at a tolerance in mm: the share of both surfaces lying within the
 * tolerance of the other surface. Both masks empty: NaN; one empty: 0.
 */
export function normalizedSurfaceDice(
  prediction: Uint8Array,
  reference: Uint8Array,
  grid: MaskGrid,
  toleranceMm: number,
): number {
  const { predictionSurface, referenceSurface } = surfacesOf(prediction, reference, grid);
  const predEmpty = isEmpty(predictionSurface);
  const refEmpty = isEmpty(referenceSurface);
  if (predEmpty && refEmpty) return Number.NaN;
  if (predEmpty || refEmpty) return 0;
  const predToRef = directedSurfaceDistances(predictionSurface, referenceSurface, grid);
  const refToPred = directedSurfaceDistances(referenceSurface, predictionSurface, grid);
  const within = (d: Float64Array) => d.reduce((n, v) => n + (v <= toleranceMm ? 1 : 0), 0);
  return (within(predToRef) + within(refToPred)) / (predToRef.length + refToPred.length);
}
