/**
 * The plan's axes. Volumes in preprocessed stores are `[D, H, W]` (D = the last NIfTI axis); a 3D
 * configuration's spacing, patch and median shape follow that order, a 2D configuration's hold only
 * `[H, W]`: its network sees single slices, and D keeps the case's own spacing.
 */

/** The values of a `[D, H, W]` triple on a configuration's axes: all three in 3D, `[H, W]` in 2D. */
export function toPlanAxes<T>(dim: 2 | 3, volumeValues: readonly T[]): T[] {
  return dim === 3 ? [...volumeValues] : volumeValues.slice(1);
}

/** A configuration's values on the volume's `[D, H, W]` axes, `depth` standing in for D in 2D. */
export function toVolumeAxes<T>(dim: 2 | 3, planValues: readonly T[], depth: T): [T, T, T] {
  const values = dim === 3 ? [...planValues] : [depth, ...planValues];
  return [values[0]!, values[1]!, values[2]!];
}
