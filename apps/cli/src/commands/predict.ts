import { z } from 'zod';
import type { CliIo } from '../internal/CliIo';
import { defineCommand } from '../internal/defineCommand';
import { joinCaseJob, type CaseJob } from '../internal/joinCaseJob';
import { progressBar } from '../internal/progressBar';

export const predictOptions = z
  .object({
    input: z
      .string()
      .optional()
      .describe(
        'a NIfTI image or a folder of them (MSD: one file per case; nnU-Net v2: {case}_0000 per channel)',
      ),
    store: z
      .string()
      .optional()
      .describe(
        'instead of --input, as the seed: a preprocessed store (<results>/<dataset>/<configuration>/training|val|test); ' +
          "predicts the --fold's validation cases of a training/val store, every case of a test store",
      ),
    output: z.string().describe('folder for the {case}.nii.gz label maps (and {case}.npy with --save-preds)'),
    model: z
      .array(z.string())
      .min(1)
      .describe(
        'model folder(s) written by train; several are ensembled: folds of a configuration average their softmax, configurations (2d, 3d_fullres) average on the original grid',
      ),
    fold: z
      .int()
      .min(0)
      .default(0)
      .describe(
        '--store: the fold whose validation cases are predicted (the split training wrote, else KFold)',
      ),
    nfolds: z.int().min(2).default(5).describe('--store: number of cross-validation folds'),
    overlap: z
      .number()
      .min(0)
      .max(0.95)
      .default(0.5)
      .describe('sliding-window overlap (nnU-Net v2 0.5; the seed code 0.25)'),
    blend: z.enum(['gaussian', 'constant']).default('gaussian').describe('sliding-window blending'),
    tta: z.boolean().default(false).describe('mirror test-time augmentation (all flip combinations)'),
    swBatchSize: z.int().positive().default(2).describe('windows per forward pass'),
    continue: z.boolean().default(false).describe('keep predictions that already exist'),
    savePreds: z
      .boolean()
      .default(false)
      .describe('also write the softmax as {case}.npy, float32 [C, k, j, i] on the original grid (the seed)'),
    backend: z.enum(['auto', 'tensorflow', 'native', 'wasm', 'cpu']).default('auto').describe('tfjs backend'),
  })
  .refine((o) => (o.input === undefined) !== (o.store === undefined), {
    message: 'give either --input (NIfTI images) or --store (a preprocessed store), not both',
  });

export const predictCommand = defineCommand({
  name: 'predict',
  summary:
    'segment NIfTI images or a preprocessed store with trained model folder(s), in the original geometry',
  description:
    "With --input, each case is preprocessed with the model's plan; with --store, the cases come preprocessed, as " +
    "the seed's --exec-mode predict reads them (the --fold's validation cases of a training or val store, every case " +
    'of a test store). Each is predicted by sliding windows (Gaussian blending, optional mirror TTA; several --model ' +
    'folders are averaged), mapped back onto the original grid (padding removed, resampled to the cropped shape, ' +
    'pasted into the crop box) and written as a label map with the original header geometry, with --save-preds also ' +
    'the softmax as {case}.npy. Writes are atomic; --continue skips cases already written. Started as several ranks ' +
    '(mpirun, srun), the ranks share the cases out and together write what one process writes.',
  options: predictOptions,
  async run(options, io) {
    const job = await joinCaseJob(io);
    try {
      return await predict(options, io, job);
    } finally {
      await job.close();
    }
  },
});

async function predict(options: z.infer<typeof predictOptions>, io: CliIo, { share, isRoot }: CaseJob) {
  const { initBackend } = await import('@nnunet-ts/tf-backend');
  const { predictFolder, predictStore } = await import('@nnunet-ts/inference');
  const backend = await initBackend({ backend: options.backend });
  if (isRoot) io.stderr.write(`backend: ${backend.backend} (${backend.reason})\n`);
  const progress = progressBar(io);
  const common = {
    models: options.model,
    output: options.output,
    overlap: options.overlap,
    blend: options.blend,
    tta: options.tta,
    batchSize: options.swBatchSize,
    continuePrediction: options.continue,
    saveProbabilities: options.savePreds,
    share,
    onWindows: (id: string, done: number, total: number) => progress.report(`predict ${id}`, done, total),
    onCase: (id: string, done: number, total: number, skipped: boolean) =>
      skipped && io.stderr.write(`${id}: already predicted (${done}/${total})\n`),
  };
  const written = options.store
    ? await predictStore({ ...common, store: options.store, fold: options.fold, nfolds: options.nfolds })
    : await predictFolder({ ...common, input: options.input! });
  progress.stop();
  const counts = share ? await share.allgather(written.length) : [written.length];
  const total = counts.reduce((a, b) => a + b, 0);
  if (isRoot) {
    const ranks = share ? ` by ${share.size} ranks (${counts.join(' + ')})` : '';
    io.stdout.write(`${total} prediction(s) written to ${options.output}${ranks}\n`);
  }
  return 0;
}
