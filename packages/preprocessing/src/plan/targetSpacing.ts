import { median, percentileOfSorted } from '../internal/percentile';

/** nnU-Net's ANISO_THRESHOLD. */
export const ANISOTROPY_THRESHOLD = 3;

/**
 * nnU-Net v2's full-resolution target spacing: the per-axis median, except when one axis is both much
 * coarser (more than 3× the others' spacing) and much shorter (3× fewer voxels) than the others; that axis
 * then gets the 10th percentile of its spacings (never finer than the other axes). Spacings and shapes are
 * per case, in array order.
 */
export function targetSpacing(spacings: readonly number[][], shapes: readonly number[][]): number[] {
  const dims = spacings[0].length;
  const axis = (values: readonly number[][], a: number) => values.map((v) => v[a]);
  const target = Array.from({ length: dims }, (_, a) => median(axis(spacings, a)));
  const size = Array.from({ length: dims }, (_, a) => median(axis(shapes, a)));
  const worst = target.indexOf(Math.max(...target));
  const others = target.map((_, a) => a).filter((a) => a !== worst);
  const otherSpacing = Math.max(...others.map((a) => target[a]));
  const otherSize = Math.min(...others.map((a) => size[a]));
  const anisotropicSpacing = target[worst] > ANISOTROPY_THRESHOLD * otherSpacing;
  const anisotropicVoxels = size[worst] * ANISOTROPY_THRESHOLD < otherSize;
  if (anisotropicSpacing && anisotropicVoxels) {
    let p10 = percentileOfSorted(
      axis(spacings, worst).sort((a, b) => a - b),
      10,
    );
    if (p10 < otherSpacing) p10 = Math.max(otherSpacing, p10) + 1e-5;
    target[worst] = p10;
  }
  return target;
}
