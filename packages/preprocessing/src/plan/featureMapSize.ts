import type { Topology } from '@nnunet-ts/plans';

/**
 * nnU-Net v2's memory proxy (`PlainConvUNet.compute_conv_feature_map_size` with deep supervision): the
 * number of values in every convolution, transposed-convolution and segmentation-head output of the U-Net
 * for one sample of `patchSize`, two convolutions per stage.
 */
export function featureMapSize(topology: Topology, patchSize: readonly number[], classes: number): number {
  const { strides, filters } = topology;
  const product = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);
  let total = 0;
  let size = [...patchSize];
  const stageSizes: number[][] = [];
  for (let s = 0; s < strides.length; s++) {
    size = size.map((n, a) => Math.floor(n / strides[s][a]));
    stageSizes.push(size);
    total += 2 * filters[s] * product(size);
  }
  // decoder stage for each encoder stage but the bottleneck: two convolutions, the transposed
  // convolution into it, and a segmentation head
  for (let k = strides.length - 2; k >= 0; k--) {
    const voxels = product(stageSizes[k]);
    total += (2 * filters[k] + filters[k] + classes) * voxels;
  }
  return total;
}
