import { availableParallelism } from 'node:os';
import path from 'node:path';
import { loadDataset, resolveDatasetFolder, type Dataset } from '@nnunet-ts/datasets';
import { defaultResultsRoot, preprocessedFolder } from '../store/storeLayout';

/** The dataset, its output folder and the worker count that `--task`, `--data`, `--results`, `--n-jobs` name. */
export async function resolveDataset(options: {
  task?: string;
  data?: string;
  results?: string;
  nJobs?: number;
}): Promise<{ dataset: Dataset; folderName: string; results: string; outputFolder: string; nJobs: number }> {
  let folder: string;
  if (options.task !== undefined) folder = resolveDatasetFolder(options.task, options.data);
  else if (options.data !== undefined) folder = resolveDatasetFolder(options.data);
  else throw new Error('name the dataset with --task (under --data) or --data (the dataset folder itself)');
  const dataset = await loadDataset(folder);
  const folderName = path.basename(dataset.root);
  const results = options.results !== undefined ? path.resolve(options.results) : defaultResultsRoot();
  return {
    dataset,
    folderName,
    results,
    outputFolder: preprocessedFolder(results, folderName),
    nJobs: options.nJobs ?? availableParallelism(),
  };
}
