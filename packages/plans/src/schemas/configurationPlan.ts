import { z } from 'zod';
import { topologyRuleSchema, topologySchema } from '../topology/Topology';
import { patchStrideProblem } from '../topology/totalStrides';
import { channelNormalizationSchema } from './channelNormalization';
import { resamplingSettingsSchema } from './resamplingSettings';

/** The configurations nnunet-ts plans and trains (nnU-Net v2's names). */
export const configurationNameSchema = z.enum(['2d', '3d_fullres', '3d_lowres']);
export type ConfigurationName = z.output<typeof configurationNameSchema>;
export const CONFIGURATION_NAMES: readonly ConfigurationName[] = configurationNameSchema.options;

/** The configuration a U-Net of `dim` dimensions trains. */
export function configurationForDim(dim: 2 | 3): ConfigurationName {
  return dim === 3 ? '3d_fullres' : '2d';
}

/**
 * One trainable configuration: everything preprocessing and the network need, human-readable in
 * plans.json. Axis order: `[D, H, W]` in 3D, `[H, W]` in 2D (see `planAxes`).
 */
export const configurationPlanSchema = z
  .object({
    dim: z.literal([2, 3]),
    /** target voxel spacing in mm (D is not resampled in 2D) */
    spacing: z.array(z.number().positive()),
    /** network input size in voxels; a multiple of the topology's total stride on each axis */
    patchSize: z.array(z.int().positive()),
    /** median training-case shape after cropping and resampling */
    medianShape: z.array(z.number().nonnegative()),
    batchSize: z.int().positive(),
    topologyRule: topologyRuleSchema,
    topology: topologySchema,
    /** one entry per input channel */
    normalization: z.array(channelNormalizationSchema).min(1),
    resampling: z.object({
      image: resamplingSettingsSchema,
      label: resamplingSettingsSchema,
      probabilities: resamplingSettingsSchema,
    }),
  })
  .superRefine((plan, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const perAxis = (path: PropertyKey[], values: readonly unknown[]) => {
      if (values.length === plan.dim) return true;
      issue(
        path,
        `needs ${plan.dim} values, one per axis of a ${plan.dim}D configuration, got ${values.length}`,
      );
      return false;
    };
    const axesOk = [
      perAxis(['spacing'], plan.spacing),
      perAxis(['patchSize'], plan.patchSize),
      perAxis(['medianShape'], plan.medianShape),
    ];
    const { kernels, strides, filters } = plan.topology;
    if (kernels.length !== strides.length || filters.length !== strides.length) {
      issue(
        ['topology'],
        `kernels, strides and filters need one entry per stage, got ${kernels.length}, ${strides.length} and ${filters.length}`,
      );
      return;
    }
    if (plan.topology.networkClassName === 'ResidualEncoderUNet') {
      const { nBlocksPerStage, nConvPerStageDecoder } = plan.topology;
      if (nBlocksPerStage.length !== strides.length) {
        issue(
          ['topology', 'nBlocksPerStage'],
          `needs one entry per stage (${strides.length}), got ${nBlocksPerStage.length}`,
        );
      }
      if (nConvPerStageDecoder.length !== strides.length - 1) {
        issue(
          ['topology', 'nConvPerStageDecoder'],
          `needs one entry per decoder stage (${strides.length - 1}, one fewer than the stages), got ${nConvPerStageDecoder.length}`,
        );
      }
    }
    const stagesOk = [
      ...kernels.map((k, s) => perAxis(['topology', 'kernels', s], k)),
      ...strides.map((k, s) => perAxis(['topology', 'strides', s], k)),
    ];
    if (!stagesOk.every(Boolean)) return;
    if (strides[0]!.some((s) => s !== 1)) {
      issue(
        ['topology', 'strides', 0],
        'the first stage works at full resolution: its strides must all be 1',
      );
    }
    const problem = axesOk[1] ? patchStrideProblem(plan.patchSize, strides) : undefined;
    if (problem) issue(['patchSize'], problem);
  });

export type ConfigurationPlan = z.output<typeof configurationPlanSchema>;

/** Which cases a store holds: training cases padded to the patch size, or unpadded val/test cases. */
export const execModeSchema = z.enum(['training', 'val', 'test']);
export type ExecMode = z.output<typeof execModeSchema>;
