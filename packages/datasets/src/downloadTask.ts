import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { downloadFile, type DownloadProgress } from './internal/downloadFile';
import { extractTar } from './internal/extractTar';
import { msdTaskName } from './msdTasks';

/** Where the seed's `download.py` fetches MSD tarballs (`aws s3 cp s3://msd-for-monai-eu/<Task>.tar`), over HTTPS. */
export const MSD_BASE_URL = 'https://msd-for-monai-eu.s3.amazonaws.com';

export type DownloadTaskProgress =
  | ({ phase: 'download' } & DownloadProgress)
  /** bytes of the archive extracted so far */
  | { phase: 'extract'; done: number; total: number };

export interface DownloadTaskOptions {
  /** The folder that receives `<Task>/` (e.g. `Task04_Hippocampus/`). */
  dataRoot: string;
  /** The tarball's URL; default `${MSD_BASE_URL}/<Task>.tar`. */
  url?: string;
  onProgress?: (progress: DownloadTaskProgress) => void;
  /** How often an interrupted transfer is resumed before giving up (default 3). */
  retries?: number;
}

/**
 * Downloads and extracts an MSD task (`'04'`, `'4'`, `'Task04'`, ...) into `dataRoot`, returning the
 * dataset folder. The tarball goes to `<dataRoot>/<Task>.tar.part`, which a later call resumes
 * (HTTP Range) after an interruption; its size is checked against the server's; it is extracted
 * into a temporary folder that is renamed to `<dataRoot>/<Task>` only once complete, and then
 * deleted. A task folder that already has a `dataset.json` is returned as it is.
 */
export async function downloadTask(task: string, options: DownloadTaskOptions): Promise<string> {
  const name = msdTaskName(task);
  const root = path.resolve(options.dataRoot);
  const target = path.join(root, name);
  if (existsSync(path.join(target, 'dataset.json'))) return target;
  if (existsSync(target)) {
    throw new Error(`${target} exists but has no dataset.json; remove it to download ${name} again`);
  }
  await mkdir(root, { recursive: true });
  const url = options.url ?? `${MSD_BASE_URL}/${name}.tar`;
  const archive = path.join(root, `${name}.tar.part`);
  await downloadFile(url, archive, {
    retries: options.retries,
    onProgress: (progress) => options.onProgress?.({ phase: 'download', ...progress }),
  });

  const temp = path.join(root, `.${name}.extract-${process.pid}-${Date.now().toString(36)}`);
  try {
    await extractTar(archive, temp, (done, total) => options.onProgress?.({ phase: 'extract', done, total }));
    await rename(await datasetFolderIn(temp, archive), target);
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (the download is kept as ${archive}; delete it to download again)`,
      { cause: error },
    );
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  await rm(archive);
  return target;
}

/** The extracted folder that holds dataset.json: the archive's top level, or its one such folder. */
async function datasetFolderIn(extracted: string, archive: string): Promise<string> {
  if (existsSync(path.join(extracted, 'dataset.json'))) return extracted;
  const entries = await readdir(extracted, { withFileTypes: true }).catch(() => []);
  const candidates = entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(extracted, entry.name, 'dataset.json')))
    .map((entry) => path.join(extracted, entry.name));
  if (candidates.length !== 1) {
    throw new Error(
      `${archive}: expected one dataset folder with a dataset.json in the archive, found ${candidates.length}`,
    );
  }
  return candidates[0]!;
}
