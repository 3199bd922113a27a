import type { Plans } from '@nnunet-ts/plans';
import { planDataset, planOptionsSchema } from '@nnunet-ts/preprocessing';
import { defineCommand } from '../internal/defineCommand';
import { progressBar } from '../internal/progressBar';
import { reportCaseFailures } from '../internal/reportCaseFailures';

export const planCommand = defineCommand({
  name: 'plan',
  summary: "fingerprint a dataset's training cases and write plans.json",
  description:
    'Read every training case (in --n-jobs worker processes), record spacings, cropped shapes and foreground ' +
    'intensity statistics in dataset_fingerprint.json (reused unless --force), and plan the 3d_fullres, 3d_lowres ' +
    "(images the full-res patch covers less than a quarter of) and 2d configurations into plans.json: nnU-Net v2's " +
    'target spacing, patch and batch size for --memory-target-gb and topology rule, or with --planner nvidia the ' +
    "seed's table for MSD tasks 01-10. Exits 1 when a case cannot be " +
    'read (each such case is listed with its file); nothing is planned from an incomplete dataset. --preset is a ' +
    'deprecated alias of --planner (it names the training recipe of train now).',
  options: planOptionsSchema,
  async run(options, io) {
    const progress = progressBar(io);
    const result = await planDataset(options, {
      onProgress: (e) =>
        progress.report(e.stage, e.done, e.total, e.caseId ? `${e.caseId} ${e.outcome}` : ''),
      onNotice: (line) => io.stderr.write(`${line}\n`),
    });
    progress.stop();
    reportCaseFailures(io, result.failures);
    if (!result.plans) return 1;
    io.stdout.write(`fingerprint ${result.fingerprintFile}\nplans       ${result.plansFile}\n`);
    io.stdout.write(describePlans(result.plans));
    return 0;
  },
});

function describePlans(plans: Plans): string {
  return Object.entries(plans.configurations)
    .map(
      ([name, c]) =>
        `${name.padEnd(11)} spacing [${c.spacing.map((s) => +s.toFixed(4)).join(', ')}]  patch [${c.patchSize.join(', ')}]  ` +
        `batch ${c.batchSize}  ${c.topology.strides.length} stages (${c.topologyRule} rule)\n`,
    )
    .join('');
}
