import { datasetFolderOptions } from '@nnunet-ts/datasets';
import { configurationNameSchema, plannerOptions, plannerSchema } from '@nnunet-ts/plans';
import { z } from 'zod';

const datasetOptions = {
  ...datasetFolderOptions,
  results: z
    .string()
    .optional()
    .describe(
      'folder for fingerprints, plans and preprocessed stores (default $NNUNET_RESULTS, else $nnUNet_preprocessed, else ./results)',
    ),
  ...plannerOptions,
  preset: plannerSchema
    .optional()
    .describe(
      'deprecated alias of --planner, which it overrides (--preset now names the training recipe of nnunet train)',
    ),
  nJobs: z
    .int()
    .min(1)
    .optional()
    .describe('parallel worker processes (default: the number of CPUs; 1 runs the cases in this process)'),
};

/** Options of `nnunet plan`: fingerprint the training cases and write `plans.json`. */
export const planOptionsSchema = z.object({
  ...datasetOptions,
  batchSize: z
    .int()
    .positive()
    .optional()
    .describe('batch size of the configuration --patch-size names (of every configuration without it)'),
  force: z
    .boolean()
    .default(false)
    .describe('extract the fingerprint again even if dataset_fingerprint.json exists'),
});

/** Options of `nnunet preprocess`: plan if needed, then write one configuration's preprocessed store. */
export const preprocessOptionsSchema = z.object({
  ...datasetOptions,
  dim: z.literal([2, 3]).default(3).describe('configuration: 3 for 3d_fullres, 2 for 2d'),
  configuration: configurationNameSchema
    .optional()
    .describe('configuration by name (3d_lowres: planned for large images); its dimension must be --dim'),
  execMode: z
    .enum(['training', 'val', 'test'])
    .default('training')
    .describe(
      'training: padded training cases; val: training cases unpadded, for evaluation; test: test images',
    ),
  force: z.boolean().default(false).describe('preprocess cases again even if they are finished'),
});

/** What library callers pass (defaults may be left out). */
export type PlanOptions = z.input<typeof planOptionsSchema>;
export type PreprocessOptions = z.input<typeof preprocessOptionsSchema>;
