import { z } from 'zod';

/** Foreground intensity statistics of one channel over the training cases (null: no foreground voxels). */
export const intensityPropertiesSchema = z.object({
  mean: z.number(),
  median: z.number(),
  std: z.number(),
  min: z.number(),
  max: z.number(),
  percentile00_5: z.number(),
  percentile99_5: z.number(),
});

export type IntensityProperties = z.output<typeof intensityPropertiesSchema>;
