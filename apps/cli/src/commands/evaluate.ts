import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Summary } from '@nnunet-ts/losses-metrics';
import { defineCommand } from '../internal/defineCommand';
import { joinCaseJob } from '../internal/joinCaseJob';

export const evaluateOptions = z.object({
  preds: z.string().describe('folder of predicted label maps (.nii.gz)'),
  lbls: z.string().describe('folder of reference label maps with the same file names'),
  labels: z
    .array(z.int().positive())
    .optional()
    .describe('label values to score (default: every non-zero value in the references)'),
  surfaceMetrics: z.boolean().default(false).describe('also compute HD95 and normalized surface Dice (mm)'),
  nsdTolerance: z.number().positive().default(1).describe('NSD tolerance in mm'),
  output: z.string().optional().describe('where to write summary.json (default: <preds>/summary.json)'),
});

export const evaluateCommand = defineCommand({
  name: 'evaluate',
  summary: 'score predicted label maps against references (Dice, IoU, HD95, NSD) into summary.json',
  description:
    'Compare every NIfTI label map in --preds with the file of the same name in --lbls: Dice, IoU and voxel counts ' +
    'per case and class (HD95 and NSD with --surface-metrics), written as nnU-Net v2 summary.json and printed as a table. ' +
    'A class absent from both maps is NaN and left out of the means. Files on different grids are an error. Started ' +
    'as several ranks (mpirun, srun), each scores its share of the files and rank 0 writes the summary of all.',
  options: evaluateOptions,
  async run(options, io) {
    // loaded here, not at the top, so that other commands and --help do not pay for loading tfjs
    const { evaluateFolders } = await import('@nnunet-ts/trainer');
    const { writeFileAtomic } = await import('@nnunet-ts/io-nifti');
    const { formatSummary } = await import('@nnunet-ts/losses-metrics');
    const job = await joinCaseJob(io);
    let summary: Summary;
    try {
      summary = await evaluateFolders({
        preds: options.preds,
        lbls: options.lbls,
        classes: options.labels,
        surfaceMetrics: options.surfaceMetrics,
        nsdToleranceMm: options.nsdTolerance,
        share: job.share,
        onCase: (file, done, total) => io.stderr.write(`evaluated ${file} (${done}/${total})\n`),
      });
    } finally {
      await job.close();
    }
    if (!job.isRoot) return 0; // rank 0 writes the summary of every rank's files
    const output = options.output ?? join(options.preds, 'summary.json');
    await mkdir(dirname(output), { recursive: true });
    await writeFileAtomic(output, formatSummary(summary));
    io.stdout.write(formatTable(summary, options.surfaceMetrics));
    io.stdout.write(`summary: ${output}\n`);
    return 0;
  },
});

function formatTable(summary: Summary, surface: boolean): string {
  const columns = surface ? (['Dice', 'IoU', 'HD95', 'NSD'] as const) : (['Dice', 'IoU'] as const);
  const format = (v: number | undefined) =>
    v === undefined ? '' : Number.isFinite(v) ? v.toFixed(4) : String(v);
  const rows = Object.entries(summary.mean).map(([label, m]) => [
    `class ${label}`,
    ...columns.map((c) => format(m[c])),
  ]);
  rows.push(['foreground mean', ...columns.map((c) => format(summary.foreground_mean[c]))]);
  const header = ['', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`${summary.metric_per_case.length} cases`, line(header), ...rows.map(line), ''].join('\n');
}
