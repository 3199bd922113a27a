import { z } from 'zod';

/** Options of `nnunet view`, shared by the CLI and library callers of `startViewerServer`. */
export const viewOptionsSchema = z.object({
  image: z.string().optional().describe('image to show (.nii / .nii.gz)'),
  label: z.string().optional().describe('reference label map shown as an overlay'),
  pred: z.string().optional().describe('predicted label map shown as a second overlay'),
  results: z
    .string()
    .optional()
    .describe('results folder: its cases (summary.json, predictions), dataset.json and DLLogger log'),
  port: z.number().int().min(0).max(65535).default(0).describe('port on 127.0.0.1 (0: a free one)'),
});

export type ViewOptions = z.input<typeof viewOptionsSchema>;
