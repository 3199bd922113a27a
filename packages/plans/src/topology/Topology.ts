import { z } from 'zod';

const positiveInts = z.array(z.int().positive());

/**
 * The shape of a U-Net: one entry per resolution stage, from full resolution down to the bottleneck.
 * Axes are in the plan's order (`[D, H, W]` in 3D, `[H, W]` in 2D; see `planAxes`). The patch size it
 * was derived for is the configuration's `patchSize`, stored once beside it.
 */
export const topologySchema = z.object({
  /** convolution kernel size per axis for each stage's two convolutions */
  kernels: z.array(positiveInts).min(1),
  /** stride per axis of each stage's first convolution; stage 0 is always all ones */
  strides: z.array(positiveInts).min(1),
  /** output channels of each stage */
  filters: positiveInts.min(1),
});

export type Topology = z.output<typeof topologySchema>;

/** Which rule derived a topology: NVIDIA's `get_unet_params` or nnU-Net v2's `get_pool_and_conv_props`. */
export const topologyRuleSchema = z.enum(['nvidia', 'nnunet']);
export type TopologyRule = z.output<typeof topologyRuleSchema>;
