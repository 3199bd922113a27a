import { preprocessDataset, preprocessOptionsSchema } from '@nnunet-ts/preprocessing';
import { defineCommand } from '../internal/defineCommand';
import { progressBar } from '../internal/progressBar';
import { reportCaseFailures } from '../internal/reportCaseFailures';

export const preprocessCommand = defineCommand({
  name: 'preprocess',
  summary: 'crop, resample, normalize and pad a dataset into a .npy store (planning it first if needed)',
  description:
    'Preprocess the cases of one configuration (--dim 3: 3d_fullres, 2: 2d) in --n-jobs worker processes into ' +
    '<results>/<dataset>/<configuration>/<exec mode>: {id}_x.npy (float32, [D, H, W, C]), {id}_y.npy and {id}.json ' +
    '(geometry to invert every step). Plans first when plans.json is missing or made with another --planner or ' +
    '--memory-target-gb. --exec-mode training pads to the patch size; val (training cases) and test (test images) ' +
    'do not. Finished cases are skipped unless --force. A case that fails is listed with its file and reason and ' +
    'the others go on; the exit code is 1 when any failed. The dataset folder is never written.',
  options: preprocessOptionsSchema,
  async run(options, io) {
    const progress = progressBar(io);
    const result = await preprocessDataset(options, {
      onProgress: (e) =>
        progress.report(e.stage, e.done, e.total, e.caseId ? `${e.caseId} ${e.outcome}` : ''),
      onNotice: (line) => io.stderr.write(`${line}\n`),
    });
    progress.stop();
    reportCaseFailures(io, result.failures);
    if (result.storeDir) {
      io.stdout.write(
        `${result.configuration} ${result.storeDir}: ${result.processed.length} preprocessed, ` +
          `${result.skipped.length} already done, ${result.failures.length} failed\n`,
      );
    }
    return result.failures.length > 0 || !result.storeDir ? 1 : 0;
  },
});
