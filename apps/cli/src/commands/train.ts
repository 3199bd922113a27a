import { trainOptionsSchema } from '@nnunet-ts/trainer/options';
import { defineCommand } from '../internal/defineCommand';
import { progressBar } from '../internal/progressBar';
import { trainRanks } from '../internal/trainRanks';

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'plan, preprocess and train a U-Net on a dataset (the built-in phantom by default)',
  description:
    "Train with the seed's options and code defaults: the dataset (--task/--data, else the built-in phantom) is planned " +
    'and preprocessed when needed, the fold split (splits_final.json, KFold seed 12345) chooses training and validation ' +
    'cases, and a U-Net built from the plan trains with validation after --skip-eval epochs, last and best checkpoints, ' +
    'DLLogger records and, at the end, a self-contained model folder for `nnunet predict`. --resume-training continues ' +
    'from the last checkpoint exactly. --gpus N trains data-parallel on N ranks of this host (the command relaunched ' +
    'through nnunet-run). Also runs as `nx run trainer:train -- <flags>`.',
  options: trainOptionsSchema,
  async run(options, io) {
    if (options.gpus > 1) return trainRanks(options, io);
    const { train } = await import('@nnunet-ts/trainer');
    const progress = progressBar(io);
    const result = await train(options, {
      note: (line) => io.stderr.write(`${line}\n`),
      onPreprocessProgress: (e) => progress.report(e.stage, e.done, e.total, e.caseId ?? ''),
      onStep: (e) =>
        progress.report(`epoch ${e.epoch + 1}`, e.step, e.stepsPerEpoch, `loss ${e.loss.toFixed(4)}`),
      consoleStream: io.stdout,
    });
    progress.stop();
    if (result.rank !== 0) return 0; // rank 0 tells the job's outcome
    const best = Number.isNaN(result.summary.bestDice) ? 'not evaluated' : result.summary.bestDice.toFixed(4);
    io.stdout.write(
      [
        `trained ${result.summary.epoch} epochs (${result.summary.step} steps); best validation Dice ${best}`,
        `model folder: ${result.modelFolder}`,
        `log: ${result.logFile}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
});
