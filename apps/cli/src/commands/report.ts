import { reportOptionsSchema } from '@nnunet-ts/viewer';
import { defineCommand } from '../internal/defineCommand';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'write a static HTML report of a results folder: training curves and a slice per case as PNG',
  description:
    'Without a browser: render the training curves of the DLLogger log (loss, Dice per class, learning rate) to ' +
    'curves.png and curves.svg, the axial mid-slice of every case (image in grey, label and prediction in class ' +
    'colours) to cases/*.png, and index.html with the mean metrics of summary.json, into --out (default ' +
    '<results>/report).',
  options: reportOptionsSchema,
  async run(options, io) {
    const { writeReport } = await import('@nnunet-ts/viewer');
    const report = await writeReport(options);
    for (const warning of report.warnings) io.stderr.write(`warning: ${warning}\n`);
    const drawn = report.cases.filter((c) => c.image).length;
    io.stdout.write(
      `curves: ${report.curves ? report.curves.file : 'none (no DLLogger log with loss, Dice or lr)'}\n` +
        `cases: ${drawn} of ${report.cases.length} drawn into ${report.folder}/cases\n` +
        `report: ${report.html}\n`,
    );
    return 0;
  },
});
