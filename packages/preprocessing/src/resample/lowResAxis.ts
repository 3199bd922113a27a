import type { ResamplingSettings } from '@nnunet-ts/plans';
import type { AxisInterpolations } from './resampleChannel';

/**
 * nnU-Net's rule for anisotropic data: when the source spacing (else the target spacing) has
 * max/min > threshold and exactly one axis has the largest spacing, that axis is the low-resolution
 * axis and gets its own kernel; otherwise every axis uses `interpolation`. Spacings are [D, H, W].
 */
export function lowResAxis(
  sourceSpacing: readonly number[],
  targetSpacing: readonly number[],
  threshold: number,
): number | null {
  const pick = (spacing: readonly number[]): number[] | null => {
    const max = Math.max(...spacing);
    if (max / Math.min(...spacing) <= threshold) return null;
    return spacing.flatMap((s, a) => (s === max ? [a] : []));
  };
  const axes = pick(sourceSpacing) ?? pick(targetSpacing);
  return axes !== null && axes.length === 1 ? axes[0] : null;
}

/** The kernel of each axis for resampling from `sourceSpacing` to `targetSpacing` under `settings`. */
export function axisInterpolations(
  sourceSpacing: readonly number[],
  targetSpacing: readonly number[],
  settings: ResamplingSettings,
): AxisInterpolations {
  const axis = lowResAxis(sourceSpacing, targetSpacing, settings.anisotropyThreshold);
  const pick = (a: number) => (a === axis ? settings.lowResAxisInterpolation : settings.interpolation);
  return [pick(0), pick(1), pick(2)];
}
