import { trainOptionProblems, trainOptionsSchema, type TrainOptions } from '@nnunet-ts/trainer/options';
import type { CliIo } from './CliIo';
import { optionsToArgs } from './optionsToArgs';

/** This program as it was started: node, its flags (tsx and the source condition when run from sources), the script. */
const thisProgram = (): string[] => [process.execPath, ...process.execArgv, process.argv[1]!];

/** The `nnunet-run` arguments that start `options.gpus` ranks of `program train` with the same options. */
export function trainRanksLauncherArgs(options: TrainOptions, program: readonly string[]): string[] {
  const flags = optionsToArgs(trainOptionsSchema, { ...options, gpus: 1 }, 'train');
  return ['-np', String(options.gpus), '--bind-gpus', '--', ...program, 'train', ...flags];
}

/**
 * `nnunet train --gpus N` with N > 1: the same train command, minus --gpus, as N ranks on this host
 * through nnunet-run (one process per GPU, `CUDA_VISIBLE_DEVICES` = local rank; each rank's trainer
 * takes its share of the cores). Returns the job's exit code: a failing rank stops the others and its
 * code is the job's.
 */
export async function trainRanks(options: TrainOptions, io: CliIo, program = thisProgram()): Promise<number> {
  // bad options fail once, here, rather than once per rank
  const problems = trainOptionProblems(options);
  if (problems.length) throw new Error(problems.join('; '));
  const { runLauncher } = await import('@nnunet-ts/distributed');
  return runLauncher(trainRanksLauncherArgs(options, program), {
    stdout: (text) => void io.stdout.write(text),
    stderr: (text) => void io.stderr.write(text),
    env: io.env,
  });
}
