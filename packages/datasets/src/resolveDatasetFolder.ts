import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { taskNumber } from './msdTasks';

/**
 * Where datasets live when no folder is given: `$NNUNET_DATA`, else nnU-Net v2's `$nnUNet_raw`,
 * else `./data` (the seed's default is `/data`, its Docker mount).
 */
export function defaultDataRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(env.NNUNET_DATA || env.nnUNet_raw || 'data');
}

/**
 * The dataset folder a task id or path names: an existing folder with a `dataset.json` is itself;
 * `4`, `04`, `Task04` find `Task04_*` (or nnU-Net v2's `Dataset004_*`) under `dataRoot`; a folder
 * name such as `Task04_Hippocampus` is looked up under `dataRoot`. Throws listing what was searched.
 */
export function resolveDatasetFolder(taskOrPath: string, dataRoot: string = defaultDataRoot()): string {
  const root = path.resolve(dataRoot);
  const searched: string[] = [];
  const direct = path.resolve(taskOrPath);
  if (isDirectory(direct)) return datasetFolder(direct);
  searched.push(direct);

  const number = taskNumber(taskOrPath);
  if (number !== undefined && !/_/.test(taskOrPath)) {
    const entries = isDirectory(root) ? readdirSync(root) : [];
    const matches = entries
      .filter((name) => taskNumber(name) === number && /^(task|dataset)\d+_/i.test(name))
      .filter((name) => isDirectory(path.join(root, name)));
    searched.push(path.join(root, `Task${String(number).padStart(2, '0')}_*`));
    searched.push(path.join(root, `Dataset${String(number).padStart(3, '0')}_*`));
    if (matches.length > 1) {
      throw new Error(
        `task '${taskOrPath}' is ambiguous: ${matches.map((m) => path.join(root, m)).join(', ')} all match`,
      );
    }
    if (matches.length === 1) return datasetFolder(path.join(root, matches[0]!));
  } else {
    const named = path.join(root, taskOrPath);
    if (isDirectory(named)) return datasetFolder(named);
    searched.push(named);
  }
  const hint = isDirectory(root)
    ? ''
    : ` (the data folder ${root} does not exist; set --data or NNUNET_DATA)`;
  throw new Error(`no dataset folder for '${taskOrPath}': searched ${searched.join(', ')}${hint}`);
}

function datasetFolder(folder: string): string {
  if (!existsSync(path.join(folder, 'dataset.json'))) {
    throw new Error(`${folder} is a folder but has no dataset.json, so it is not a dataset folder`);
  }
  return folder;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
