import { z } from 'zod';

/**
 * How one input channel is normalized, stored per channel in the plan:
 * - `ct`: clip to the dataset's foreground [p0.5, p99.5], then subtract the foreground mean and divide by
 *   its standard deviation (both anchors);
 * - `zscore`: subtract this image's mean and divide by its standard deviation, over the voxels that are
 *   not 0 when `nonzeroMask` (those stay 0), else over all voxels;
 * - `none`: leave the values as they are.
 */
export const channelNormalizationSchema = z.discriminatedUnion('scheme', [
  z.object({
    scheme: z.literal('ct'),
    clip: z.tuple([z.number(), z.number()]),
    mean: z.number(),
    std: z.number().nonnegative(),
  }),
  z.object({ scheme: z.literal('zscore'), nonzeroMask: z.boolean() }),
  z.object({ scheme: z.literal('none') }),
]);

export type ChannelNormalization = z.output<typeof channelNormalizationSchema>;
