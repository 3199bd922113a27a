import type { Topology } from './Topology';
import { totalStrides } from './totalStrides';
import { checkPatchAndSpacing } from './internal/checkPatchAndSpacing';
import { stageFilters } from './stageFilters';

/** A topology with the patch size it was derived for, which the rule may have enlarged to fit its strides. */
export interface PlannedTopology {
  topology: Topology;
  patchSize: number[];
}

export interface NnunetTopologyOptions {
  /** feature maps are not pooled below this edge length (nnU-Net v2: 4) */
  minFeatureMapEdge?: number;
  /** most poolings per axis (nnU-Net v2 sets no practical limit) */
  maxPoolsPerAxis?: number;
}

/**
 * nnU-Net v2's `get_pool_and_conv_props`: pool every axis that is at least twice the minimum edge
 * and within 2× of the finest spacing among those (an axis pooled alone needs three times the edge);
 * a kernel becomes 3 once its axis is within 2× of the finest spacing and stays 3. The patch is then
 * padded to a multiple of each axis's total stride.
 */
export function nnunetTopology(
  patchSize: readonly number[],
  spacing: readonly number[],
  { minFeatureMapEdge = 4, maxPoolsPerAxis = Number.MAX_SAFE_INTEGER }: NnunetTopologyOptions = {},
): PlannedTopology {
  checkPatchAndSpacing(patchSize, spacing);
  const dim = patchSize.length;
  const sizes = [...patchSize];
  const spacings = [...spacing];
  const poolsPerAxis: number[] = Array(dim).fill(0);
  const kernel: number[] = Array(dim).fill(1);
  const strides: number[][] = [Array(dim).fill(1)];
  const kernels: number[][] = [];
  const axes = [...Array(dim).keys()];
  for (;;) {
    const bigEnough = axes.filter((i) => sizes[i]! >= 2 * minFeatureMapEdge);
    if (bigEnough.length === 0) break;
    const finestOfBigEnough = Math.min(...bigEnough.map((i) => spacings[i]!));
    const poolable = bigEnough.filter(
      (i) => spacings[i]! / finestOfBigEnough < 2 && poolsPerAxis[i]! < maxPoolsPerAxis,
    );
    if (poolable.length === 0) break;
    if (poolable.length === 1 && sizes[poolable[0]!]! < 3 * minFeatureMapEdge) break;
    const finest = Math.min(...spacings);
    for (const i of axes) if (spacings[i]! / finest < 2) kernel[i] = 3;
    const stride = axes.map((i) => (poolable.includes(i) ? 2 : 1));
    for (const i of poolable) {
      poolsPerAxis[i]! += 1;
      spacings[i]! *= 2;
      sizes[i] = Math.ceil(sizes[i]! / 2);
    }
    strides.push(stride);
    kernels.push([...kernel]);
  }
  kernels.push(Array(dim).fill(3));
  const divisor = totalStrides(strides);
  return {
    topology: { kernels, strides, filters: stageFilters(strides.length, dim as 2 | 3) },
    patchSize: patchSize.map((s, i) => Math.ceil(s / divisor[i]!) * divisor[i]!),
  };
}
