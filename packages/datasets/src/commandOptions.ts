import { z } from 'zod';

const dataHelp =
  'folder that holds the datasets (default $NNUNET_DATA, else $nnUNet_raw, else ./data; the seed uses /data)';

/**
 * `--task` and `--data` as every command that reads a dataset takes them (resolved by
 * `resolveDatasetFolder` against `defaultDataRoot`, whose order the help text states).
 */
export const datasetFolderOptions = {
  task: z
    .string()
    .optional()
    .describe('task number or dataset folder name under --data, e.g. 04 or Task04_Hippocampus'),
  data: z.string().optional().describe(`${dataHelp}; without --task, the dataset folder itself`),
};

/** Options of `nnunet verify`. */
export const verifyOptionsSchema = z.object({
  ...datasetFolderOptions,
  expectedDim: z.literal([2, 3]).default(3).describe('3: images must be 3D; 2: images must be single slices'),
  tolerance: z
    .number()
    .nonnegative()
    .default(1e-4)
    .describe("relative tolerance for spacing and affine agreement between a case's files"),
  json: z.boolean().default(false).describe('print the problems as JSON'),
});

/** Options of `nnunet download`. */
export const downloadOptionsSchema = z.object({
  task: z.string().describe('Medical Segmentation Decathlon task, 01 to 10'),
  data: z.string().optional().describe(dataHelp),
  url: z.string().optional().describe('tarball URL to use instead of the public MSD bucket'),
  retries: z
    .int()
    .min(0)
    .default(3)
    .describe('how often an interrupted transfer is resumed before giving up'),
});
