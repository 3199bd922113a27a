import { z } from 'zod';

const positiveInts = z.array(z.int().positive());

/**
 * The networks nnunet-ts builds, by the class names of nnU-Net v2's `dynamic_network_architectures`
 * (v2's `network_class_name` holds the dotted path; the plan holds the class name alone).
 */
export const networkClassNameSchema = z.enum(['PlainConvUNet', 'ResidualEncoderUNet']);
export type NetworkClassName = z.output<typeof networkClassNameSchema>;

/** What every network has: one entry per resolution stage, from full resolution down to the bottleneck. */
const stages = {
  /** convolution kernel size per axis for each stage's convolutions */
  kernels: z.array(positiveInts).min(1),
  /** stride per axis of each stage's first convolution; stage 0 is always all ones */
  strides: z.array(positiveInts).min(1),
  /** output channels of each stage */
  filters: positiveInts.min(1),
};

// A plain topology with block counts is a ResEnc plan that lost its class name: refused, not built plain.
const residualOnly = (field: string) =>
  z
    .never({ error: `only a ResidualEncoderUNet has ${field}; set networkClassName to ResidualEncoderUNet` })
    .optional();

/**
 * The shape of a U-Net and which network it is. Axes are in the plan's order (`[D, H, W]` in 3D,
 * `[H, W]` in 2D; see `planAxes`). The patch size it was derived for is the configuration's
 * `patchSize`, stored once beside it.
 *
 * - `PlainConvUNet` (the default: plans written before nnunet-ts had another network have no
 *   `networkClassName`): two conv → norm → LeakyReLU per stage in the encoder and the decoder.
 * - `ResidualEncoderUNet` (v2's ResEnc presets): a stem, then `nBlocksPerStage[s]` residual blocks
 *   per encoder stage; `nConvPerStageDecoder[i]` conv blocks in decoder stage i, counted from the
 *   bottleneck up, as v2's arch kwargs of the same names.
 */
export const topologySchema = z.discriminatedUnion(
  'networkClassName',
  [
    z.object({
      ...stages,
      networkClassName: z.literal('PlainConvUNet').optional(),
      nBlocksPerStage: residualOnly('nBlocksPerStage'),
      nConvPerStageDecoder: residualOnly('nConvPerStageDecoder'),
    }),
    z.object({
      ...stages,
      networkClassName: z.literal('ResidualEncoderUNet'),
      /** residual blocks (v2's `BasicBlockD`) of each encoder stage */
      nBlocksPerStage: positiveInts.min(1),
      /** conv blocks of each decoder stage, from the bottleneck up: one entry fewer than the stages */
      nConvPerStageDecoder: positiveInts,
    }),
  ],
  { error: 'expected PlainConvUNet (the default) or ResidualEncoderUNet' },
);

export type Topology = z.output<typeof topologySchema>;
export type ResidualEncoderTopology = Extract<Topology, { networkClassName: 'ResidualEncoderUNet' }>;

/** The network a topology describes: `PlainConvUNet` unless it says otherwise. */
export function networkClassOf(topology: Topology): NetworkClassName {
  return topology.networkClassName ?? 'PlainConvUNet';
}

/** Which rule derived a topology: NVIDIA's `get_unet_params` or nnU-Net v2's `get_pool_and_conv_props`. */
export const topologyRuleSchema = z.enum(['nvidia', 'nnunet']);
export type TopologyRule = z.output<typeof topologyRuleSchema>;
