import type { Topology } from './Topology';
import { checkPatchAndSpacing } from './internal/checkPatchAndSpacing';
import { stageFilters } from './stageFilters';

export interface NvidiaTopologyOptions {
  /** most downsamplings (the seed stops at 5) */
  maxDepth?: number;
  /** an axis is only downsampled while its size is at least this (the seed uses 8) */
  minSize?: number;
}

/**
 * NVIDIA's rule (`get_unet_params`, the same as MONAI's `get_kernels_strides`): per level, axes whose
 * spacing is within 2× of the finest get kernel 3 and, while at least `minSize` voxels long, stride 2.
 */
export function nvidiaTopology(
  patchSize: readonly number[],
  spacing: readonly number[],
  { maxDepth = 5, minSize = 8 }: NvidiaTopologyOptions = {},
): Topology {
  checkPatchAndSpacing(patchSize, spacing);
  const dim = patchSize.length;
  const sizes = [...patchSize];
  const spacings = [...spacing];
  const strides: number[][] = [Array(dim).fill(1)];
  const kernels: number[][] = [];
  while (strides.length - 1 < maxDepth) {
    const finest = Math.min(...spacings);
    const ratios = spacings.map((s) => s / finest);
    const stride = ratios.map((r, i) => (r <= 2 && sizes[i]! >= minSize ? 2 : 1));
    const kernel = ratios.map((r) => (r <= 2 ? 3 : 1));
    if (stride.every((s) => s === 1)) break;
    for (let i = 0; i < dim; i++) {
      sizes[i] = sizes[i]! / stride[i]!;
      spacings[i] = spacings[i]! * stride[i]!;
    }
    kernels.push(kernel);
    strides.push(stride);
  }
  kernels.push(Array(dim).fill(3));
  return { kernels, strides, filters: stageFilters(strides.length, dim as 2 | 3) };
}
