import { z } from 'zod';

const channelIndex = z.string().regex(/^\d+$/, 'keys must be channel indices "0", "1", ...');

/** nnU-Net v2's `dataset.json`: only the keys nnunet-ts reads; others are kept. */
export const v2DatasetJson = z.looseObject({
  name: z.string().optional(),
  channel_names: z.record(channelIndex, z.string()),
  // region-based entries (name → [values]) are parsed so that the error can say what is unsupported
  labels: z.record(z.string(), z.union([z.int(), z.array(z.int())])),
  numTraining: z.int().nonnegative().optional(),
  file_ending: z.string().regex(/^\.\w[\w.]*$/, 'must be a file ending such as ".nii.gz"'),
  dataset: z
    .record(z.string(), z.object({ images: z.array(z.string().min(1)).min(1), label: z.string().min(1) }))
    .optional(),
});

export type V2DatasetJson = z.output<typeof v2DatasetJson>;
