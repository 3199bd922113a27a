import { z } from 'zod';
import { defineCommand } from '../internal/defineCommand';
import { progressBar } from '../internal/progressBar';

export const predictOptions = z.object({
  input: z
    .string()
    .describe(
      'a NIfTI image or a folder of them (MSD: one file per case; nnU-Net v2: {case}_0000 per channel)',
    ),
  output: z.string().describe('folder for the {case}.nii.gz label maps'),
  model: z
    .array(z.string())
    .min(1)
    .describe('model folder(s) written by train; several are ensembled (softmax averaged)'),
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
  saveProbabilities: z
    .boolean()
    .default(false)
    .describe('also write {case}_probabilities.npy on the original grid'),
  backend: z.enum(['auto', 'tensorflow', 'native', 'wasm', 'cpu']).default('auto').describe('tfjs backend'),
});

export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'segment NIfTI images with trained model folder(s), in their original geometry',
  description:
    "Each case is preprocessed with the model's plan, predicted by sliding windows (Gaussian blending, optional mirror " +
    'TTA; several --model folders are averaged), mapped back onto the input grid (padding removed, resampled to the ' +
    "cropped shape, pasted into the crop box) and written as a label map with the input's header geometry. Writes are " +
    'atomic; --continue skips cases already written.',
  options: predictOptions,
  async run(options, io) {
    const { initBackend } = await import('@nnunet-ts/tf-backend');
    const { predictFolder } = await import('@nnunet-ts/trainer');
    const backend = await initBackend({ backend: options.backend });
    io.stderr.write(`backend: ${backend.backend} (${backend.reason})\n`);
    const progress = progressBar(io);
    const written = await predictFolder({
      models: options.model,
      input: options.input,
      output: options.output,
      overlap: options.overlap,
      blend: options.blend,
      tta: options.tta,
      batchSize: options.swBatchSize,
      continuePrediction: options.continue,
      saveProbabilities: options.saveProbabilities,
      onWindows: (id, done, total) => progress.report(`predict ${id}`, done, total),
      onCase: (id, done, total, skipped) =>
        skipped && io.stderr.write(`${id}: already predicted (${done}/${total})\n`),
    });
    progress.stop();
    io.stdout.write(`${written.length} prediction(s) written to ${options.output}\n`);
    return 0;
  },
});
