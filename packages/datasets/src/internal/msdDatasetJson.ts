import { z } from 'zod';

const channelIndex = z.string().regex(/^\d+$/, 'keys must be channel indices "0", "1", ...');
const labelValue = z.string().regex(/^-?\d+$/, 'keys must be integer label values ("0", "1", ...)');

/** The MSD (and nnU-Net v1) `dataset.json`: only the keys nnunet-ts reads; others are kept. */
export const msdDatasetJson = z.looseObject({
  name: z.string().optional(),
  modality: z.record(channelIndex, z.string()),
  labels: z.record(labelValue, z.string()),
  numTraining: z.int().nonnegative().optional(),
  training: z.array(z.object({ image: z.string().min(1), label: z.string().min(1) })),
  test: z.array(z.string().min(1)).default([]),
});

export type MsdDatasetJson = z.output<typeof msdDatasetJson>;
