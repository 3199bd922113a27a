import { preprocessDataset, preprocessOptionsSchema, type PreprocessOptions } from '@nnunet-ts/preprocessing';
import type { CliIo } from '../internal/CliIo';
import { defineCommand } from '../internal/defineCommand';
import { joinCaseJob, type CaseJob } from '../internal/joinCaseJob';
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
    'the others go on; the exit code is 1 when any failed. The dataset folder is never written. Started as several ' +
    'ranks (mpirun, srun), rank 0 plans, then each rank preprocesses its share of the cases (--n-jobs default: its ' +
    'share of the cores) and rank 0 reports the whole.',
  options: preprocessOptionsSchema,
  async run(options, io) {
    const job = await joinCaseJob(io);
    try {
      return await preprocess(options, io, job);
    } finally {
      await job.close();
    }
  },
});

async function preprocess(
  options: PreprocessOptions,
  io: CliIo,
  { share, isRoot }: CaseJob,
): Promise<number> {
  const progress = progressBar(io);
  // in a job, a rank's workers take its share of the cores (NNUNET_NUM_THREADS, set on joining)
  const nJobs = options.nJobs ?? (share ? Number(process.env.NNUNET_NUM_THREADS) || undefined : undefined);
  const result = await preprocessDataset(
    { ...options, nJobs },
    {
      onProgress: (e) =>
        progress.report(e.stage, e.done, e.total, e.caseId ? `${e.caseId} ${e.outcome}` : ''),
      onNotice: isRoot ? (line) => io.stderr.write(`${line}\n`) : undefined,
    },
    share,
  );
  progress.stop();
  const mine = {
    processed: result.processed.length,
    skipped: result.skipped.length,
    failures: result.failures,
  };
  // without a store, planning failed: every rank tried it and failed alike, so rank 0's account is the job's
  const parts = share && result.storeDir ? await share.allgather(mine) : [mine];
  const failures = parts.flatMap((p) => p.failures);
  if (isRoot) {
    reportCaseFailures(io, failures);
    if (result.storeDir) {
      const sum = (key: 'processed' | 'skipped') => parts.reduce((n, p) => n + p[key], 0);
      const ranks = share ? ` (${share.size} ranks)` : '';
      io.stdout.write(
        `${result.configuration} ${result.storeDir}: ${sum('processed')} preprocessed, ` +
          `${sum('skipped')} already done, ${failures.length} failed${ranks}\n`,
      );
    }
  }
  return failures.length > 0 || !result.storeDir ? 1 : 0;
}
