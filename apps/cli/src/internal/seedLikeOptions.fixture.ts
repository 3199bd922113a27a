import { z } from 'zod';

/** A schema shaped like the seed's flags, for the converter's tests. */
export const seedLikeOptions = z.object({
  data: z.string().describe('Path to data directory'),
  batchSize: z.int().positive().default(2).describe('Batch size'),
  learningRate: z.number().positive().default(3e-4).describe('Learning rate'),
  negativeSlope: z.number().default(0.01).describe('Negative slope for LeakyReLU'),
  amp: z.boolean().default(false).describe('Enable automatic mixed precision'),
  useDllogger: z.boolean().default(true).describe('Use DLLogger logging'),
  dim: z.literal([2, 3]).default(3).describe('UNet dimension'),
  optimizer: z.enum(['sgd', 'adam', 'radam']).default('adam').describe('Optimizer'),
  overlap: z.number().min(0).max(1).default(0.25).describe('Sliding window overlap'),
  seed: z.int().nonnegative().optional().describe('Random seed'),
  folds: z.array(z.int().min(0)).default([0]).describe('Folds to run'),
});
