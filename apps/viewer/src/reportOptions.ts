import { z } from 'zod';

/** Options of `nnunet report`, shared by the CLI and library callers of `writeReport`. */
export const reportOptionsSchema = z.object({
  results: z.string().describe('results folder: summary.json, predictions, dataset.json, DLLogger log'),
  out: z.string().optional().describe('folder to write the report to (default: <results>/report)'),
});

export type ReportOptions = z.input<typeof reportOptionsSchema>;
