import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isOwnerGone, parseOwnerTag, readNifti } from '@nnunet-ts/io-nifti';
import { parseSummary } from '@nnunet-ts/losses-metrics';
import { readNpy } from '@nnunet-ts/preprocessing';
import { readCheckpoint } from '@nnunet-ts/trainer';

/** Every file below `root`, as paths relative to it, sorted. */
export async function filesBelow(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

const isHidden = (file: string) => path.basename(file).startsWith('.');

/**
 * The files below `root` that look complete (a name of their own, not a hidden temporary one) but
 * cannot be read whole: a half-written file in place is what atomic writes rule out.
 */
export async function incompleteFiles(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await filesBelow(root)) {
    if (isHidden(file)) continue;
    const full = path.join(root, file);
    try {
      if (/\.nii(\.gz)?$/.test(file)) await readNifti(full);
      else if (file.endsWith('.npy')) await readNpy(full);
      else if (file.endsWith('.ckpt')) await readCheckpoint(full);
      else if (path.basename(file) === 'summary.json') parseSummary(await readFile(full, 'utf8'));
      else if (file.endsWith('.json') && !file.endsWith('dllogger.json'))
        JSON.parse(await readFile(full, 'utf8'));
      else if ((await stat(full)).size === 0) throw new Error('empty');
    } catch (error) {
      problems.push(`${file} looks complete but is not: ${(error as Error).message.slice(0, 160)}`);
    }
  }
  return problems;
}

/** The files of `actual` that differ from `expected` (missing, extra or other bytes), `ignore`d names aside. */
export async function differingFiles(expected: string, actual: string, ignore: RegExp): Promise<string[]> {
  const keep = (files: string[]) => files.filter((f) => !ignore.test(f) && !isHidden(f));
  const [want, got] = [keep(await filesBelow(expected)), keep(await filesBelow(actual))];
  const problems = [
    ...want.filter((f) => !got.includes(f)).map((f) => `${f} is missing`),
    ...got.filter((f) => !want.includes(f)).map((f) => `${f} should not be there`),
  ];
  for (const file of want.filter((f) => got.includes(f))) {
    const [a, b] = await Promise.all([
      readFile(path.join(expected, file)),
      readFile(path.join(actual, file)),
    ]);
    if (!a.equals(b)) problems.push(`${file} differs from the uninterrupted run's`);
  }
  return problems;
}

/** Leftovers a later run should have removed: temporary files, locks, loader folders of dead processes. */
export async function leftovers(root: string): Promise<string[]> {
  const found = (await filesBelow(root))
    .filter((f) => /\.tmp$/.test(f) || path.basename(f) === 'train.lock')
    .map((f) => `${f} was left behind`);
  for (const base of ['/dev/shm', tmpdir()]) {
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      if (!name.startsWith('nnunet-loader-')) continue;
      const owner = parseOwnerTag(name.slice('nnunet-loader-'.length, -7));
      if (owner && isOwnerGone(owner))
        found.push(`${path.join(base, name)} of a dead process was left behind`);
    }
  }
  return found;
}

/** The processes still running whose environment carries `marker` (NAME=value): a killed run's orphans. */
export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker))
        pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
