/**
 * The shape of a U-Net: one entry per resolution stage, from full resolution down to the bottleneck.
 * Axes are in the patch's order (`[D, H, W]` in 3D, `[H, W]` in 2D).
 */
export interface Topology {
  /** convolution kernel size per axis for each stage's two convolutions */
  kernels: number[][];
  /** stride per axis of each stage's first convolution; stage 0 is always all ones */
  strides: number[][];
  /** output channels of each stage */
  filters: number[];
  /** the patch size the topology was derived for (nnU-Net v2's rule may enlarge it to fit the strides) */
  patchSize: number[];
}

export type TopologyRule = 'nvidia' | 'nnunet';
