import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nnunet-ts/io-nifti';
import { z } from 'zod';
import type { Fold } from './crossValidationSplits';
import { DatasetError } from './DatasetError';
import { describeZodIssues } from '@nnunet-ts/plans';

const splitsJson = z
  .array(z.object({ train: z.array(z.string()), val: z.array(z.string()) }))
  .min(1, 'expected at least one fold');

/**
 * Writes folds as nnU-Net v2's `splits_final.json` (a list of `{ "train": [...], "val": [...] }`),
 * indented so a user can edit it; atomically (`writeFileAtomic`).
 */
export async function writeSplits(file: string, splits: readonly Fold[]): Promise<void> {
  const folds = splits.map(({ train, val }) => ({ train, val }));
  try {
    await writeFileAtomic(file, `${JSON.stringify(folds, null, 4)}\n`);
  } catch (error) {
    throw new DatasetError(file, `cannot write the splits: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Reads a `splits_final.json`; throws naming the file and fold when it is not a list of
 * `{ train, val }` string lists, or when a fold has a case in both lists or twice.
 */
export async function readSplits(file: string): Promise<Fold[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DatasetError(file, `cannot read the splits: ${(error as Error).message}`, { cause: error });
  }
  const parsed = splitsJson.safeParse(json);
  if (!parsed.success) {
    const lines = describeZodIssues(parsed.error).map((line) => `\n  ${line}`);
    throw new DatasetError(file, `not a splits_final.json (a list of {train, val} folds):${lines.join('')}`);
  }
  parsed.data.forEach((fold, i) => {
    const seen = new Set<string>();
    for (const id of [...fold.train, ...fold.val]) {
      if (seen.has(id))
        throw new DatasetError(file, `[${i}]: case "${id}" appears more than once in the fold`);
      seen.add(id);
    }
  });
  return parsed.data;
}
