import path from 'node:path';
import {
  defaultDataRoot,
  loadDataset,
  resolveDatasetFolder,
  verifyDataset,
  verifyOptionsSchema,
  type Dataset,
  type DatasetProblem,
} from '@nnunet-ts/datasets';
import { defineCommand } from '../internal/defineCommand';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'check a dataset: missing files, grids, channels, label values, NaN/Inf',
  description:
    'Check every case of a dataset folder (MSD or nnU-Net v2 layout) and list every problem, each with its file: ' +
    'missing or unreadable files, images and labels whose shape, spacing or affine differ, channel counts other ' +
    'than dataset.json declares, 2D/4D images where 3D ones are expected, NaN/Inf voxels, label values that are ' +
    'not integers or not declared. Writes nothing. Exits 1 when there are problems. ' +
    'Give --task NN (looked up under --data) or --data DATASET_FOLDER.',
  options: verifyOptionsSchema,
  async run(options, io) {
    const folder =
      options.task !== undefined
        ? resolveDatasetFolder(options.task, options.data ?? defaultDataRoot(io.env))
        : options.data !== undefined
          ? resolveDatasetFolder(options.data)
          : undefined;
    if (folder === undefined) {
      throw new Error(
        'give --task NN (and --data for the folder that holds the datasets) or --data DATASET_FOLDER',
      );
    }
    const dataset = await loadDataset(folder);
    const problems = await verifyDataset(dataset, {
      tolerance: options.tolerance,
      expectedDim: options.expectedDim,
    });
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ dataset: dataset.root, layout: dataset.layout, problems }, null, 2)}\n`,
      );
    } else {
      io.stdout.write(formatProblems(dataset, problems));
    }
    return problems.length === 0 ? 0 : 1;
  },
});

/** A heading, then each file (relative to the dataset folder) with its problems indented below it. */
function formatProblems(dataset: Dataset, problems: readonly DatasetProblem[]): string {
  const cases = `${dataset.training.length} training and ${dataset.test.length} test cases`;
  const heading = `${dataset.root} (${dataset.layout}, ${cases})`;
  if (problems.length === 0) return `${heading}: no problems found\n`;
  const byFile = new Map<string, string[]>();
  for (const { file, problem } of problems) {
    const relative = path.relative(dataset.root, file);
    const name = relative.startsWith('..') ? file : relative;
    byFile.set(name, [...(byFile.get(name) ?? []), problem]);
  }
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = [`${heading}: ${count(problems.length, 'problem')} in ${count(byFile.size, 'file')}`];
  for (const [file, list] of byFile) lines.push(`  ${file}`, ...list.map((problem) => `    - ${problem}`));
  return `${lines.join('\n')}\n`;
}
