import { z } from 'zod';

/** Who plans a dataset: nnU-Net v2's rules from the fingerprint, or the seed's table for MSD tasks 01-10. */
export const plannerSchema = z.enum(['nnunet', 'nvidia']);
export type Planner = z.output<typeof plannerSchema>;

/** nnU-Net v2's GPU memory target for patch and batch size (GB). */
export const DEFAULT_MEMORY_TARGET_GB = 8;

/**
 * The planning flags every command that may plan shares (`plan`, `preprocess`, `train`): one
 * definition, so their defaults and help cannot drift apart.
 */
export const plannerOptions = {
  planner: plannerSchema
    .default('nnunet')
    .describe("planner: nnU-Net v2's rules from the fingerprint, or the seed's table for MSD tasks 01-10"),
  memoryTargetGb: z
    .number()
    .positive()
    .default(DEFAULT_MEMORY_TARGET_GB)
    .describe('GPU memory (GB) the nnunet planner sizes patch and batch for'),
  patchSize: z
    .array(z.int().positive())
    .min(2)
    .max(3)
    .optional()
    .describe(
      "the nnunet planner's patch instead of its own: 3 sizes (D H W) for 3d_fullres, 2 (H W) for 2d; each a multiple of the network's total stride",
    ),
};
