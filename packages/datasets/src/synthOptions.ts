import { z } from 'zod';
import { MAX_LABEL_VALUE } from './LabelMap';

/**
 * Options of the phantom generator (`synthesizeDataset`, `nnunet synth`): one schema for the library,
 * the command line and Nx targets. Defaults make a dataset that a CPU trains on in minutes.
 */
export const synthOptionsSchema = z.object({
  cases: z.int().min(1).max(10_000).default(10).describe('number of training cases'),
  testCases: z
    .int()
    .min(0)
    .max(10_000)
    .default(2)
    .describe('number of test cases (imagesTs, with their ground truth in labelsTs)'),
  channels: z.literal([1, 2]).default(1).describe('input channels; 2 writes each image as a 4D NIfTI'),
  labels: z.literal([2, 3]).default(2).describe('foreground labels: organ and lesion, plus kidney for 3'),
  labelValues: z
    .array(z.int().min(0).max(MAX_LABEL_VALUE))
    .optional()
    .describe(
      'label values of background, organ, lesion (and kidney), ascending from 0, e.g. 0 1 300 1000 (default 0 1 2 [3])',
    ),
  modality: z
    .enum(['CT', 'MR'])
    .default('CT')
    .describe('CT-like (int16 HU) or MR-like (float32) intensities'),
  anisotropic: z.boolean().default(false).describe('0.8 x 0.8 x 3 mm voxels instead of 1 mm isotropic'),
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(0)
    .describe('random seed: the same seed writes byte-identical files'),
  shape: z
    .string()
    .regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/, 'expected three integers x,y,z such as 64,64,32')
    .default('64,64,32')
    .describe('typical image size x,y,z in voxels; each case varies by up to ±12.5% per axis'),
  force: z.boolean().default(false).describe('replace the output folder when it already exists'),
});

/** What callers pass: every field optional, `shape` as `'x,y,z'`. */
export type SynthOptions = z.input<typeof synthOptionsSchema>;
