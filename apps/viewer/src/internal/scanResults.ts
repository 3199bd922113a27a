import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The files of a results folder that the viewer and the report use. */
export interface ResultsScan {
  /** the folder, resolved (symbolic links included) */
  root: string;
  /** `summary.json` files */
  summaries: string[];
  /** DLLogger JSON-lines logs (files whose text starts with `DLLL `) */
  logs: string[];
  /** folders that hold a `dataset.json` */
  datasetFolders: string[];
  /** `.nii` / `.nii.gz` files */
  niftis: string[];
}

/** Folder levels below the results folder that are searched (fold_0/validation/x.nii.gz is 2). */
const MAX_DEPTH = 4;

export const NIFTI_FILE = /\.nii(\.gz)?$/i;
const LOG_CANDIDATE = /\.(json|log|txt)$/i;

/**
 * Lists a results folder: summaries, DLLogger logs, dataset.json folders and NIfTI files, up to
 * {@link MAX_DEPTH} levels down, in path order. Hidden entries and `node_modules` are skipped; a
 * symbolic link counts only when its target lies inside the folder, so nothing outside it is listed.
 */
export async function scanResults(folder: string): Promise<ResultsScan> {
  let root: string;
  try {
    root = await realpath(folder);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch (error) {
    throw new Error(`results folder ${folder}: ${reason(error)}`, { cause: error });
  }
  const scan: ResultsScan = { root, summaries: [], logs: [], datasetFolders: [], niftis: [] };
  await walk(root, 0, scan);
  for (const list of [scan.summaries, scan.logs, scan.datasetFolders, scan.niftis]) list.sort();
  return scan;
}

async function walk(dir: string, depth: number, scan: ResultsScan): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    let file = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await realpath(file).catch(() => undefined);
      if (target === undefined || !isInside(scan.root, target)) continue;
      const info = await stat(target);
      // a linked folder is not entered: it could lead back up and loop
      isDirectory = false;
      isFile = info.isFile();
      file = target;
    }
    if (isDirectory) {
      if (depth < MAX_DEPTH) await walk(file, depth + 1, scan);
    } else if (isFile) {
      if (entry.name === 'summary.json') scan.summaries.push(file);
      else if (entry.name === 'dataset.json') scan.datasetFolders.push(path.dirname(file));
      else if (NIFTI_FILE.test(entry.name)) scan.niftis.push(file);
      else if (LOG_CANDIDATE.test(entry.name) && (await startsWithDlll(file))) scan.logs.push(file);
    }
  }
}

/** Whether `file` is `folder` or lies inside it (both absolute and resolved). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

async function startsWithDlll(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return bytesRead === 5 && buffer.toString('latin1') === 'DLLL ';
  } finally {
    await handle.close();
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  return error instanceof Error ? error.message : String(error);
}
